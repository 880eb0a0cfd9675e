// How criterion weights are read: relative. A criterion counts in a review's total for its weight
// divided by the sum of the weights (the deliberation's Σ wᵢsᵢ / Σ wᵢ, app/results/scoring.ts), so
// 3, 2, 1 and 60, 40, 20 mean the same. Every page that shows weights shows these shares.

/**
 * Each weight's share of the total score, in whole percent adding up to exactly 100: the exact
 * shares 100·wᵢ / Σ w rounded by largest remainder (ties to the earlier criterion), so no share is
 * off by a whole point or more. All zero when no weight is positive.
 */
export function weightShares(weights: readonly number[]): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (total <= 0) return weights.map(() => 0);
  const exact = weights.map((weight) => (weight * 100) / total);
  const shares = exact.map(Math.floor);
  let missing = 100 - shares.reduce((sum, share) => sum + share, 0);
  const byRemainder = exact.map((value, i) => ({ i, remainder: value - shares[i] })).sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of byRemainder) {
    if (missing <= 0) break;
    shares[i] += 1;
    missing -= 1;
  }
  return shares;
}

/** The same shares, from typed values: null while any of them is not a positive whole number. */
export function typedWeightShares(typed: readonly string[]): number[] | null {
  const weights = typed.map((value) => (/^\s*\d+\s*$/.test(value) ? Number(value) : NaN));
  return weights.every((weight) => weight > 0) ? weightShares(weights) : null;
}
