import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { agreementLevel, interpretAlpha, krippendorffAlphaInterval, unitsFromRatings } from "~/results/agreement";

// The literal definition, through the coincidence matrix (Krippendorff 2011, §C and §E):
//   o_ck = Σ_u #(c,k pairs in u)/(m_u − 1),  n_c = Σ_k o_ck,
//   α = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck,  δ²_ck = (c − k)².
function alphaByCoincidenceMatrix(units: number[][]): { alpha: number | null; n: Map<number, number> } {
  const values = [...new Set(units.flat())].sort((a, b) => a - b);
  const at = new Map(values.map((v, i) => [v, i]));
  const o = values.map(() => values.map(() => 0));
  for (const unit of units) {
    if (unit.length < 2) continue;
    for (let i = 0; i < unit.length; i++) {
      for (let j = 0; j < unit.length; j++) {
        if (i !== j) o[at.get(unit[i])!][at.get(unit[j])!] += 1 / (unit.length - 1);
      }
    }
  }
  const nc = o.map((row) => row.reduce((a, b) => a + b, 0));
  const n = nc.reduce((a, b) => a + b, 0);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < values.length; c++) {
    for (let k = 0; k < values.length; k++) {
      const delta = (values[c] - values[k]) ** 2;
      observed += o[c][k] * delta;
      expected += nc[c] * nc[k] * delta;
    }
  }
  return { alpha: n < 2 || expected === 0 ? null : 1 - ((n - 1) * observed) / expected, n: new Map(values.map((v, i) => [v, nc[i]])) };
}

// Krippendorff's canonical reliability data (Computing Krippendorff's Alpha-Reliability, 2011, §C;
// Content Analysis, 4th ed. 2019, ch. 12): 4 observers A–D, 12 units, values 1–5, "." missing.
//   unit:  1  2  3  3  5  6  7  8  9 10 11 12
//   A      1  2  3  3  2  1  4  1  2  .  .  .
//   B      1  2  3  3  2  2  4  1  2  5  .  3
//   C      .  3  3  3  2  3  4  2  2  5  1  .
//   D      1  2  3  3  2  4  4  1  2  5  1  .
// Published: α_nominal = 0.743, α_ordinal = 0.815, α_interval = 0.849, α_ratio = 0.797.
const canonical = [
  [1, 1, 1],
  [2, 2, 3, 2],
  [3, 3, 3, 3],
  [3, 3, 3, 3],
  [2, 2, 2, 2],
  [1, 2, 3, 4],
  [4, 4, 4, 4],
  [1, 1, 2, 1],
  [2, 2, 2, 2],
  [5, 5, 5],
  [1, 1],
  [3],
];

describe("Krippendorff's alpha, interval", () => {
  test("Krippendorff's canonical example: α = 951/1120 ≈ 0.849", () => {
    // By hand. Unit 12 has one value: not pairable, so n = 40.
    // Within units, Σ_{i≠j}(x_i − x_j)² = 2m·Σ(x − x̄)², divided by m − 1:
    //   unit 2 {2,2,3,2}: Σdev² = 0.75 → 2·4·0.75/3 = 2;  unit 8 {1,1,2,1}: 2;
    //   unit 6 {1,2,3,4}: Σdev² = 5 → 2·4·5/3 = 40/3;     all others 0.   Total 52/3.
    //   D_o = (52/3)/40 = 13/30.
    // All 40 values: n_1 = 9, n_2 = 13, n_3 = 10, n_4 = 5, n_5 = 3; Σx = 100, Σx² = 306;
    //   Σ_{i≠j}(x_i − x_j)² = 2(nΣx² − (Σx)²) = 2(12240 − 10000) = 4480;  D_e = 4480/(40·39) = 112/39.
    // α = 1 − (13/30)/(112/39) = 1 − 169/1120 = 951/1120 = 0.849107…
    const result = krippendorffAlphaInterval(canonical);
    expect(result.pairableValues).toBe(40);
    expect(result.pairableUnits).toBe(11);
    expect(result.observedDisagreement).toBeCloseTo(13 / 30, 12);
    expect(result.expectedDisagreement).toBeCloseTo(112 / 39, 12);
    expect(result.alpha).toBeCloseTo(951 / 1120, 12);
    expect(result.alpha!.toFixed(3)).toBe("0.849");
    // The coincidence matrix's marginals are Krippendorff's n_c.
    expect(alphaByCoincidenceMatrix(canonical).n).toEqual(
      new Map(
        [
          [1, 9],
          [2, 13],
          [3, 10],
          [4, 5],
          [5, 3],
        ].map(([v, c]) => [v, expect.closeTo(c, 12)]),
      ),
    );
  });

  test("Wikipedia's computational example (3 coders, 15 units): α_interval = 8359/10309 ≈ 0.811", () => {
    //   unit:  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15
    //   A      .  .  .  .  .  3  4  1  2  1  1  3  3  .  3
    //   B      1  .  2  1  3  3  4  3  .  .  .  .  .  .  .
    //   C      .  .  2  1  3  4  4  .  2  1  1  3  3  .  4
    // Pairable: n = 26. Within: unit 6 {3,3,4}: 2·3·(2/3)/2 = 2; unit 8 {1,3}: 8; unit 15 {3,4}: 2 → D_o = 12/26.
    // Σx = 65, Σx² = 193: Σ_{i≠j} = 2(26·193 − 65²) = 1586; D_e = 1586/650.
    // α = 1 − (12/26)/(1586/650) = 1 − 1950/10309 = 8359/10309 = 0.81084…
    const units = [[1], [], [2, 2], [1, 1], [3, 3], [3, 3, 4], [4, 4, 4], [1, 3], [2, 2], [1, 1], [1, 1], [3, 3], [3, 3], [], [3, 4]];
    const result = krippendorffAlphaInterval(units);
    expect(result.pairableValues).toBe(26);
    expect(result.alpha).toBeCloseTo(8359 / 10309, 12);
    expect(result.alpha!.toFixed(3)).toBe("0.811");
  });

  test("a small worked case where coders disagree more than chance: α = −0.5", () => {
    // Units {1,3} and {2,2}: D_o = (2·2·2/1)/4 = 2; Σx = 8, Σx² = 18 → D_e = 2(4·18 − 64)/(4·3) = 4/3; α = 1 − 2/(4/3).
    expect(
      krippendorffAlphaInterval([
        [1, 3],
        [2, 2],
      ]).alpha,
    ).toBeCloseTo(-0.5, 12);
  });

  test("undefined, not NaN, without pairable values or without variation", () => {
    expect(krippendorffAlphaInterval([]).alpha).toBeNull();
    expect(krippendorffAlphaInterval([[3], [4], []])).toEqual({
      alpha: null,
      pairableValues: 0,
      pairableUnits: 0,
      observedDisagreement: null,
      expectedDisagreement: null,
    });
    expect(
      krippendorffAlphaInterval([
        [2, 2],
        [2, 2, 2],
      ]).alpha,
    ).toBeNull();
    expect(() => krippendorffAlphaInterval([[1, Number.NaN]])).toThrow(RangeError);
  });

  test("ratings grouped into units in order of appearance", () => {
    expect(
      unitsFromRatings([
        { unit: "e2", value: 3 },
        { unit: "e1", value: 4 },
        { unit: "e2", value: 5 },
      ]),
    ).toEqual([[3, 5], [4]]);
  });
});

describe("what α means, in one line", () => {
  test("Krippendorff's thresholds: 0.8 and 0.667", () => {
    expect(agreementLevel(0.849)).toBe("strong");
    expect(agreementLevel(0.8)).toBe("strong");
    expect(agreementLevel(0.7999)).toBe("acceptable");
    expect(agreementLevel(0.667)).toBe("acceptable");
    expect(agreementLevel(0.6669)).toBe("weak");
    expect(agreementLevel(-0.2)).toBe("weak");
    expect(agreementLevel(null)).toBe("undefined");
  });

  test("in French, with the figure", () => {
    expect(interpretAlpha(0.849)).toBe(
      "α = 0,849 : accord fort entre les membres du jury (α ≥ 0,8, seuil de Krippendorff) ; le classement est fiable.",
    );
    expect(interpretAlpha(0.7)).toMatch(/^α = 0,700 : accord acceptable/);
    expect(interpretAlpha(0.3)).toMatch(/^α = 0,300 : accord faible : les membres du jury divergent/);
    expect(interpretAlpha(-0.5)).toMatch(/^α = −0,500 : accord faible/);
    expect(interpretAlpha(null)).toMatch(/^Accord non calculable/);
  });
});

const score = fc.integer({ min: 0, max: 10 }).map((half) => half / 2); // 0, 0.5, … 5
const unitsArb = fc.array(fc.array(score, { maxLength: 5 }), { maxLength: 25 });

describe("Krippendorff's alpha: properties", () => {
  test.prop([unitsArb])("equals the literal coincidence-matrix computation", (units) => {
    const fast = krippendorffAlphaInterval(units).alpha;
    const literal = alphaByCoincidenceMatrix(units).alpha;
    if (literal === null || fast === null) expect(fast).toBe(literal);
    else expect(fast).toBeCloseTo(literal, 9);
  });

  test.prop([fc.array(fc.tuple(score, fc.integer({ min: 2, max: 5 })), { minLength: 2, maxLength: 20 })])(
    "perfect agreement gives 1",
    (unitSpecs) => {
      const units = unitSpecs.map(([value, m]) => Array.from({ length: m }, () => value));
      fc.pre(new Set(units.map((unit) => unit[0])).size > 1);
      expect(krippendorffAlphaInterval(units).alpha).toBe(1);
    },
  );

  test.prop([unitsArb, fc.integer({ min: -100, max: 100 }), fc.constantFrom(1, 2, -1, 0.5, 10)])(
    "invariant under adding a constant to, or rescaling, every score (interval metric)",
    (units, shift, scale) => {
      const before = krippendorffAlphaInterval(units).alpha;
      const after = krippendorffAlphaInterval(units.map((unit) => unit.map((x) => scale * x + shift))).alpha;
      if (before === null) expect(after).toBeNull();
      else expect(after).toBeCloseTo(before, 9);
    },
  );

  test.prop([
    unitsArb.chain((units) => fc.tuple(fc.constant(units), fc.shuffledSubarray(units, { minLength: units.length, maxLength: units.length }))),
    fc.array(score, { maxLength: 5 }),
  ])("does not depend on the order of units or of values, nor on units with a single value", ([units, shuffled], singles) => {
    const before = krippendorffAlphaInterval(units).alpha;
    const after = krippendorffAlphaInterval([...shuffled.map((unit) => [...unit].reverse()), ...singles.map((x) => [x])]).alpha;
    if (before === null) expect(after).toBeNull();
    else expect(after).toBeCloseTo(before, 9);
  });

  test.prop([unitsArb])("never above 1, never NaN", (units) => {
    const { alpha } = krippendorffAlphaInterval(units);
    if (alpha !== null) {
      expect(Number.isFinite(alpha)).toBe(true);
      expect(alpha).toBeLessThanOrEqual(1 + 1e-12);
    }
  });
});
