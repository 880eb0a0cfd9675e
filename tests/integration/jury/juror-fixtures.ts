// The juror side's test world: a contest in its jury phase, made through the domain where it
// matters (submitted versions with their receipts, files taken in and processed as in production)
// and directly in the database where it does not (jurors, assignments, sessions).
import { randomBytes } from "node:crypto";
import { createSession } from "../../../app/accounts/sessions.server";
import { Readable } from "node:stream";
import { createContest, type Contest } from "~/contest/contests.server";
import { fromParisLocal } from "~/infra/paris-time";
import type { BlobStore } from "~/infra/blobs/blob-store";
import type { Sql } from "~/infra/db.server";
import { describePhoto } from "~/media/files.server";
import { processUpload } from "~/media/processing.server";
import { receiveUpload } from "~/media/uploads.server";
import { createProposal, saveDraft, submitProposal } from "~/submissions/proposals.server";
import type { ProposalDraft } from "~/submissions/schemas";
import { contestInput } from "../../support/contest-fixtures";
import { addReadyPhoto, completeDraft, duringSubmissions } from "../../support/proposal-fixtures";

// The calendar of contestInput(): submissions 1–29 March 2026, review 1 April 09:00 – 1 May 18:00, results 15 May.
export const beforeReview = fromParisLocal("2026-03-30T12:00");
export const duringReview = fromParisLocal("2026-04-15T12:00");
export const reviewCloses = fromParisLocal("2026-05-01T18:00");
export const afterReview = fromParisLocal("2026-05-02T12:00");

const unique = () => randomBytes(5).toString("hex");

export async function juryContest(sql: Sql): Promise<Contest> {
  const admin = await person(sql, { name: "Gestionnaire" });
  return createContest(
    contestInput({
      slug: `jury-${unique()}`,
      criterionLabel: ["Pertinence pédagogique", "Accessibilité", "Coût"],
      criterionDescription: ["Répond aux besoins des publics.", "Utilisable par tous.", "Prix et reproductibilité."],
      criterionWeight: ["50", "30", "20"],
    }),
    admin,
    sql,
  );
}

/** A confirmed account without any role; with TOTP enrolled when asked. Returns its id. */
export async function person(sql: Sql, options: { name?: string; email?: string; totp?: boolean } = {}): Promise<number> {
  const [user] = await sql<{ id: number }[]>`
    insert into users (email, name, password_hash, email_confirmed_at, totp_secret, totp_enabled_at)
    values (${options.email ?? `p${unique()}@exemple.fr`}, ${options.name ?? "Personne"}, 'x', now(),
            ${options.totp ? "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP" : null}, ${options.totp ? new Date() : null})
    returning id`;
  return user.id;
}

/** A session as login would leave it (TOTP given); returns the cookie header. */
export async function sessionCookie(sql: Sql, userId: number) {
  const { token } = await createSession({ userId, secondFactor: true }, sql);
  return `kits_session=${token}`;
}

/** A juror of the contest: the role for it, the jurors row, TOTP on. Returns their id. */
export async function juror(sql: Sql, contestId: number, options: { name?: string; maxLoad?: number | null } = {}) {
  const id = await person(sql, { name: options.name ?? "Membre du jury", totp: true });
  await sql`insert into memberships (user_id, role, scope) values (${id}, 'juror', ${`contest:${contestId}`})`;
  await sql`insert into jurors (contest_id, user_id, max_load) values (${contestId}, ${id}, ${options.maxLoad ?? null})`;
  return id;
}

export async function designer(sql: Sql, options: { name?: string; email?: string } = {}) {
  const id = await person(sql, { name: options.name ?? "Alex Candidat", email: options.email });
  await sql`insert into memberships (user_id, role) values (${id}, 'designer')`;
  return id;
}

/**
 * A proposal submitted through the domain (a version, a receipt), with one ready photo row unless
 * `addFiles` adds its files.
 */
export async function submittedEntry(
  sql: Sql,
  contestId: number,
  options: { ownerId?: number; draft?: Partial<ProposalDraft>; addFiles?: (proposalId: number, ownerId: number) => Promise<void> } = {},
) {
  const ownerId = options.ownerId ?? (await designer(sql));
  const proposalId = await createProposal({ contestId, ownerId, now: duringSubmissions }, sql);
  await saveDraft({ proposalId, ownerId, draft: { ...completeDraft, ...options.draft }, now: duringSubmissions }, sql);
  if (options.addFiles) await options.addFiles(proposalId, ownerId);
  else await addReadyPhoto(sql, proposalId);
  const receipt = await submitProposal({ proposalId, ownerId, now: duringSubmissions }, sql);
  return { proposalId, ownerId, receipt };
}

export async function assign(sql: Sql, proposalId: number, userId: number, contestId: number) {
  await sql`insert into assignments (proposal_id, user_id, contest_id) values (${proposalId}, ${userId}, ${contestId})`;
}

export async function auditEntries(sql: Sql, action: string) {
  return sql<{ actorId: number | null; subject: string; data: Record<string, unknown> }[]>`
    select actor_id, subject, data from audit_log where action = ${action} order by id`;
}

/**
 * A file taken in and processed as in production (receiveUpload, then processUpload), in the given
 * blob store — the test server's own, for HTTP tests. Waits until it is ready: the server's worker
 * may be processing the same job, and the processing is idempotent.
 */
export async function processedFile(
  sql: Sql,
  store: BlobStore,
  input: { proposalId: number; ownerId: number; kind: "photo" | "document"; filename: string; bytes: Buffer; description?: string },
) {
  const file = await receiveUpload(
    { proposalId: input.proposalId, ownerId: input.ownerId, kind: input.kind, filename: input.filename, stream: Readable.from([input.bytes]), now: duringSubmissions },
    { sql, store },
  );
  await processUpload(file.id, { sql, store });
  // Generous: the machine may be busy.
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    const [row] = await sql<{ status: string; refusalReason: string | null }[]>`select status, refusal_reason from proposal_files where id = ${file.id}`;
    if (row.status === "ready") {
      // A photo is described by its candidate before submission, as the proposal page requires.
      if (input.kind === "photo") {
        await describePhoto({ proposalId: input.proposalId, ownerId: input.ownerId, fileId: file.id, description: input.description ?? "Le kit ouvert sur une table.", now: duringSubmissions }, { sql, store });
      }
      return file.id;
    }
    if (row.status === "refused") throw new Error(`fichier refusé : ${row.refusalReason}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("fichier jamais prêt");
}
