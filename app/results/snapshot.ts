// The sealed snapshot of a contest's scores, and the deliberation computed from it. Pure, no I/O.
//
// The snapshot is what the deliberation, the decisions and the published scores all read: once
// sealed, nothing the jurors' side does can change a figure. Its SHA-256 is taken over its
// canonical JSON (sorted keys, no whitespace, see canonicalJson), so anyone holding the stored
// snapshot can recompute the digest written to the audit log.
import { createHash } from "node:crypto";
import { canonicalJson } from "~/audit/chain";
import { rankEntries, type Deliberation } from "./scoring";

export const SNAPSHOT_FORMAT = 1;

export type SealedCriterion = { id: string; label: string; weight: number };

export type SealedReview = {
  proposal: number;
  juror: number;
  /** {criterion id: 0–5}, as the juror submitted them. */
  scores: Record<string, number>;
  commentForAdmins: string;
  commentForCandidate: string;
  submittedAt: string;
};

export type ScoreSnapshot = {
  format: typeof SNAPSHOT_FORMAT;
  contest: number;
  sealedAt: string;
  /** The contest's criteria at the seal, in their order. */
  criteria: SealedCriterion[];
  /** The eligible entries at the seal, ascending: each is ranked, reviewed or not. */
  entries: number[];
  /** Every submitted review of those entries, by entry then juror. */
  reviews: SealedReview[];
};

/** Puts a snapshot in its one canonical order, so the same scores always give the same digest. */
export function normaliseSnapshot(snapshot: ScoreSnapshot): ScoreSnapshot {
  return {
    ...snapshot,
    entries: [...snapshot.entries].sort((a, b) => a - b),
    reviews: [...snapshot.reviews].sort((a, b) => a.proposal - b.proposal || a.juror - b.juror),
  };
}

/** SHA-256 (hex) of the snapshot's canonical JSON: the digest written to the audit log. */
export function snapshotDigest(snapshot: ScoreSnapshot): string {
  return createHash("sha256").update(canonicalJson(snapshot), "utf8").digest("hex");
}

/** The ranking, the jurors' figures and the panel's agreement, from the snapshot alone. */
export function deliberate(snapshot: ScoreSnapshot): Deliberation {
  return rankEntries(
    snapshot.criteria.map(({ id, weight }) => ({ id, weight })),
    snapshot.reviews.map((review) => ({ entryId: String(review.proposal), jurorId: String(review.juror), scores: review.scores })),
    { entryIds: snapshot.entries.map(String) },
  );
}
