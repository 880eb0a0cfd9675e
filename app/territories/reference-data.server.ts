import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type postgres from "postgres";
import type { Sql } from "~/infra/db.server";
import { transaction } from "~/infra/transaction.server";
import { searchName } from "./search-name";

// The territories come from Etalab's « découpage administratif » package, pinned in package.json:
// its 2026 edition (communes as of 1 January 2026, INSEE's legal municipal populations of 2023, in
// force from 1 January 2026; Mayotte's from its 2017 census). Its JSON files are read directly:
// the package's index.js resolves them from the current directory and fails elsewhere.
export const TERRITORY_DATA = {
  source: "@etalab/decoupage-administratif",
  version: "6.0.0",
  geographyYear: 2026,
  populationYear: 2023,
} as const;

type RawRegion = { code: string; nom: string; zone: string };
type RawDepartement = { code: string; nom: string; region: string; zone: string };
type RawCommune = { code: string; nom: string; type: string; departement?: string; population?: number; codesPostaux?: string[] };
type RawEpci = { code: string; nom: string; type: string; populationMunicipale: number; membres: { code: string }[] };

const require = createRequire(import.meta.url);

function readData<T>(file: string): T {
  return JSON.parse(readFileSync(require.resolve(`${TERRITORY_DATA.source}/data/${file}`), "utf8")) as T;
}

/**
 * The programme's territories as rows: the 101 départements (metropolitan and the five overseas;
 * the overseas collectivities are outside the programme), their regions, their current communes,
 * and the EPCI with their member communes among those.
 */
export function readTerritories() {
  const inProgramme = (zone: string) => zone === "metro" || zone === "drom";
  const departements = readData<RawDepartement[]>("departements.json")
    .filter((d) => inProgramme(d.zone))
    .map((d) => ({ code: d.code, name: d.nom, region_code: d.region, overseas: d.zone === "drom" }));
  const departementCodes = new Set(departements.map((d) => d.code));
  const regionCodes = new Set(departements.map((d) => d.region_code));
  const regions = readData<RawRegion[]>("regions.json")
    .filter((r) => regionCodes.has(r.code))
    .map((r) => ({ code: r.code, name: r.nom }));
  const communes = readData<RawCommune[]>("communes.json")
    .filter((c) => c.type === "commune-actuelle" && c.departement !== undefined && departementCodes.has(c.departement))
    .map((c) => ({
      insee_code: c.code,
      name: c.nom,
      search_name: searchName(c.nom),
      departement_code: c.departement!,
      population: c.population ?? 0,
      postal_codes: c.codesPostaux ?? [],
    }));
  const communeCodes = new Set(communes.map((c) => c.insee_code));
  const epcis = readData<RawEpci[]>("epci.json").map((e) => ({
    siren: e.code,
    name: e.nom,
    kind: e.type,
    population: e.populationMunicipale,
    members: e.membres.map((m) => m.code).filter((code) => communeCodes.has(code)),
  }));
  return { regions, departements, communes, epcis };
}

// Rows per insert: well under PostgreSQL's 65,535 parameters with six columns.
const BATCH = 5_000;

async function insertInBatches<Row extends Record<string, unknown>>(tx: postgres.TransactionSql, table: string, rows: Row[]) {
  for (let start = 0; start < rows.length; start += BATCH) {
    await tx`insert into ${tx(table)} ${tx(rows.slice(start, start + BATCH) as Record<string, postgres.ParameterOrJSON<never>>[])}`;
  }
}

/**
 * Loads the territories when the database does not hold this version yet (a new database, or a
 * new edition of the package), replacing the previous ones whole, in one transaction. Returns
 * whether it loaded anything. Rows that refer to communes (structures, lists) are added by later
 * issues with their own rules for an edition that removes a commune.
 */
export async function syncTerritories(sql: Sql): Promise<boolean> {
  const [loaded]: [{ version: string }?] = await sql`select version from territory_data`;
  if (loaded?.version === TERRITORY_DATA.version) return false;
  const { regions, departements, communes, epcis } = readTerritories();
  await transaction(sql, async (tx) => {
    await tx`delete from epci_members`;
    await tx`delete from epcis`;
    await tx`delete from communes`;
    await tx`delete from departements`;
    await tx`delete from regions`;
    await insertInBatches(tx, "regions", regions);
    await insertInBatches(tx, "departements", departements);
    await insertInBatches(tx, "communes", communes);
    await insertInBatches(
      tx,
      "epcis",
      epcis.map(({ members: _, ...epci }) => epci),
    );
    await insertInBatches(
      tx,
      "epci_members",
      epcis.flatMap((epci) => epci.members.map((commune_code) => ({ epci_siren: epci.siren, commune_code }))),
    );
    await tx`
      insert into territory_data (source, version, geography_year, population_year)
      values (${TERRITORY_DATA.source}, ${TERRITORY_DATA.version}, ${TERRITORY_DATA.geographyYear}, ${TERRITORY_DATA.populationYear})
      on conflict (only_row) do update set
        source = excluded.source, version = excluded.version, geography_year = excluded.geography_year,
        population_year = excluded.population_year, loaded_at = now()`;
  });
  return true;
}
