import { db, type Sql } from "~/infra/db.server";

export type TerritorySummary = {
  departements: number;
  communes: number;
  epcis: number;
  version: string;
  geographyYear: number;
  populationYear: number;
};

/** What the loaded territories are: counts, and the edition and years to state wherever a population shows. */
export async function territorySummary(sql: Sql = db): Promise<TerritorySummary | undefined> {
  const [summary]: [TerritorySummary?] = await sql`
    select (select count(*)::int from departements) as departements, (select count(*)::int from communes) as communes,
           (select count(*)::int from epcis) as epcis, t.version, t.geography_year, t.population_year
    from territory_data t`;
  return summary;
}

export type RegionDepartements = { code: string; name: string; departements: { code: string; name: string }[] };

/** The 101 départements grouped by région, both in code order: what a choice of départements lists. */
export async function departementsByRegion(sql: Sql = db): Promise<RegionDepartements[]> {
  return sql<RegionDepartements[]>`
    select r.code, r.name,
           json_agg(json_build_object('code', d.code, 'name', d.name) order by d.code) as departements
    from regions r join departements d on d.region_code = r.code
    group by r.code, r.name
    order by r.code`;
}
