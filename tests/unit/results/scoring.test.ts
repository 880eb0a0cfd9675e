import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { compareEntries, mean, rankEntries, standardDeviation, weightedMean, zScores, type Criterion, type Review } from "~/results/scoring";

const criteria: Criterion[] = [
  { id: "usage", weight: 2 },
  { id: "design", weight: 1 },
];
// A review whose total is `total`: both criteria scored the same, so the weighted mean is that score.
const review = (jurorId: string, entryId: string, total: number): Review => ({ entryId, jurorId, scores: { usage: total, design: total } });

describe("a review's weighted mean", () => {
  test("Σ wᵢsᵢ / Σ wᵢ", () => {
    expect(weightedMean(criteria, { usage: 4, design: 1 })).toBe(3); // (2·4 + 1·1)/3
    expect(weightedMean(criteria, { usage: 2.5, design: 5 })).toBeCloseTo(10 / 3, 12);
    expect(
      weightedMean(
        [
          { id: "a", weight: 3 },
          { id: "b", weight: 0 },
        ],
        { a: 2 },
      ),
    ).toBe(2); // a zero weight needs no score
  });

  test("an incomplete review or no weight at all has no total", () => {
    expect(weightedMean(criteria, { usage: 4 })).toBeNull();
    expect(weightedMean([], {})).toBeNull();
    expect(weightedMean([{ id: "a", weight: 0 }], { a: 3 })).toBeNull();
  });

  test("scores outside 0–5 and weights that are not non-negative integers are refused", () => {
    expect(() => weightedMean(criteria, { usage: 6, design: 1 })).toThrow(RangeError);
    expect(() => weightedMean(criteria, { usage: -1, design: 1 })).toThrow(RangeError);
    expect(() => weightedMean(criteria, { usage: Number.NaN, design: 1 })).toThrow(RangeError);
    expect(() => weightedMean([{ id: "a", weight: 1.5 }], { a: 1 })).toThrow(RangeError);
    expect(() => weightedMean([{ id: "a", weight: -1 }], { a: 1 })).toThrow(RangeError);
  });

  const weights = fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 6 });
  const scoreArb = fc.double({ min: 0, max: 5, noNaN: true });
  test.prop([
    weights.chain((ws) => fc.tuple(fc.constant(ws), fc.array(scoreArb, { minLength: ws.length, maxLength: ws.length }))),
    fc.integer({ min: 1, max: 7 }),
  ])("between the lowest and the highest score, and unchanged when every weight is multiplied", ([ws, scores], factor) => {
    const cs = ws.map((weight, i) => ({ id: `c${i}`, weight }));
    const values = Object.fromEntries(scores.map((score, i) => [`c${i}`, score]));
    const total = weightedMean(cs, values);
    const weighted = scores.filter((_, i) => ws[i] > 0);
    if (weighted.length === 0) {
      expect(total).toBeNull();
      return;
    }
    expect(total).toBeGreaterThanOrEqual(Math.min(...weighted) - 1e-12);
    expect(total).toBeLessThanOrEqual(Math.max(...weighted) + 1e-12);
    expect(
      weightedMean(
        cs.map((c) => ({ ...c, weight: c.weight * factor })),
        values,
      ),
    ).toBeCloseTo(total!, 12);
  });
});

describe("means, spreads and z-scores", () => {
  test("undefined is null, never NaN", () => {
    expect(mean([])).toBeNull();
    expect(standardDeviation([])).toBeNull();
    expect(standardDeviation([3])).toBeNull();
    expect(standardDeviation([1, 3])).toBeCloseTo(Math.SQRT2, 12); // sample sd: √(2/1)
  });

  test("a juror with a single review, or who gives every entry the same total, has z = 0", () => {
    expect(zScores([])).toEqual([]);
    expect(zScores([4])).toEqual([0]);
    expect(zScores([3, 3, 3])).toEqual([0, 0, 0]);
    expect(zScores([1, 2, 3])).toEqual([-1, 0, 1]); // mean 2, sample sd 1
  });
});

// Hand-worked: three jurors, three entries, every juror scores every entry (totals on 0–5).
//            e1  e2  e3 | mean  sd        z(e1)   z(e2)   z(e3)
//   A (sévère)  3   1   2 |  2    1          1      −1       0
//   B (indulgent)5  3   4 |  4    1          1      −1       0
//   C           4   4   1 |  3    √3       1/√3    1/√3   −2/√3
// Raw means:     e1 = 4, e2 = 8/3, e3 = 7/3          → raw order e1, e2, e3.
// Normalised:    e1 = (2 + 1/√3)/3 ≈ 0.8591, e2 = (−2 + 1/√3)/3 ≈ −0.4742, e3 = −2/(3√3) ≈ −0.3849
//                → e3 overtakes e2: C separates e3 sharply on a scale where A and B barely differ.
// Panel: 9 totals, mean 3, Σdev² = 16 → sample sd √2; on 0–5: 3 + z̄·√2.
// Severity (own total − mean of the entry's other reviews), averaged:
//   A: (3 − 4.5, 1 − 3.5, 2 − 2.5) → −1.5;  B: (5 − 3.5, 3 − 2.5, 4 − 1.5) → +1.5;  C: (4 − 4, 4 − 2, 1 − 3) → 0.
// Agreement: units {3,5,4}, {1,3,4}, {2,4,1}; D_o = Σ_u 3·Σdev²_u / 9 = 3(2 + 14/3 + 14/3)/9 = 34/9;
//   D_e = 2·9·16/(9·8) = 4; α = 1 − (34/9)/4 = 1/18.
const handWorked: Review[] = [
  review("A", "e1", 3),
  review("A", "e2", 1),
  review("A", "e3", 2),
  review("B", "e1", 5),
  review("B", "e2", 3),
  review("B", "e3", 4),
  review("C", "e1", 4),
  review("C", "e2", 4),
  review("C", "e3", 1),
];

describe("the deliberation's figures, worked by hand", () => {
  const result = rankEntries(criteria, handWorked);
  const entry = (id: string) => result.ranking.find((e) => e.entryId === id)!;
  const juror = (id: string) => result.jurors.find((j) => j.jurorId === id)!;

  test("raw and normalised means", () => {
    expect(entry("e1").rawMean).toBeCloseTo(4, 12);
    expect(entry("e2").rawMean).toBeCloseTo(8 / 3, 12);
    expect(entry("e3").rawMean).toBeCloseTo(7 / 3, 12);
    expect(entry("e1").normalisedZ).toBeCloseTo((2 + 1 / Math.sqrt(3)) / 3, 12);
    expect(entry("e2").normalisedZ).toBeCloseTo((-2 + 1 / Math.sqrt(3)) / 3, 12);
    expect(entry("e3").normalisedZ).toBeCloseTo(-2 / (3 * Math.sqrt(3)), 12);
    expect(entry("e1").normalised).toBeCloseTo(3 + Math.SQRT2 * ((2 + 1 / Math.sqrt(3)) / 3), 12);
    expect(result.panel).toEqual({ reviewCount: 9, mean: 3, sd: expect.closeTo(Math.SQRT2, 12) });
  });

  test("normalisation changes the order: e3 overtakes e2", () => {
    expect(result.ranking.map((e) => [e.rank, e.entryId])).toEqual([
      [1, "e1"],
      [2, "e3"],
      [3, "e2"],
    ]);
  });

  test("spread and disagreement per entry", () => {
    expect(entry("e1").sd).toBeCloseTo(1, 12);
    expect(entry("e1").range).toBe(2);
    expect(entry("e2").sd).toBeCloseTo(Math.sqrt(7 / 3), 12);
    expect(entry("e2").range).toBe(3);
    expect(result.ranking.every((e) => e.disagreement)).toBe(true); // ranges 2, 3, 3 ≥ 2
    expect(entry("e1").reviewCount).toBe(3);
    expect(entry("e1").criterionMeans).toEqual({ usage: 4, design: 4 });
  });

  test("per juror: mean, spread, severity", () => {
    expect(juror("A")).toEqual({ jurorId: "A", count: 3, mean: 2, sd: 1, severity: -1.5, offsetFromPanel: -1, normalised: true });
    expect(juror("B")).toEqual({ jurorId: "B", count: 3, mean: 4, sd: 1, severity: 1.5, offsetFromPanel: 1, normalised: true });
    expect(juror("C").sd).toBeCloseTo(Math.sqrt(3), 12);
    expect(juror("C").severity).toBeCloseTo(0, 12);
  });

  test("the panel's agreement: α = 1/18, weak", () => {
    expect(result.agreement.alpha).toBeCloseTo(1 / 18, 12);
    expect(result.agreement.level).toBe("weak");
    expect(result.agreement.interpretation).toMatch(/accord faible : les membres du jury divergent/);
  });
});

describe("ranking rules", () => {
  test("ties broken by raw mean, then by entry id", () => {
    // A single juror whose totals are all equal has z = 0 everywhere: every entry ties on the
    // normalised score; a juror scoring one entry only also gives z = 0.
    const result = rankEntries(criteria, [review("A", "b", 3), review("A", "a", 3), review("B", "c", 5)]);
    expect(result.ranking.map((e) => e.entryId)).toEqual(["c", "a", "b"]);
    expect(result.ranking.map((e) => e.normalisedZ)).toEqual([0, 0, 0]);
    expect(result.jurors.map((j) => j.normalised)).toEqual([false, false]);
  });

  test("4.1 − 2.1 counts as a 2-point disagreement", () => {
    const cs: Criterion[] = [{ id: "a", weight: 1 }];
    const result = rankEntries(cs, [
      { entryId: "e", jurorId: "A", scores: { a: 4.1 } },
      { entryId: "e", jurorId: "B", scores: { a: 2.1 } },
      { entryId: "f", jurorId: "A", scores: { a: 3.5 } },
      { entryId: "f", jurorId: "B", scores: { a: 1.6 } },
    ]);
    expect(4.1 - 2.1).toBeLessThan(2); // what floating point alone would say
    expect(result.ranking.find((e) => e.entryId === "e")!.disagreement).toBe(true);
    expect(result.ranking.find((e) => e.entryId === "f")!.disagreement).toBe(false);
    expect(
      rankEntries(
        cs,
        [
          { entryId: "f", jurorId: "A", scores: { a: 3.5 } },
          { entryId: "f", jurorId: "B", scores: { a: 1.6 } },
        ],
        { disagreementRange: 1.5 },
      ).ranking[0].disagreement,
    ).toBe(true);
  });

  test("empty input: empty ranking, null figures, no NaN", () => {
    const result = rankEntries(criteria, [], { entryIds: ["z", "y"] });
    expect(result.ranking.map((e) => [e.rank, e.entryId, e.rawMean, e.normalisedZ, e.normalised, e.sd, e.range, e.disagreement])).toEqual([
      [1, "y", null, null, null, null, null, false],
      [2, "z", null, null, null, null, null, false],
    ]);
    expect(result.panel).toEqual({ reviewCount: 0, mean: null, sd: null });
    expect(result.agreement.alpha).toBeNull();
    expect(result.jurors).toEqual([]);
  });

  test("unreviewed entries come after every reviewed one", () => {
    const result = rankEntries(criteria, [review("A", "m", 0), review("A", "n", 1)], { entryIds: ["a", "m"] });
    expect(result.ranking.map((e) => e.entryId)).toEqual(["n", "m", "a"]);
  });

  test("incomplete reviews are set aside and reported; a juror's second review of an entry is an error", () => {
    const result = rankEntries(criteria, [review("A", "e", 4), { entryId: "e", jurorId: "B", scores: { usage: 3 } }]);
    expect(result.incomplete).toEqual([{ entryId: "e", jurorId: "B" }]);
    expect(result.ranking[0].reviewCount).toBe(1);
    expect(() => rankEntries(criteria, [review("A", "e", 4), review("A", "e", 3)])).toThrow(/two reviews/);
  });

  test("a lone review: its entry's sd is undefined and it raises no flag", () => {
    const [only] = rankEntries(criteria, [review("A", "e", 4)]).ranking;
    expect(only).toMatchObject({ reviewCount: 1, rawMean: 4, sd: null, range: 0, disagreement: false, normalisedZ: 0, normalised: 4 });
  });
});

// Random sealed snapshots: up to 8 jurors, 12 entries, scores in halves.
const half = fc.integer({ min: 0, max: 10 }).map((h) => h / 2);
const snapshotArb = fc
  .uniqueArray(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 11 })), { selector: ([j, e]) => `${j}/${e}`, maxLength: 40 })
  .chain((pairs) => fc.tuple(fc.constant(pairs), fc.array(fc.tuple(half, half), { minLength: pairs.length, maxLength: pairs.length })))
  .map(([pairs, scores]) =>
    pairs.map(([j, e], i): Review => ({
      jurorId: `j${j}`,
      entryId: `e${String(e).padStart(2, "0")}`,
      scores: { usage: scores[i][0], design: scores[i][1] },
    })),
  );

describe("ranking properties", () => {
  test.prop([snapshotArb])("no NaN anywhere; ranks 1…n, each entry once, sorted by the rules", (reviews) => {
    const result = rankEntries(criteria, reviews);
    const json = JSON.stringify(result);
    expect(json).not.toMatch(/NaN|Infinity/);
    expect(result.ranking.map((e) => e.rank)).toEqual(result.ranking.map((_, i) => i + 1));
    expect(new Set(result.ranking.map((e) => e.entryId)).size).toBe(new Set(reviews.map((r) => r.entryId)).size);
    for (let i = 1; i < result.ranking.length; i++) expect(compareEntries(result.ranking[i - 1], result.ranking[i])).toBeLessThan(0);
    for (const e of result.ranking) {
      expect(e.normalised!).toBeGreaterThanOrEqual(0);
      expect(e.normalised!).toBeLessThanOrEqual(5);
    }
  });

  test.prop([
    snapshotArb.chain((reviews) =>
      fc.tuple(fc.constant(reviews), fc.shuffledSubarray(reviews, { minLength: reviews.length, maxLength: reviews.length })),
    ),
  ])("the order the reviews arrive in changes nothing", ([reviews, shuffled]) => {
    expect(rankEntries(criteria, shuffled)).toEqual(rankEntries(criteria, reviews));
  });

  test.prop([snapshotArb])("each juror's z-scores have mean 0 and sd 1 (or are all 0)", (reviews) => {
    const result = rankEntries(criteria, reviews);
    for (const juror of result.jurors) {
      const zs = result.reviews.filter((r) => r.jurorId === juror.jurorId).map((r) => r.z);
      if (!juror.normalised) expect(zs.every((z) => z === 0)).toBe(true);
      else {
        expect(mean(zs)).toBeCloseTo(0, 9);
        expect(standardDeviation(zs)).toBeCloseTo(1, 9);
      }
    }
  });

  test.prop([snapshotArb, fc.integer({ min: 0, max: 7 }), fc.constantFrom(0.5, 1, 2), fc.constantFrom(0, 0.5, 1)])(
    "a juror made severe or lenient (their scores shifted or stretched) moves no normalised score",
    (reviews, target, stretch, shift) => {
      // z-scores are invariant under x → a·x + b (a > 0). Start from the juror's scores halved
      // (0–2.5), then stretch and shift them, staying within 0–5.
      fc.pre(!(stretch === 2 && shift > 0));
      const jurorId = `j${target}`;
      const transform = (x: number) => (x / 2) * stretch + shift;
      const squeezed = reviews.map((r) => (r.jurorId === jurorId ? { ...r, scores: { usage: r.scores.usage / 2, design: r.scores.design / 2 } } : r));
      const moved = reviews.map((r) =>
        r.jurorId === jurorId ? { ...r, scores: { usage: transform(r.scores.usage), design: transform(r.scores.design) } } : r,
      );
      const before = rankEntries(criteria, squeezed);
      const after = rankEntries(criteria, moved);
      for (const entry of before.ranking) {
        const other = after.ranking.find((e) => e.entryId === entry.entryId)!;
        expect(other.normalisedZ).toBeCloseTo(entry.normalisedZ!, 9);
      }
    },
  );

  test.prop([snapshotArb])("severity: a juror always scoring as the co-reviewers' mean has severity 0", (reviews) => {
    // Build an extra juror "zz" whose total on each entry equals the mean of the others there.
    const base = rankEntries(criteria, reviews);
    const extra = base.ranking.map((e): Review => ({ entryId: e.entryId, jurorId: "zz", scores: { usage: e.rawMean!, design: e.rawMean! } }));
    const zz = rankEntries(criteria, [...reviews, ...extra]).jurors.find((j) => j.jurorId === "zz")!;
    if (base.ranking.length === 0) return;
    expect(zz.severity).toBeCloseTo(0, 9);
  });
});
