// The published file of the split is enough to recompute it: read back as anyone would (the CSV
// alone, no database), allocate() gives the same cents to every département.
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { allocate } from "~/envelope/allocate";
import { SPLIT_COLUMNS, splitCsv, type SplitFileCampaign } from "~/envelope/split-file";
import { readTerritories } from "~/territories/reference-data.server";
import { recomputeFromFile } from "../../support/split-file-reader";

const territories = readTerritories();
const populations = new Map(territories.departements.map((d) => [d.code, 0n]));
for (const commune of territories.communes)
  populations.set(commune.departement_code, populations.get(commune.departement_code)! + BigInt(commune.population));

function campaign(overrides: Partial<SplitFileCampaign> = {}): SplitFileCampaign {
  return {
    name: "Distribution 2026",
    nationalCapCents: 4_000_000_000,
    initialReserveCents: 200_000_000,
    floorCents: 0,
    weightSource: "Population municipale (INSEE), @etalab/decoupage-administratif 6.0.0",
    weightYear: 2023,
    weightDecimals: 0,
    ...overrides,
  };
}

/** The file as the route writes it for a split, with today's caps after some moves. */
function publish(c: SplitFileCampaign, weights: Map<string, bigint>) {
  const shares = allocate(BigInt(c.nationalCapCents - c.initialReserveCents), weights, { floorCents: BigInt(c.floorCents) });
  const names = new Map(territories.departements.map((d) => [d.code, d.name]));
  return {
    shares,
    text: splitCsv(
      c,
      shares.map((s, i) => ({
        departementCode: s.code,
        departementName: names.get(s.code) ?? s.code,
        weight: Number(weights.get(s.code)),
        atFloor: s.atFloor,
        initialCapCents: Number(s.cents),
        capCents: Number(s.cents) + (i === 0 ? 1_000_000 : 0),
      })),
    ),
  };
}

describe("the published split", () => {
  test("€40M less 5 % by population: the file names its columns and inputs, and recomputes to the same cents", () => {
    const { text } = publish(campaign(), populations);
    expect(text.startsWith("\uFEFF" + SPLIT_COLUMNS.join(";") + "\r\n")).toBe(true);
    expect(text).toContain("01;Ain;");
    // Every line carries the inputs: €40M, €2M of reserve, €38M split, no floor.
    expect(text.split("\r\n").filter((line) => line.includes(";40000000,00;2000000,00;38000000,00;0,00;"))).toHaveLength(101);
    const { recomputed, published } = recomputeFromFile(text);
    expect(Object.keys(published)).toHaveLength(101);
    expect(recomputed).toEqual(published);
  });

  test("with a floor that lifts the smallest départements, the file says which, and recomputes alike", () => {
    const { text, shares } = publish(campaign({ floorCents: 15_000_000 }), populations);
    expect(shares.filter((s) => s.atFloor).length).toBeGreaterThan(0);
    const { recomputed, published, floors, publishedFloors } = recomputeFromFile(text);
    expect(recomputed).toEqual(published);
    expect(publishedFloors).toEqual(floors);
  });

  test.prop([
    fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { minLength: 101, maxLength: 101 }).filter((w) => w.some((x) => x > 0n)),
    fc.integer({ min: 0, max: 6 }),
    fc.integer({ min: 1, max: 4_000_000_000 }),
  ])("any weight table with decimals, any cap: the file recomputes to the same cents", (raw, decimals, cap) => {
    const weights = new Map(territories.departements.map((d, i) => [d.code, raw[i]]));
    const { text } = publish(campaign({ nationalCapCents: cap, initialReserveCents: 0, weightDecimals: decimals }), weights);
    const { recomputed, published } = recomputeFromFile(text);
    expect(recomputed).toEqual(published);
  });
});
