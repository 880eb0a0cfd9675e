import type { Sql } from "~/infra/db.server";

// Each person is on one side of a contest: a candidate or a juror, never both
// (docs/architecture.md, Invariants). The jury's invitations and the submissions' new proposals
// both ask here first, under the same lock, which is why the check lives with the contest that
// both domains already depend on rather than in either of them.

/**
 * Whether the person is a juror of the contest, checked under a lock on (contest, person) held
 * until the transaction ends. Invitations and proposal creations both call it first, so of two
 * concurrent ones the second waits and then sees the first (READ COMMITTED: each statement reads
 * what was committed before it started).
 */
export async function holdsJurySeat(contestId: number, userId: number, tx: Sql): Promise<boolean> {
  await tx`select pg_advisory_xact_lock(hashtextextended(${`jury-candidacy:${contestId}:${userId}`}, 0))`;
  const [row] = await tx<{ juror: boolean }[]>`
    select exists (select 1 from jurors where contest_id = ${contestId} and user_id = ${userId}) as juror`;
  return row.juror;
}
