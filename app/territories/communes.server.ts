import { db, type Sql } from "~/infra/db.server";
import { searchName } from "./search-name";

export type Commune = { inseeCode: string; name: string; departementCode: string; population: number; postalCodes: string[] };

/**
 * Communes matching what a person types: a five-digit postal code, or the start of the name
 * (accents, case and hyphens aside), the most populated first — the one most people mean.
 */
export async function findCommunes(typed: string, options: { limit?: number } = {}, sql: Sql = db): Promise<Commune[]> {
  const limit = options.limit ?? 20;
  const text = typed.trim();
  if (/^[0-9]{5}$/.test(text)) {
    return sql<Commune[]>`
      select insee_code, name, departement_code, population, postal_codes from communes
      where postal_codes @> array[${text}]::text[] or insee_code = ${text}
      order by population desc, insee_code
      limit ${limit}`;
  }
  const wanted = searchName(text);
  if (wanted.length < 2) return [];
  return sql<Commune[]>`
    select insee_code, name, departement_code, population, postal_codes from communes
    where search_name like ${`${wanted.replace(/[\\%_]/g, "\\$&")}%`}
    order by population desc, insee_code
    limit ${limit}`;
}

export async function findCommune(inseeCode: string, sql: Sql = db): Promise<Commune | undefined> {
  const [commune]: [Commune?] = await sql`
    select insee_code, name, departement_code, population, postal_codes from communes where insee_code = ${inseeCode}`;
  return commune;
}

/** Each département's municipal population: the default weight of the envelope's split. */
export async function departementPopulations(sql: Sql = db): Promise<Map<string, bigint>> {
  const rows = await sql<{ code: string; population: string }[]>`
    select d.code, coalesce(sum(c.population), 0)::text as population
    from departements d left join communes c on c.departement_code = d.code
    group by d.code`;
  return new Map(rows.map((row) => [row.code, BigInt(row.population)]));
}
