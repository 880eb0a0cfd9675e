import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { typedWeightShares, weightShares } from "~/contest/weights";
import { weightedMean } from "~/results/scoring";

const weightsArb = fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 20 });

describe("criterion weights are relative, shown as their share", () => {
  test("weights adding to 160 are read as their share of 160, not as percentages", () => {
    expect(weightShares([90, 50, 20])).toEqual([56, 31, 13]);
    expect(weightShares([3, 2, 1])).toEqual([50, 33, 17]);
    expect(weightShares([30, 25, 20, 15, 10])).toEqual([30, 25, 20, 15, 10]); // a total of 100 reads as typed
    expect(weightShares([1, 1, 1])).toEqual([34, 33, 33]);
    expect(weightShares([0, 0])).toEqual([0, 0]);
  });

  test.prop([weightsArb])("shares add up to 100 and each is within a point of the exact share", (weights) => {
    const shares = weightShares(weights);
    const total = weights.reduce((a, b) => a + b, 0);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(100);
    shares.forEach((share, i) => expect(Math.abs(share - (weights[i] * 100) / total)).toBeLessThan(1));
  });

  test.prop([weightsArb, fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 20, maxLength: 20 })])(
    "the deliberation's total is the scores weighted by the exact shares",
    (weights, scores) => {
      const criteria = weights.map((weight, i) => ({ id: String(i), weight }));
      const total = weights.reduce((a, b) => a + b, 0);
      const byShare = weights.reduce((sum, weight, i) => sum + (weight / total) * scores[i], 0);
      expect(weightedMean(criteria, Object.fromEntries(scores.map((s, i) => [String(i), s])))).toBeCloseTo(byShare, 9);
    },
  );

  test("typed weights give shares only when every one is a positive whole number", () => {
    expect(typedWeightShares(["90", "50", " 20 "])).toEqual([56, 31, 13]);
    expect(typedWeightShares(["90", ""])).toBeNull();
    expect(typedWeightShares(["90", "0"])).toBeNull();
    expect(typedWeightShares(["1.5", "2"])).toBeNull();
  });
});
