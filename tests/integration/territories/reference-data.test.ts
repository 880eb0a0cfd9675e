// The territories as the portal loads them at start, on the template every test database copies.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, test } from "vitest";
import { db as sql } from "~/infra/db.server";
import { departementPopulations, findCommune, findCommunes } from "~/territories/communes.server";
import { syncTerritories, TERRITORY_DATA } from "~/territories/reference-data.server";

const raw = JSON.parse(readFileSync(createRequire(import.meta.url).resolve("@etalab/decoupage-administratif/data/communes.json"), "utf8")) as {
  type: string;
  zone: string;
  population?: number;
}[];

describe("the territories loaded at start", () => {
  test("the 101 départements of the programme: Corsica as 2A and 2B, the five overseas, no 20", async () => {
    const rows = await sql<{ code: string; overseas: boolean }[]>`select code, overseas from departements order by code`;
    expect(rows).toHaveLength(101);
    const codes = rows.map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(["01", "2A", "2B", "95", "971", "972", "973", "974", "976"]));
    expect(codes).not.toContain("20");
    expect(rows.filter((r) => r.overseas).map((r) => r.code)).toEqual(["971", "972", "973", "974", "976"]);
  });

  test("every current commune of those départements, with the package's populations", async () => {
    // The overseas collectivities (zone "com": Polynesia, New Caledonia…) are outside the programme.
    const expected = raw.filter((c) => c.type === "commune-actuelle" && c.zone !== "com");
    expect(expected.length).toBe(34_875);
    const [stored] = await sql<
      { count: number; population: string }[]
    >`select count(*)::int as count, sum(population)::text as population from communes`;
    expect(stored.count).toBe(expected.length);
    expect(BigInt(stored.population)).toBe(expected.reduce((total, c) => total + BigInt(c.population ?? 0), 0n));
    const populations = await departementPopulations(sql);
    expect([...populations.values()].reduce((a, b) => a + b, 0n)).toBe(BigInt(stored.population));
  });

  test("the data's edition and years are recorded, and a second start loads nothing again", async () => {
    const [data] = await sql`select version, geography_year, population_year from territory_data`;
    expect(data).toEqual({ version: TERRITORY_DATA.version, geographyYear: 2026, populationYear: 2023 });
    expect(await syncTerritories(sql)).toBe(false);
  });

  test("another edition replaces the territories whole, in one transaction", async () => {
    await sql`update territory_data set version = '5.3.0'`;
    await sql`update communes set population = 0 where insee_code = '75056'`;
    expect(await syncTerritories(sql)).toBe(true);
    expect((await findCommune("75056"))?.population).toBeGreaterThan(2_000_000);
    const [data] = await sql`select version from territory_data`;
    expect(data.version).toBe(TERRITORY_DATA.version);
  });

  test("a commune belongs to at most one EPCI, and the EPCI's members are communes of the programme", async () => {
    const [counts] = await sql<{ epcis: number; members: number }[]>`
      select (select count(*)::int from epcis) as epcis, (select count(*)::int from epci_members) as members`;
    expect(counts.epcis).toBeGreaterThan(1200);
    expect(counts.members).toBeGreaterThan(34_000);
    const [paris] = await sql`
      select e.kind from epci_members m join epcis e on e.siren = m.epci_siren where m.commune_code = '75056'`;
    expect(paris).toEqual({ kind: "METRO" });
  });
});

describe("finding a commune as a person types it", () => {
  test("by the start of its name, accents, case and hyphens aside, the most populated first", async () => {
    const found = await findCommunes("saint etienne");
    expect(found[0]).toMatchObject({ inseeCode: "42218", name: "Saint-Étienne", departementCode: "42" });
    expect((await findCommunes("AJACCIO"))[0]).toMatchObject({ inseeCode: "2A004", departementCode: "2A" });
  });

  test("by postal code, and overseas too", async () => {
    // Lyon's arrondissements are not communes: the postal code finds Lyon itself.
    expect((await findCommunes("69001")).map((c) => c.inseeCode)).toContain("69123");
    expect((await findCommunes("97400"))[0]).toMatchObject({ name: "Saint-Denis", departementCode: "974" });
  });

  test("what matches nothing finds nothing; LIKE wildcards are only characters", async () => {
    expect(await findCommunes("zzzz")).toEqual([]);
    expect(await findCommunes("%")).toEqual([]);
    expect(await findCommunes("_a")).toEqual([]);
    expect(await findCommune("99999")).toBeUndefined();
    expect(await findCommune("2A004")).toMatchObject({ name: "Ajaccio" });
  });
});
