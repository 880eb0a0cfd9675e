// Inter-rater agreement of the jury: Krippendorff's alpha for interval data. Pure, no I/O.
//
// Our design is incomplete by construction — each entry (a "unit") is scored by k of the J jurors —
// and alpha handles that without imputation: a unit contributes its values only if it has at least
// two (they are "pairable"); a unit with a single value carries no information about agreement.
//
// Definitions (Krippendorff, "Computing Krippendorff's Alpha-Reliability", 2011, §C–E; Content
// Analysis, 2nd ed. 2004, ch. 11). For unit u with m_u ≥ 2 values, the coincidence matrix counts
// each ordered pair of values (c, k) from different coders with weight 1/(m_u − 1):
//   o_ck = Σ_u (number of (c,k) pairs in u) / (m_u − 1),   n_c = Σ_k o_ck,   n = Σ_c n_c = Σ_u m_u
//   D_o = (1/n) Σ_c Σ_k o_ck δ²_ck                       (observed disagreement)
//   D_e = 1/(n(n−1)) Σ_c Σ_k n_c n_k δ²_ck               (expected disagreement)
//   α = 1 − D_o / D_e,          interval metric δ²_ck = (c − k)².
// Summing the matrix back over its pairs gives the pairable-values form used here, which needs no
// matrix at all (values need not be integers) and runs in O(number of values):
//   D_o = (1/n) Σ_u [ Σ_{i≠j in u} (x_i − x_j)² ] / (m_u − 1)
//   D_e = 1/(n(n−1)) Σ_{i≠j over all pairable values} (x_i − x_j)²
// with Σ_{i≠j} (x_i − x_j)² = 2 m Σ (x_i − x̄)² over any m values (computed around the mean, for
// accuracy). The tests check it against the literal coincidence-matrix computation.

export type AlphaResult = {
  /** Null when undefined: fewer than two pairable values, or no variation at all (D_e = 0). */
  alpha: number | null;
  /** n: values in units that have at least two. */
  pairableValues: number;
  /** Units with at least two values. */
  pairableUnits: number;
  observedDisagreement: number | null;
  expectedDisagreement: number | null;
};

/** Σ (x − x̄)² and the count, over finite values. */
function squaredDeviations(values: ArrayLike<number>): { count: number; sum: number; ss: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  const mean = sum / values.length;
  let ss = 0;
  for (let i = 0; i < values.length; i++) ss += (values[i] - mean) ** 2;
  return { count: values.length, sum, ss };
}

/**
 * Krippendorff's alpha, interval metric. `units`: for each unit (an entry), the values the coders
 * (jurors) gave it — missing values simply absent, so units may have any length.
 */
export function krippendorffAlphaInterval(units: Iterable<ArrayLike<number>>): AlphaResult {
  let n = 0;
  let pairableUnits = 0;
  let withinUnits = 0; // Σ_u Σ_{i≠j}(x_i − x_j)² / (m_u − 1)
  const pairable: number[] = [];
  for (const unit of units) {
    const m = unit.length;
    for (let i = 0; i < m; i++) {
      if (!Number.isFinite(unit[i])) throw new RangeError(`Krippendorff's alpha: value ${unit[i]} is not a finite number`);
    }
    if (m < 2) continue;
    pairableUnits += 1;
    n += m;
    withinUnits += (2 * m * squaredDeviations(unit).ss) / (m - 1);
    for (let i = 0; i < m; i++) pairable.push(unit[i]);
  }
  if (n < 2) return { alpha: null, pairableValues: n, pairableUnits, observedDisagreement: null, expectedDisagreement: null };

  const observed = withinUnits / n;
  const expected = (2 * n * squaredDeviations(pairable).ss) / (n * (n - 1));
  // Every pairable value equal: agreement is perfect but alpha is 0/0 — Krippendorff leaves it undefined.
  if (expected <= 0) return { alpha: null, pairableValues: n, pairableUnits, observedDisagreement: observed, expectedDisagreement: expected };
  return { alpha: 1 - observed / expected, pairableValues: n, pairableUnits, observedDisagreement: observed, expectedDisagreement: expected };
}

/** Ratings as (unit, value) pairs grouped into units, in the order units first appear. */
export function unitsFromRatings<U>(ratings: Iterable<{ unit: U; value: number }>): number[][] {
  const units = new Map<U, number[]>();
  for (const { unit, value } of ratings) {
    const values = units.get(unit);
    if (values) values.push(value);
    else units.set(unit, [value]);
  }
  return [...units.values()];
}

export type AgreementLevel = "strong" | "acceptable" | "weak" | "undefined";

// Krippendorff (2004, Content Analysis, 2nd ed., p. 241): "Rely only on variables with reliabilities
// above α = .800. Consider variables with reliabilities between α = .667 and α = .800 only for
// drawing tentative conclusions." Below .667 the data are not reliable enough to conclude.
export const ALPHA_STRONG = 0.8;
export const ALPHA_ACCEPTABLE = 0.667;

export function agreementLevel(alpha: number | null): AgreementLevel {
  if (alpha === null) return "undefined";
  if (alpha >= ALPHA_STRONG) return "strong";
  if (alpha >= ALPHA_ACCEPTABLE) return "acceptable";
  return "weak";
}

/** One line, in French, saying what the figure means for the deliberation. */
export function interpretAlpha(alpha: number | null): string {
  const figure = alpha === null ? "" : `α = ${alpha.toFixed(3).replace(".", ",").replace("-", "−")} : `;
  switch (agreementLevel(alpha)) {
    case "strong":
      return `${figure}accord fort entre les membres du jury (α ≥ 0,8, seuil de Krippendorff) ; le classement est fiable.`;
    case "acceptable":
      return `${figure}accord acceptable (0,667 ≤ α < 0,8, seuils de Krippendorff) ; conclusions à tirer avec prudence.`;
    case "weak":
      return alpha! < 0
        ? `${figure}accord faible : les membres du jury divergent plus que s'ils notaient au hasard (α < 0, seuils de Krippendorff).`
        : `${figure}accord faible : les membres du jury divergent (α < 0,667, seuil de Krippendorff) ; examinez les dossiers où les notes s'écartent.`;
    case "undefined":
      return "Accord non calculable : il faut au moins deux notes par dossier et des notes qui varient.";
  }
}
