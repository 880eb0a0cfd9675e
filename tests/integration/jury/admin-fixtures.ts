// Rows for the jury's integration tests, written straight to the database: contests, proposals in a
// given status with a submitted version, jurors and their ties. The flows that create them for real
// (submission, eligibility ruling, the juror's own pages) are tested elsewhere.
import { createHash, randomBytes } from "node:crypto";
import { createContest } from "~/contest/contests.server";
import { fromParisLocal } from "~/infra/paris-time";
import type { Sql } from "~/infra/db.server";
import { emptyDraft, type ProposalDraft } from "~/submissions/schemas";
import type { ProposalStatus } from "~/submissions/statuses";
import { contestInput } from "../../support/contest-fixtures";

/** Instants of the fixture contest's calendar (contest-fixtures: review from 1 April to 1 May 2026). */
export const duringReview = fromParisLocal("2026-04-10T12:00");
export const afterReview = fromParisLocal("2026-05-05T12:00");

const unique = () => randomBytes(5).toString("hex");

export async function createPerson(sql: Sql, options: { name?: string; email?: string; confirmed?: boolean } = {}) {
  const email = options.email ?? `p${unique()}@exemple-jury.fr`;
  const [user] = await sql<{ id: number }[]>`
    insert into users (email, name, password_hash, email_confirmed_at)
    values (${email}, ${options.name ?? "Personne"}, 'x', ${options.confirmed === false ? null : new Date()})
    returning id`;
  return { id: user.id, email, name: options.name ?? "Personne" };
}

export async function createJuryContest(sql: Sql, overrides: Record<string, string | string[]> = {}) {
  const admin = await createPerson(sql, { name: "Gestionnaire" });
  await sql`insert into memberships (user_id, role) values (${admin.id}, 'admin')`;
  const contest = await createContest(
    contestInput({ slug: `jury-${unique()}`, themes: "Réseaux sociaux\nAchats en ligne\nTélétravail", ...overrides }),
    admin.id,
    sql,
  );
  return { contest, adminId: admin.id };
}

/**
 * A proposal in the given status (eligible by default) owned by a new person; with a submitted
 * version holding `fields` unless `submitted` is false (then `fields` is only the draft). `draft`
 * overrides the draft when it differs from the submitted version.
 */
export async function createEntry(
  sql: Sql,
  contestId: number,
  options: {
    owner?: { name?: string; email?: string };
    ownerId?: number;
    fields?: Partial<ProposalDraft>;
    draft?: Partial<ProposalDraft>;
    status?: ProposalStatus;
    submitted?: boolean;
  } = {},
) {
  const ownerId = options.ownerId ?? (await createPerson(sql, options.owner)).id;
  const fields: ProposalDraft = { ...emptyDraft, title: `Kit ${unique()}`, themes: ["Réseaux sociaux"], ...options.fields };
  const draft: ProposalDraft = { ...fields, ...options.draft };
  const status = options.status ?? "eligible";
  const submitted = options.submitted ?? status !== "draft";
  const [proposal] = await sql<{ id: number }[]>`
    insert into proposals (contest_id, owner_id, status, title, draft, current_version, ineligibility_reason)
    values (${contestId}, ${ownerId}, ${status}, ${draft.title}, ${sql.json(draft as never)}, ${submitted ? 1 : 0},
            ${status === "ineligible" ? "Hors sujet." : null})
    returning id`;
  if (submitted) {
    const content = { proposal: proposal.id, contest: contestId, version: 1, fields, files: [] };
    await sql`
      insert into proposal_versions (proposal_id, version, draft_revision, receipt_number, submitted_at, submitted_by, content, digest)
      values (${proposal.id}, 1, 0, ${`KIT-2026-${String(100000 + proposal.id)}`}, now(), ${ownerId}, ${sql.json(content as never)},
              ${createHash("sha256").update(String(proposal.id)).digest("hex")})`;
  }
  return { id: proposal.id, ownerId };
}

/** A juror of the contest (membership, jurors row), as an accepted invitation leaves them. */
export async function createJuror(
  sql: Sql,
  contestId: number,
  options: { name?: string; email?: string; themes?: string[]; maxLoad?: number | null } = {},
) {
  const person = await createPerson(sql, { name: options.name ?? `Juré ${unique()}`, email: options.email });
  await sql`insert into memberships (user_id, role, scope) values (${person.id}, 'juror', ${`contest:${contestId}`})`;
  await sql`
    insert into jurors (contest_id, user_id, themes, max_load)
    values (${contestId}, ${person.id}, ${options.themes ?? []}, ${options.maxLoad ?? null})`;
  return person;
}

export async function declareTie(
  sql: Sql,
  contestId: number,
  userId: number,
  tie: { kind: "organisation" | "email_domain" | "person"; label: string; siret?: string },
) {
  await sql`
    insert into juror_ties (contest_id, user_id, kind, label, siret)
    values (${contestId}, ${userId}, ${tie.kind}, ${tie.label}, ${tie.siret ?? null})`;
}

export async function setReview(sql: Sql, proposalId: number, userId: number, status: "in_progress" | "submitted", scores: Record<string, number> = {}) {
  await sql`
    insert into reviews (proposal_id, user_id, status, scores, submitted_at)
    values (${proposalId}, ${userId}, ${status}, ${sql.json(scores)}, ${status === "submitted" ? new Date() : null})
    on conflict (proposal_id, user_id) do update set status = excluded.status, scores = excluded.scores, submitted_at = excluded.submitted_at`;
}

export async function auditOf(sql: Sql, action: string) {
  return sql<{ actorId: number | null; subject: string | null; data: Record<string, unknown> }[]>`
    select actor_id, subject, data from audit_log where action = ${action} order by id`;
}

export async function pairsOf(sql: Sql, contestId: number) {
  const rows = await sql<{ proposalId: number; userId: number }[]>`
    select proposal_id, user_id from assignments where contest_id = ${contestId} order by proposal_id, user_id`;
  return rows.map((row) => `${row.proposalId}:${row.userId}`);
}
