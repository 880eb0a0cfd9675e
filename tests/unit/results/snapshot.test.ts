import { createHash } from "node:crypto";
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { centsForInput, formatScore, formatSigned } from "~/results/figures";
import { deliberate, normaliseSnapshot, snapshotDigest, type ScoreSnapshot, type SealedReview } from "~/results/snapshot";

const review = (proposal: number, juror: number, a: number, b: number): SealedReview => ({
  proposal,
  juror,
  scores: { "1": a, "2": b },
  commentForAdmins: "",
  commentForCandidate: "",
  submittedAt: "2026-04-10T10:00:00.000Z",
});

const snapshot = (reviews: SealedReview[], entries = [10, 11, 12]): ScoreSnapshot => ({
  format: 1,
  contest: 7,
  sealedAt: "2026-05-02T08:00:00.000Z",
  criteria: [
    { id: "1", label: "Usage", weight: 2 },
    { id: "2", label: "Conception", weight: 1 },
  ],
  entries,
  reviews,
});

describe("the sealed snapshot", () => {
  test("its digest is the SHA-256 of its canonical JSON, keys sorted and no whitespace", () => {
    const s = snapshot([review(10, 1, 4, 1)], [10]);
    const canonical =
      '{"contest":7,"criteria":[{"id":"1","label":"Usage","weight":2},{"id":"2","label":"Conception","weight":1}],"entries":[10],"format":1,' +
      '"reviews":[{"commentForAdmins":"","commentForCandidate":"","juror":1,"proposal":10,"scores":{"1":4,"2":1},"submittedAt":"2026-04-10T10:00:00.000Z"}],' +
      '"sealedAt":"2026-05-02T08:00:00.000Z"}';
    expect(snapshotDigest(s)).toBe(createHash("sha256").update(canonical).digest("hex"));
  });

  const reviewsArb = fc.uniqueArray(
    fc.record({
      proposal: fc.integer({ min: 1, max: 6 }),
      juror: fc.integer({ min: 1, max: 6 }),
      a: fc.integer({ min: 0, max: 5 }),
      b: fc.integer({ min: 0, max: 5 }),
    }),
    { selector: (r) => `${r.proposal}-${r.juror}`, maxLength: 20 },
  );
  test.prop([reviewsArb, fc.integer()])("the same reviews in any order give the same digest once normalised", (rows, seed) => {
    const reviews = rows.map((r) => review(r.proposal, r.juror, r.a, r.b));
    const shuffled = [...reviews].sort(() => ((seed = (seed * 1103515245 + 12345) | 0) & 1 ? 1 : -1));
    const a = normaliseSnapshot(snapshot(reviews, [3, 1, 2]));
    const b = normaliseSnapshot(snapshot(shuffled, [2, 3, 1]));
    expect(snapshotDigest(a)).toBe(snapshotDigest(b));
    // A stored snapshot read back (JSON round trip, keys in any order) still hashes the same.
    expect(snapshotDigest(JSON.parse(JSON.stringify(b)))).toBe(snapshotDigest(a));
  });

  test("one score changed changes the digest", () => {
    const a = snapshot([review(10, 1, 4, 1)]);
    const b = snapshot([review(10, 1, 4, 2)]);
    expect(snapshotDigest(a)).not.toBe(snapshotDigest(b));
  });

  test("the deliberation ranks every sealed entry, reviewed or not, with the snapshot's weights", () => {
    const figures = deliberate(snapshot([review(10, 1, 4, 1), review(11, 1, 5, 5), review(10, 2, 1, 1), review(11, 2, 3, 3)]));
    expect(figures.ranking.map((e) => [e.entryId, e.reviewCount])).toEqual([
      ["11", 2],
      ["10", 2],
      ["12", 0],
    ]);
    expect(figures.ranking[1].rawMean).toBeCloseTo(2, 12); // (3 + 1) / 2, with 3 = (2·4 + 1)/3
  });
});

describe("figures as the French read them", () => {
  test("scores, signed offsets and amounts for an input", () => {
    expect(formatScore(4.375)).toBe("4,38");
    expect(formatScore(0.25, 3)).toBe("0,250");
    // Each number of digits keeps its own formatter.
    expect(formatScore(2.5)).toBe("2,50");
    expect(formatScore(-1.5, 1)).toBe("−1,5");
    expect(formatScore(null)).toBe("—");
    expect(formatScore(Number.NaN)).toBe("—");
    expect(formatSigned(0.4)).toBe("+0,40");
    expect(formatSigned(-1.2)).toBe("−1,20");
    expect(formatSigned(-0.001)).toBe("0,00");
    expect(formatSigned(null)).toBe("—");
    expect(centsForInput(18_950)).toBe("189,50");
    expect(centsForInput(100)).toBe("1,00");
    expect(centsForInput(null)).toBe("");
  });
});
