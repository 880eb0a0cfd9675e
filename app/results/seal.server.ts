// Sealing the scores at review close: a snapshot of every submitted review of the eligible
// entries, its SHA-256 stored with it and written to the audit log. From then on the reviews of
// the contest no longer change (refused by the database, see 0009_sealed_results.sql), and the
// deliberation reads the snapshot only.
import { z } from "zod";
import { appendAudit } from "~/audit/audit.server";
import { lockContest } from "~/contest/contests.server";
import { formatParis } from "~/infra/paris-time";
import { contestPhase } from "~/contest/phase";
import { db, violatesConstraint, type Sql } from "~/infra/db.server";
import { Conflict } from "~/infra/domain-errors";
import { transaction } from "~/infra/transaction.server";
import { SCORE_MAX, SCORE_MIN } from "./scoring";
import type { Deliberation } from "./scoring";
import { deliberate, normaliseSnapshot, snapshotDigest, SNAPSHOT_FORMAT, type ScoreSnapshot, type SealedReview } from "./snapshot";

/** Sealing is not possible now (too early, already sealed); the message says why. */
export class SealRefused extends Conflict {}

export type Seal = {
  contestId: number;
  sealedAt: Date;
  sealedBy: number | null;
  sealedByName: string | null;
  snapshot: ScoreSnapshot;
  digest: string;
};

const scoresSchema = z.record(z.number().finite().min(SCORE_MIN).max(SCORE_MAX));

/**
 * Seals the submitted scores of a contest whose review phase has closed (by `now`). Refused before
 * the close and a second time. Returns the seal.
 */
export async function sealScores(input: { contestId: number; actorId: number; now: Date }, sql: Sql = db): Promise<Seal> {
  try {
    return await transaction(sql, async (tx) => {
      // The contest row orders sealing against itself and against decisions and publication.
      const contest = await lockContest(input.contestId, tx);
      const phase = contestPhase(contest.calendar, input.now);
      if (phase !== "deliberation" && phase !== "results_published") {
        throw new SealRefused(
          `Les notes se scellent à la fin de l'évaluation, le ${formatParis(contest.calendar.reviewCloseAt)} (heure de Paris) : les membres du jury peuvent encore modifier leurs évaluations.`,
        );
      }
      const [existing]: [{ sealedAt: Date }?] = await tx`select sealed_at from score_seals where contest_id = ${input.contestId}`;
      if (existing)
        throw new SealRefused(`Les notes sont déjà scellées depuis le ${formatParis(existing.sealedAt)} : un scellement ne se refait pas.`);

      // Writers of reviews still in flight finish first, and later ones wait for the seal then see it
      // (the trigger refuses them): the snapshot misses no review and none changes after it.
      await tx`lock table reviews in share mode`;
      const entries = await tx<{ id: number }[]>`
        select id from proposals where contest_id = ${input.contestId} and status = 'eligible' order by id`;
      const rows = await tx<
        { proposalId: number; userId: number; scores: unknown; commentForAdmins: string; commentForCandidate: string; submittedAt: Date }[]
      >`
        select r.proposal_id, r.user_id, r.scores, r.comment_for_admins, r.comment_for_candidate, r.submitted_at
        from reviews r join proposals p on p.id = r.proposal_id
        where p.contest_id = ${input.contestId} and p.status = 'eligible' and r.status = 'submitted'
        order by r.proposal_id, r.user_id`;
      const reviews: SealedReview[] = rows.map((row) => ({
        proposal: Number(row.proposalId),
        juror: Number(row.userId),
        scores: scoresSchema.parse(row.scores),
        commentForAdmins: row.commentForAdmins,
        commentForCandidate: row.commentForCandidate,
        submittedAt: row.submittedAt.toISOString(),
      }));
      const snapshot = normaliseSnapshot({
        format: SNAPSHOT_FORMAT,
        contest: contest.id,
        sealedAt: input.now.toISOString(),
        criteria: contest.criteria.map((c) => ({ id: String(c.id), label: c.label, weight: c.weight })),
        entries: entries.map((e) => Number(e.id)),
        reviews,
      });
      const digest = snapshotDigest(snapshot);
      await tx`
        insert into score_seals (contest_id, sealed_at, sealed_by, snapshot, digest)
        values (${contest.id}, ${input.now}, ${input.actorId}, ${tx.json(snapshot as never)}, ${digest})`;
      await appendAudit(tx, {
        actorId: input.actorId,
        action: "scores.sealed",
        subject: `contest:${contest.id}`,
        data: { digest, algorithm: "SHA-256", entries: snapshot.entries.length, reviews: reviews.length, sealedAt: snapshot.sealedAt },
      });
      return { contestId: contest.id, sealedAt: input.now, sealedBy: input.actorId, sealedByName: null, snapshot, digest };
    });
  } catch (error) {
    // Two admins sealing at once: the second one's insert meets the first one's row.
    if (violatesConstraint(error, "score_seals_pkey")) throw new SealRefused("Les notes sont déjà scellées : un scellement ne se refait pas.");
    throw error;
  }
}

export async function findSeal(contestId: number, sql: Sql = db): Promise<Seal | null> {
  const [row]: [
    { contestId: number; sealedAt: Date; sealedBy: number | null; sealedByName: string | null; snapshot: ScoreSnapshot; digest: string }?,
  ] = await sql`
    select s.contest_id, s.sealed_at, s.sealed_by, u.name as sealed_by_name, s.snapshot, s.digest
    from score_seals s left join users u on u.id = s.sealed_by
    where s.contest_id = ${contestId}`;
  return row ? { ...row, contestId: Number(row.contestId) } : null;
}

// A seal never changes once written (score_seals_immutable), and its figures are a pure function of
// its snapshot: computed once per process, they are found again by the digest, which is read
// without the snapshot. Reading and ranking 15,000 sealed reviews takes a second at national size.
const SEALS_KEPT = 4;
const sealedFigures = new Map<string, SealedFigures>();

type SealedFigures = {
  snapshot: ScoreSnapshot;
  figures: Deliberation;
  /** Every juror with a review in the snapshot (15,000 reviews at national size: read once per seal). */
  jurorIds: number[];
};

/** The seal of a contest with its deliberation's figures (ranking, jurors, agreement); null before the seal. */
export async function findSealWithFigures(
  contestId: number,
  sql: Sql = db,
): Promise<{ seal: Seal; figures: Deliberation; jurorIds: number[] } | null> {
  const [head]: [Omit<Seal, "snapshot">?] = await sql`
    select s.contest_id, s.sealed_at, s.sealed_by, u.name as sealed_by_name, s.digest
    from score_seals s left join users u on u.id = s.sealed_by
    where s.contest_id = ${contestId}`;
  if (!head) return null;
  let known = sealedFigures.get(head.digest);
  if (!known) {
    const { snapshot } = (await findSeal(contestId, sql))!;
    known = { snapshot, figures: deliberate(snapshot), jurorIds: [...new Set(snapshot.reviews.map((r) => r.juror))] };
    if (sealedFigures.size >= SEALS_KEPT) sealedFigures.delete(sealedFigures.keys().next().value!);
    sealedFigures.set(head.digest, known);
  }
  return { seal: { ...head, contestId: Number(head.contestId), snapshot: known.snapshot }, figures: known.figures, jurorIds: known.jurorIds };
}

/** True when the stored snapshot still hashes to the stored digest. */
export function sealHolds(seal: Pick<Seal, "snapshot" | "digest">): boolean {
  return snapshotDigest(seal.snapshot) === seal.digest;
}
