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
