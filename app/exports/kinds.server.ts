// What each long export holds: its title and file name, its columns, how many rows it will have
// (for the progress bar) and the cursor that streams them. Admin exports are opened in a
// spreadsheet: ';'-separated, a byte-order mark, cells guarded against formulas.
import type postgres from "postgres";
import type { Sql } from "~/infra/db.server";
import { csvDate } from "~/infra/csv";
import { structureKindLabels, type StructureKind } from "~/structures/kinds";
import { structureStatusLabels, type StructureStatus } from "~/structures/statuses";

import type { ExportKind } from "./kinds";

type Row = Record<string, unknown>;

export type ExportDefinition = {
  title: string;
  filename: string;
  header: string[];
  count: (sql: Sql) => Promise<number>;
  rows: (sql: Sql) => postgres.PendingQuery<Row[]>;
  cells: (row: Row) => (string | number | null)[];
};

export const exportDefinitions: Record<ExportKind, ExportDefinition> = {
  structures: {
    title: "Liste des structures",
    filename: "structures.csv",
    header: ["Numéro", "SIRET", "Raison sociale", "Type", "Code commune", "Commune", "Département", "Statut", "Inscrite le"],
    count: async (sql) => {
      const [{ count }]: [{ count: number }] = await sql`select count(*)::int as count from structures`;
      return count;
    },
    rows: (sql) => sql`
      select s.id, s.siret, s.legal_name, s.kind, s.commune_code, c.name as commune_name, c.departement_code, s.status, s.created_at
      from structures s join communes c on c.insee_code = s.commune_code
      order by s.id`,
    cells: (row) => [
      row.id as number,
      row.siret as string,
      row.legalName as string,
      structureKindLabels[row.kind as StructureKind],
      row.communeCode as string,
      row.communeName as string,
      row.departementCode as string,
      structureStatusLabels[row.status as StructureStatus],
      csvDate(row.createdAt as Date),
    ],
  },
};
