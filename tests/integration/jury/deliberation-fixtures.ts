// A contest taken to the end of its review phase: eligible entries submitted by real domain calls,
// jurors with assignments, and reviews written as the juror side stores them ({criterion id: 0–5}).
import { randomBytes } from "node:crypto";
import { createContest, type Contest } from "~/contest/contests.server";
import { fromParisLocal } from "~/infra/paris-time";
import type { Sql } from "~/infra/db.server";
import { createProposal, ruleEligibility, saveDraft, submitProposal } from "~/submissions/proposals.server";
import { contestInput } from "../../support/contest-fixtures";
import { addReadyPhoto, completeDraft, createUser, duringSubmissions } from "../../support/proposal-fixtures";

// The default contest form: submissions close 29 March 2026 at noon, review 1 April – 1 May 18:00, results 15 May.
export const duringReview = fromParisLocal("2026-04-10T12:00");
export const afterReview = fromParisLocal("2026-05-02T12:00");
export const afterResultsDate = fromParisLocal("2026-05-20T12:00");

export type JuryWorld = {
  contest: Contest;
  adminId: number;
  /** Criterion ids as the reviews key them: usage (weight 2), design (weight 1). */
  usage: string;
  design: string;
  entries: { id: number; ownerId: number; ownerEmail: string; title: string; photoId: number }[];
  jurors: number[];
};

async function createUserWithEmail(sql: Sql, name: string) {
  const id = await createUser(sql, name);
  const [{ email }] = await sql<{ email: string }[]>`select email from users where id = ${id}`;
  return { id, email };
}

/** A contest with criteria weighted 2 and 1, `entryCount` eligible entries (one ready photo each), and `jurorCount` jurors. */
export async function juryWorld(sql: Sql, options: { entryCount?: number; jurorCount?: number; ineligible?: number } = {}): Promise<JuryWorld> {
  const adminId = await createUser(sql, "Gestionnaire");
  const contest = await createContest(
    contestInput({
      slug: `jury-${randomBytes(4).toString("hex")}`,
      criterionLabel: ["Usage", "Conception"],
      criterionDescription: ["", ""],
      criterionWeight: ["2", "1"],
    }),
    adminId,
    sql,
  );
  const entries: JuryWorld["entries"] = [];
  const total = (options.entryCount ?? 3) + (options.ineligible ?? 0);
  for (let i = 0; i < total; i++) {
    const owner = await createUserWithEmail(sql, `Candidat ${i + 1}`);
    const id = await createProposal({ contestId: contest.id, ownerId: owner.id, now: duringSubmissions }, sql);
    const title = `Kit numéro ${i + 1}`;
    await saveDraft({ proposalId: id, ownerId: owner.id, draft: { ...completeDraft, title, unitPrice: 10_000 + i * 1_000, monthlyCapacity: 100 + i }, now: duringSubmissions }, sql);
    const photoId = await addReadyPhoto(sql, id);
    await submitProposal({ proposalId: id, ownerId: owner.id, now: duringSubmissions }, sql);
    const eligible = i < (options.entryCount ?? 3);
    await ruleEligibility(
      { proposalId: id, ruling: eligible ? "eligible" : "ineligible", reason: eligible ? undefined : "Le dossier ne respecte pas le règlement.", actorId: adminId, now: duringReview },
      sql,
    );
    if (eligible) entries.push({ id, ownerId: owner.id, ownerEmail: owner.email, title, photoId });
  }
  const jurors: number[] = [];
  for (let j = 0; j < (options.jurorCount ?? 2); j++) {
    const id = await createUser(sql, `Juré ${j + 1}`);
    await sql`insert into memberships (user_id, role, scope) values (${id}, 'juror', ${`contest:${contest.id}`})`;
    await sql`insert into jurors (contest_id, user_id, invited_by) values (${contest.id}, ${id}, ${adminId})`;
    jurors.push(id);
  }
  const [usage, design] = contest.criteria.map((c) => String(c.id));
  return { contest, adminId, usage, design, entries, jurors };
}

/** An assignment and the juror's review of it, as the juror side stores them. */
export async function review(
  sql: Sql,
  world: JuryWorld,
  input: { juror: number; entry: number; scores: Record<string, number>; submitted?: boolean; commentForCandidate?: string; commentForAdmins?: string },
) {
  await sql`
    insert into assignments (proposal_id, user_id, contest_id, created_by)
    values (${input.entry}, ${input.juror}, ${world.contest.id}, ${world.adminId})
    on conflict do nothing`;
  const submitted = input.submitted ?? true;
  await sql`
    insert into reviews (proposal_id, user_id, status, scores, comment_for_admins, comment_for_candidate, submitted_at, updated_at)
    values (${input.entry}, ${input.juror}, ${submitted ? "submitted" : "in_progress"}, ${sql.json(input.scores)},
            ${input.commentForAdmins ?? ""}, ${input.commentForCandidate ?? ""}, ${submitted ? duringReview : null}, ${duringReview})`;
}

/**
 * The hand-worked example (criteria usage ×2, design ×1; totals = (2·usage + design) / 3):
 *   juror A: entry 1 → 3 (4, 1), entry 2 → 5 (5, 5), entry 3 → 1 (1, 1)
 *   juror B: entry 1 → 1 (1, 1), entry 2 → 3 (3, 3)
 * Juror A: mean 3, sd 2, z = 0, +1, −1. Juror B: mean 2, sd √2, z = −1/√2, +1/√2.
 * Entry 2: raw 4, z̄ = (1 + 1/√2)/2; entry 1: raw 2, z̄ = −1/(2√2); entry 3: raw 1, z̄ = −1.
 * Entries 1 and 2 have ranges of 2: both flagged. Severity: A +2, B −2.
 * Panel: totals 3, 5, 1, 1, 3 → mean 2.6, sd √2.8. Alpha on units {3, 1}, {5, 3}: D_o = 4, D_e = 16/3, α = 0.25.
 */
export async function handWorkedReviews(sql: Sql, world: JuryWorld) {
  const [a, b] = world.jurors;
  const [e1, e2, e3] = world.entries.map((e) => e.id);
  const { usage, design } = world;
  await review(sql, world, { juror: a, entry: e1, scores: { [usage]: 4, [design]: 1 }, commentForCandidate: "Une belle idée, à simplifier." });
  await review(sql, world, { juror: a, entry: e2, scores: { [usage]: 5, [design]: 5 }, commentForAdmins: "Le meilleur dossier." });
  await review(sql, world, { juror: a, entry: e3, scores: { [usage]: 1, [design]: 1 } });
  await review(sql, world, { juror: b, entry: e1, scores: { [usage]: 1, [design]: 1 } });
  await review(sql, world, { juror: b, entry: e2, scores: { [usage]: 3, [design]: 3 }, commentForCandidate: "Très convaincant." });
}
