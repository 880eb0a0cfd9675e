// The jury's figures for the deliberation: weighted means, per-juror normalisation, disagreement,
// per-juror severity, the panel's agreement, and the ranking. Pure, no I/O; works from the sealed
// snapshot of submitted reviews.
//
// Conventions, chosen once for every figure here:
// - Scores are 0–5 per criterion; weights are non-negative integers. A review's total is its
//   weighted mean Σ wᵢsᵢ / Σ wᵢ, on the same 0–5 scale.
// - Standard deviations are sample ones (divisor n − 1): the reviews are a sample of what the panel
//   could have said. Undefined (null) below two values.
// - Undefined figures are null, never NaN: an empty input gives an empty ranking and null means.
// - Floating-point equality is decided at 1e-9 (4.1 − 2.1 must count as 2 for the disagreement
//   flag, and two entries with the same scores must tie however the sums were ordered).
// - The reviews are put in a canonical order (entry, then juror) before any sum, so the figures do
//   not depend on the order the database returned them in.
import { agreementLevel, interpretAlpha, krippendorffAlphaInterval, type AgreementLevel, type AlphaResult } from "./agreement";

export const SCORE_MIN = 0;
export const SCORE_MAX = 5;
const EPSILON = 1e-9;

/**
 * Two reviews of one entry at least this far apart (max − min of their totals, 0–5 scale) flag the
 * entry for discussion: 2 points is 40 % of the scale — one juror finds it good (4), another weak (2).
 * A range rather than a standard deviation because it reads directly and does not depend on the
 * number of reviews (with 2 reviews, sd = range/√2; with 3, between range/2 and range/√3).
 */
export const DISAGREEMENT_RANGE = 2;

export type Criterion = { id: string; weight: number };
export type Scores = Readonly<Record<string, number>>;
export type Review = { entryId: string; jurorId: string; scores: Scores };

function checkCriteria(criteria: readonly Criterion[]) {
  const ids = new Set<string>();
  for (const { id, weight } of criteria) {
    if (!Number.isInteger(weight) || weight < 0) throw new RangeError(`criterion ${id}: weight ${weight} is not a non-negative integer`);
    if (ids.has(id)) throw new RangeError(`criterion ${id} appears twice`);
    ids.add(id);
  }
}

function weightedMeanUnchecked(criteria: readonly Criterion[], scores: Scores): number | null {
  let weighted = 0;
  let weights = 0;
  for (const { id, weight } of criteria) {
    if (weight === 0) continue;
    const score = scores[id];
    if (score === undefined) return null;
    if (!Number.isFinite(score) || score < SCORE_MIN || score > SCORE_MAX) {
      throw new RangeError(`criterion ${id}: score ${score} is outside ${SCORE_MIN}–${SCORE_MAX}`);
    }
    weighted += weight * score;
    weights += weight;
  }
  return weights === 0 ? null : weighted / weights;
}

/**
 * A review's total: Σ wᵢsᵢ / Σ wᵢ over the criteria with a non-zero weight. Null when a weighted
 * criterion has no score (an incomplete review counts for nothing) or when all weights are zero.
 * Throws on a score outside 0–5 or a weight that is not a non-negative integer.
 */
export function weightedMean(criteria: readonly Criterion[], scores: Scores): number | null {
  checkCriteria(criteria);
  return weightedMeanUnchecked(criteria, scores);
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Sample standard deviation (n − 1), two-pass for accuracy; null below two values. */
export function standardDeviation(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const m = mean(values)!;
  let ss = 0;
  for (const value of values) ss += (value - m) ** 2;
  return Math.sqrt(ss / (values.length - 1));
}

/**
 * z-scores of one juror's review totals: (x − mean_j) / sd_j. A juror with a single review, or whose
 * totals are all equal (sd_j = 0), says nothing about how they rank entries against each other:
 * their z-scores are 0, the panel's average, so they neither lift nor sink an entry.
 */
export function zScores(totals: readonly number[]): number[] {
  const sd = standardDeviation(totals);
  if (sd === null || sd < EPSILON) return totals.map(() => 0);
  const m = mean(totals)!;
  return totals.map((total) => (total - m) / sd);
}

export type ScoredReview = { entryId: string; jurorId: string; total: number; z: number };

export type EntryScore = {
  /** 1, 2, 3…: positions after tie-breaking, never shared. */
  rank: number;
  entryId: string;
  reviewCount: number;
  /** Mean of the reviews' totals, 0–5. */
  rawMean: number | null;
  /** Mean of the reviews' z-scores (each juror's own scale): what the ranking sorts on. */
  normalisedZ: number | null;
  /**
   * normalisedZ read back on the 0–5 scale: panel mean + normalisedZ × panel sd, clamped to 0–5. A
   * linear re-expression for reading; it ranks exactly like normalisedZ (clamping can only make a
   * displayed tie at 0 or 5, the ranking still separates them).
   */
  normalised: number | null;
  /** Sample standard deviation of the reviews' totals; null below two reviews. */
  sd: number | null;
  /** max − min of the reviews' totals; null without reviews. */
  range: number | null;
  /** range ≥ the disagreement threshold (default DISAGREEMENT_RANGE). */
  disagreement: boolean;
  /** Raw mean per criterion, 0–5 (what the results page shows); null when no review scored it. */
  criterionMeans: Record<string, number | null>;
};

export type JurorStats = {
  jurorId: string;
  count: number;
  mean: number | null;
  /** Spread of the juror's totals (sample sd); null below two reviews. */
  sd: number | null;
  /**
   * Mean, over the juror's reviews, of (their total − the mean of the other reviews of the same
   * entry). Negative: severe; positive: lenient. Compared entry by entry, so a juror who happened
   * to receive weak entries is not called severe. Null when none of their entries has another review.
   */
  severity: number | null;
  /** Juror mean − panel mean: the cruder figure, kept for reference. */
  offsetFromPanel: number | null;
  /** False when their z-scores are all 0 (a single review, or every total equal). */
  normalised: boolean;
};

export type Deliberation = {
  ranking: EntryScore[];
  jurors: JurorStats[];
  /** Complete reviews with their totals and z-scores, in canonical order (entry, juror). */
  reviews: ScoredReview[];
  /** Reviews left out because a weighted criterion has no score. */
  incomplete: { entryId: string; jurorId: string }[];
  panel: { reviewCount: number; mean: number | null; sd: number | null };
  /** Krippendorff's alpha (interval) on the review totals, entries as units. */
  agreement: AlphaResult & { level: AgreementLevel; interpretation: string };
};

export type RankingOptions = {
  /** Entries to rank even without any review (they come last). */
  entryIds?: readonly string[];
  disagreementRange?: number;
};

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
// Equal within 1e-9 → same key: exact ties in theory stay ties whatever the summation order.
const rankKey = (value: number) => Math.round(value / EPSILON);
/** Higher first, null (no review) last. */
function compareDescending(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return rankKey(b) - rankKey(a);
}

/** Best first: normalised score, then raw mean, then entry id (ascending). A total order. */
export function compareEntries(
  a: Pick<EntryScore, "entryId" | "normalisedZ" | "rawMean">,
  b: Pick<EntryScore, "entryId" | "normalisedZ" | "rawMean">,
): number {
  return compareDescending(a.normalisedZ, b.normalisedZ) || compareDescending(a.rawMean, b.rawMean) || compareIds(a.entryId, b.entryId);
}

/**
 * Everything the deliberation page shows, from the sealed reviews. Throws if a juror reviewed the
 * same entry twice (the snapshot must hold one review per pair).
 */
export function rankEntries(criteria: readonly Criterion[], reviews: readonly Review[], options: RankingOptions = {}): Deliberation {
  checkCriteria(criteria);
  const threshold = options.disagreementRange ?? DISAGREEMENT_RANGE;

  const complete: { review: Review; total: number }[] = [];
  const incomplete: { entryId: string; jurorId: string }[] = [];
  const pairs = new Set<string>();
  for (const review of reviews) {
    const pair = `${review.entryId}\u0000${review.jurorId}`;
    if (pairs.has(pair)) throw new Error(`juror ${review.jurorId} has two reviews of entry ${review.entryId}`);
    pairs.add(pair);
    const total = weightedMeanUnchecked(criteria, review.scores);
    if (total === null) incomplete.push({ entryId: review.entryId, jurorId: review.jurorId });
    else complete.push({ review, total });
  }
  complete.sort((a, b) => compareIds(a.review.entryId, b.review.entryId) || compareIds(a.review.jurorId, b.review.jurorId));
  incomplete.sort((a, b) => compareIds(a.entryId, b.entryId) || compareIds(a.jurorId, b.jurorId));

  // Per juror: their totals → z-scores.
  const byJuror = new Map<string, number[]>(); // juror → indexes into `complete`
  complete.forEach(({ review }, i) => {
    const list = byJuror.get(review.jurorId);
    if (list) list.push(i);
    else byJuror.set(review.jurorId, [i]);
  });
  const z = new Float64Array(complete.length);
  for (const indexes of byJuror.values()) {
    const zs = zScores(indexes.map((i) => complete[i].total));
    indexes.forEach((i, k) => (z[i] = zs[k]));
  }

  const totals = complete.map(({ total }) => total);
  const panelMean = mean(totals);
  const panelSd = standardDeviation(totals);

  // Per entry: `complete` is sorted by entry, so each entry is one contiguous run.
  const entries = new Map<string, EntryScore>();
  const entryTotals: number[][] = [];
  const entrySums = new Map<string, { sum: number; count: number }>();
  for (let start = 0; start < complete.length;) {
    const entryId = complete[start].review.entryId;
    let end = start;
    while (end < complete.length && complete[end].review.entryId === entryId) end++;
    const run = complete.slice(start, end);
    const values = run.map(({ total }) => total);
    let zSum = 0;
    for (let i = start; i < end; i++) zSum += z[i];
    const zMean = zSum / (end - start);
    const min = Math.min(...values);
    const max = Math.max(...values);
    const criterionMeans: Record<string, number | null> = {};
    for (const { id } of criteria) {
      criterionMeans[id] = mean(run.map(({ review }) => review.scores[id]).filter((score): score is number => score !== undefined));
    }
    entries.set(entryId, {
      rank: 0,
      entryId,
      reviewCount: values.length,
      rawMean: mean(values),
      normalisedZ: zMean,
      normalised: Math.min(SCORE_MAX, Math.max(SCORE_MIN, panelMean! + zMean * (panelSd ?? 0))),
      sd: standardDeviation(values),
      range: max - min,
      disagreement: max - min >= threshold - EPSILON,
      criterionMeans,
    });
    entryTotals.push(values);
    entrySums.set(entryId, { sum: values.reduce((a, b) => a + b, 0), count: values.length });
    start = end;
  }
  for (const entryId of options.entryIds ?? []) {
    if (entries.has(entryId)) continue;
    entries.set(entryId, {
      rank: 0,
      entryId,
      reviewCount: 0,
      rawMean: null,
      normalisedZ: null,
      normalised: null,
      sd: null,
      range: null,
      disagreement: false,
      criterionMeans: Object.fromEntries(criteria.map(({ id }) => [id, null])),
    });
  }
  const ranking = [...entries.values()].sort(compareEntries);
  ranking.forEach((entry, i) => (entry.rank = i + 1));

  const jurors: JurorStats[] = [...byJuror.entries()]
    .sort(([a], [b]) => compareIds(a, b))
    .map(([jurorId, indexes]) => {
      const values = indexes.map((i) => complete[i].total);
      const jurorMean = mean(values);
      const deltas: number[] = [];
      for (const i of indexes) {
        const { sum, count } = entrySums.get(complete[i].review.entryId)!;
        if (count >= 2) deltas.push(complete[i].total - (sum - complete[i].total) / (count - 1));
      }
      const sd = standardDeviation(values);
      return {
        jurorId,
        count: values.length,
        mean: jurorMean,
        sd,
        severity: mean(deltas),
        offsetFromPanel: jurorMean === null || panelMean === null ? null : jurorMean - panelMean,
        normalised: sd !== null && sd >= EPSILON,
      };
    });

  const alpha = krippendorffAlphaInterval(entryTotals);
  return {
    ranking,
    jurors,
    reviews: complete.map(({ review, total }, i) => ({ entryId: review.entryId, jurorId: review.jurorId, total, z: z[i] })),
    incomplete,
    panel: { reviewCount: complete.length, mean: panelMean, sd: panelSd },
    agreement: { ...alpha, level: agreementLevel(alpha.alpha), interpretation: interpretAlpha(alpha.alpha) },
  };
}
