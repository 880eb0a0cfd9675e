import { describe, expect, test } from "vitest";
import { luhnValid } from "~/organisations/siret";
import { reviewsPerEntry } from "../../../db/national-seed/contest-rows";
import { distributionRows, seededOrderStates, type DistributionInput } from "../../../db/national-seed/distribution-rows";
import { draws, weightedIndex } from "../../../db/national-seed/draws";
import { seedSiret } from "../../../db/national-seed/people";
import { nationalSizes } from "../../../db/national-seed/sizes";

describe("the national seed's sizes", () => {
  test("are the programme's at scale 1, and never fall below what covers every case", () => {
    expect(nationalSizes(1)).toMatchObject({ proposals: 5000, jurors: 200, reviews: 15_000, structures: 50_000, orderLines: 100_000 });
    expect(nationalSizes(0.0001)).toMatchObject({ jurors: 4, laureates: 3, makers: 18 });
    expect(() => nationalSizes(0)).toThrow(/échelle/);
  });
});

describe("the seeded draws", () => {
  test("the same seed and stream give the same sequence, another stream another one", () => {
    const sequence = (seed: number, stream: string) => Array.from({ length: 5 }, draws(seed, stream).float);
    expect(sequence(7, "a")).toEqual(sequence(7, "a"));
    expect(sequence(7, "a")).not.toEqual(sequence(7, "b"));
  });

  test("a weighted index never picks a zero weight, and follows the weights", () => {
    const pick = weightedIndex([0, 3, 0, 1]);
    const draw = draws(1, "w");
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[pick(draw)]!++;
    expect(counts[0]).toBe(0);
    expect(counts[2]).toBe(0);
    expect(counts[1]! / counts[3]!).toBeGreaterThan(2.5);
  });
});

test("seeded SIRETs are distinct and pass the Luhn key", () => {
  const sirets = Array.from({ length: 500 }, (_, i) => seedSiret(7, i + 1));
  expect(new Set(sirets).size).toBe(500);
  expect(sirets.every((siret) => /^\d{14}$/.test(siret) && luhnValid(siret))).toBe(true);
});

test("reviews are spread as evenly as the jurors allow", () => {
  expect(reviewsPerEntry(10, 3, 5)).toEqual([4, 3, 3]);
  expect(reviewsPerEntry(100, 3, 4)).toEqual([4, 4, 4]);
});

describe("the distribution's rows", () => {
  const departements = ["01", "02", "03", "04", "05"];
  const input: DistributionInput = {
    seed: 3,
    sizes: { ...nationalSizes(0.001), structures: 120, orderLines: 300 },
    now: new Date("2026-11-15T00:00:00Z"),
    campaign: { id: 1, opensAt: new Date("2026-01-15T00:00:00Z"), ruleVersion: 1, capCents: 4_000_00, capUnits: 12 },
    communes: departements.flatMap((code, i) => [
      { code: `${code}001`, name: `Ville ${i}`, departementCode: code, population: 5000 * (i + 1), postalCodes: [`${code}100`] },
      { code: `${code}002`, name: `Village ${i}`, departementCode: code, population: 300, postalCodes: [] },
    ]),
    regions: new Map(departements.map((code, i) => [code, i < 3 ? "84" : "32"])),
    caps: new Map(departements.map((code) => [code, code === "05" ? 1_000_00 : 10_000_000_00])),
    kits: [
      { id: 1, unitPriceCents: 120_00, themes: ["Réseaux sociaux"] },
      { id: 2, unitPriceCents: 89_90, themes: ["Courrier électronique"] },
      { id: 3, unitPriceCents: 250_00, themes: [] },
    ],
    adminId: 1,
    instructorIds: new Map(departements.map((code, i) => [code, 2 + i])),
    structureMemberIds: Array.from({ length: 120 }, (_, i) => 100 + i),
    makerMemberIds: Array.from({ length: 18 }, (_, i) => 300 + i),
    firstMovementId: 10,
  };
  const rows = distributionRows(input);
  const table = (name: string) => rows.tables.find((t) => t.table === name)!;
  const column = (name: string, col: string) => table(name).columns.indexOf(col);

  test("are the same for the same input", () => {
    expect(JSON.stringify(distributionRows(input).tables)).toBe(JSON.stringify(rows.tables));
  });

  test("hold exactly the order lines asked for, orders in every state, each total the sum of its lines", () => {
    expect(table("order_lines").rows).toHaveLength(300);
    const orders = table("orders").rows;
    expect(new Set(orders.map((o) => o[column("orders", "status")]))).toEqual(new Set(seededOrderStates));
    const sums = new Map<number, number>();
    for (const line of table("order_lines").rows)
      sums.set(line[0] as number, (sums.get(line[0] as number) ?? 0) + (line[2] as number) * (line[3] as number));
    for (const order of orders) expect(order[column("orders", "total_cents")]).toBe(sums.get(order[0] as number));
  });

  test("never date a step after now nor before ordering opened, and a département's allocation is never overdrawn", () => {
    for (const order of table("orders").rows) {
      const submitted = (order[column("orders", "submitted_at")] as Date).getTime();
      const last = (order[column("orders", "status_at")] as Date).getTime();
      expect(submitted).toBeGreaterThan(input.campaign.opensAt.getTime());
      expect(last).toBeGreaterThanOrEqual(submitted);
      expect(last).toBeLessThan(input.now.getTime());
    }
    for (const [code, totals] of rows.allocations) {
      expect(totals.reservedCents + totals.committedCents + totals.spentCents).toBeLessThanOrEqual(input.caps.get(code)!);
    }
  });

  test("write ledger entries whose sums per département are the allocations' counters", () => {
    const sums = new Map<string, [number, number, number]>();
    const ledger = table("ledger_entries");
    for (const entry of ledger.rows) {
      const code = entry[column("ledger_entries", "departement_code")] as string;
      const sum = sums.get(code) ?? [0, 0, 0];
      sum[0] += entry[column("ledger_entries", "reserved_delta")] as number;
      sum[1] += entry[column("ledger_entries", "committed_delta")] as number;
      sum[2] += entry[column("ledger_entries", "spent_delta")] as number;
      sums.set(code, sum);
    }
    for (const [code, totals] of rows.allocations) expect(sums.get(code)).toEqual([totals.reservedCents, totals.committedCents, totals.spentCents]);
    expect(new Set(ledger.rows.map((e) => e[column("ledger_entries", "movement_id")])).size).toBe(ledger.rows.length);
    expect(rows.nextMovementId).toBe(10 + ledger.rows.length);
  });

  test("route every routed order to a maker covering its département, within the maker's capacity", () => {
    const coverage = new Set(table("maker_coverage").rows.map((c) => `${c[0]}|${c[2]}`));
    const orderDepartement = new Map(table("orders").rows.map((o) => [o[0], o[column("orders", "departement_code")]]));
    for (const f of table("fulfilments").rows)
      expect(coverage.has(`${f[column("fulfilments", "maker_id")]}|${orderDepartement.get(f[1])}`)).toBe(true);
    for (const load of table("maker_monthly_load").rows) expect(load[4] as number).toBeLessThanOrEqual(load[3] as number);
  });
});
