import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { allocate, compareInseeCodes } from "~/envelope/allocate";
import { Refused } from "~/infra/domain-errors";

const cents = (shares: { code: string; cents: bigint }[]) => Object.fromEntries(shares.map((s) => [s.code, s.cents]));
const weights = (entries: Record<string, number>) => new Map(Object.entries(entries).map(([code, w]) => [code, BigInt(w)]));

// Département-like codes, distinct, with their weights (populations up to 3 million, some zero).
const weightsArb = fc
  .uniqueArray(fc.tuple(fc.stringMatching(/^(0[1-9]|[1-8][0-9]|9[0-5]|2[AB]|97[1-6])$/), fc.bigInt({ min: 0n, max: 3_000_000n })), {
    minLength: 1,
    maxLength: 101,
    selector: ([code]) => code,
  })
  .filter((entries) => entries.some(([, w]) => w > 0n))
  .map((entries) => new Map(entries));
const capArb = fc.bigInt({ min: 0n, max: 4_000_000_000n }); // up to €40M in cents

describe("the largest-remainder split", () => {
  test.prop([capArb, weightsArb])("shares add up to the cap exactly, at the cent", (cap, w) => {
    expect(allocate(cap, w).reduce((total, s) => total + s.cents, 0n)).toBe(cap);
  });

  test.prop([capArb, weightsArb, fc.nat({ max: 100 })])("no territory falls below the floor, and the cap is still met exactly", (cap, w, percent) => {
    const floor = (cap * BigInt(percent)) / 100n / BigInt(w.size);
    const shares = allocate(cap, w, { floorCents: floor });
    expect(shares.every((s) => s.cents >= floor)).toBe(true);
    expect(shares.reduce((total, s) => total + s.cents, 0n)).toBe(cap);
  });

  test.prop([capArb, weightsArb])("a larger weight never gets fewer cents", (cap, w) => {
    const shares = allocate(cap, w);
    for (const a of shares) {
      for (const b of shares) if (w.get(a.code)! > w.get(b.code)!) expect(a.cents).toBeGreaterThanOrEqual(b.cents);
    }
  });

  test.prop([capArb, weightsArb])("the same weights in any order give the same split", (cap, w) => {
    const reversed = new Map([...w.entries()].reverse());
    expect(allocate(cap, reversed)).toEqual(allocate(cap, w));
  });

  test("hand-worked examples", () => {
    // 10 cents for 15/11/4: quotas 5, 3.667, 1.333 → 5, 3, 1 and the last cent to the largest remainder.
    expect(cents(allocate(10n, weights({ "01": 15, "02": 11, "03": 4 })))).toEqual({ "01": 5n, "02": 4n, "03": 1n });
    // Three equal remainders for one cent left: INSEE order decides.
    expect(cents(allocate(100n, weights({ "03": 1, "01": 1, "02": 1 })))).toEqual({ "01": 34n, "02": 33n, "03": 33n });
    // Floor 200 of 1,000: 02 and 03 would get 20 and 10, so they get the floor and 01 the rest.
    const floored = allocate(1000n, weights({ "01": 97, "02": 2, "03": 1 }), { floorCents: 200n });
    expect(floored).toEqual([
      { code: "01", cents: 600n, atFloor: false },
      { code: "02", cents: 200n, atFloor: true },
      { code: "03", cents: 200n, atFloor: true },
    ]);
    // A territory of weight zero gets the floor, or nothing without one.
    expect(cents(allocate(1000n, weights({ "01": 1, "02": 0 })))).toEqual({ "01": 1000n, "02": 0n });
    expect(cents(allocate(1000n, weights({ "01": 1, "02": 0 }), { floorCents: 100n }))).toEqual({ "01": 900n, "02": 100n });
  });

  test("impossible inputs are refused with the field at fault", () => {
    const refusal = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error instanceof Refused ? error.field : "not a refusal";
      }
      return "accepted";
    };
    expect(refusal(() => allocate(100n, weights({ "01": 1, "02": 1 }), { floorCents: 51n }))).toBe("floor");
    expect(refusal(() => allocate(100n, weights({ "01": 0, "02": 0 })))).toBe("weights");
    expect(refusal(() => allocate(100n, weights({ "01": 5, "02": -1 })))).toBe("weights");
    expect(refusal(() => allocate(100n, new Map()))).toBe("weights");
    expect(refusal(() => allocate(100n, weights({ "01": 1 }), { floorCents: -1n }))).toBe("floor");
  });
});

describe("INSEE order", () => {
  test("Corsica stands between 19 and 21; overseas after 95; communes alike", () => {
    expect(["976", "21", "2B", "01", "95", "2A", "19"].sort(compareInseeCodes)).toEqual(["01", "19", "2A", "2B", "21", "95", "976"]);
    expect(["21001", "2A004", "19031"].sort(compareInseeCodes)).toEqual(["19031", "2A004", "21001"]);
  });
});
