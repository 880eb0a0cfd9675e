// Each table of the dashboard as a CSV file, streamed: the rows are written as they come (the list
// of structures without an order read by cursor), so memory stays flat whatever the view's size.
// Same conventions as the other exports (app/infra/csv.ts): UTF-8 with a BOM, ';', Paris time.
import { csvCell, csvDate } from "~/infra/csv";
import { db, type Sql } from "~/infra/db.server";
import { orderStatusLabels } from "~/orders/orders-lifecycle";
import { structureKindLabels } from "~/structures/kinds";
import {
  consumptionByMonth,
  feedbackByKit,
  leadTimesByDepartement,
  leadTimesByMaker,
  makersLoad,
  ordersByStatus,
  structuresOverview,
  stuckOrders,
  type LeadTime,
  type StructureCounts,
} from "./figures.server";
import { everyNeverOrdered } from "./outreach.server";
import type { DashboardView } from "./dashboard.server";
import type { DashboardQuery, DashboardTable } from "./schemas";

type Cell = string | number | null;
type TableFile = { header: string[]; rows: () => AsyncIterable<Cell[]> | Iterable<Cell[]> };

/** Cents as a French spreadsheet reads euros: "1234,50". */
function euros(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, "0")}`;
}

/** A number with a decimal comma: "12,5". */
const decimal = (value: number | null) => (value === null ? null : String(value).replace(".", ","));

const countsHeader = ["structures", "verifiees", "eligibles", "ayant_commande"];
const counts = (row: StructureCounts) => [row.total, row.verified, row.eligible, row.ordered];
const leadHeader = ["commandes_livrees", "delai_median_jours", "delai_90e_centile_jours"];
const lead = (row: LeadTime) => [row.orders, decimal(row.medianDays), decimal(row.p90Days)];

async function* mapped<T>(rows: Promise<T[]> | AsyncIterable<T>, cells: (row: T) => Cell[]): AsyncIterable<Cell[]> {
  for await (const row of rows instanceof Promise ? await rows : rows) yield cells(row);
}

function tableFile(table: DashboardTable, view: DashboardView, query: DashboardQuery, sql: Sql): TableFile {
  const { scope } = view;
  switch (table) {
    case "consommation":
      return {
        header: ["mois", "reserve_euros", "engage_euros", "depense_euros"],
        rows: () => mapped(consumptionByMonth(scope, sql), (m) => [m.month, euros(m.reservedCents), euros(m.committedCents), euros(m.spentCents)]),
      };
    case "commandes-par-statut":
      return {
        header: ["statut", "commandes", "montant_euros", "anciennete_mediane_jours", "anciennete_max_jours"],
        rows: () =>
          mapped(ordersByStatus(scope, sql), (s) => [
            orderStatusLabels[s.status],
            s.orders,
            euros(s.totalCents),
            decimal(s.medianAgeDays),
            decimal(s.oldestAgeDays),
          ]),
      };
    case "commandes-en-attente":
      return {
        header: ["code_departement", "departement", "envoyees_non_instruites", "approuvees_non_attribuees", "en_attente_depuis", "seuil_jours"],
        rows: () =>
          mapped(stuckOrders({ ...scope, days: query.jours }, sql), (s) => [
            s.departementCode,
            s.departementName,
            s.submitted,
            s.approved,
            csvDate(s.oldestSince),
            query.jours,
          ]),
      };
    case "delais-departements":
      return {
        header: ["code_departement", "departement", ...leadHeader],
        rows: () => mapped(leadTimesByDepartement(scope, sql), (l) => [l.key === "*" ? null : l.key, l.name, ...lead(l)]),
      };
    case "delais-fabricants":
      return { header: ["fabricant", ...leadHeader], rows: () => mapped(leadTimesByMaker(scope, sql), (l) => [l.name, ...lead(l)]) };
    case "charge-fabricants":
      return {
        header: ["mois", "fabricant", "unites_attribuees", "capacite_unites"],
        rows: () => mapped(makersLoad({ ...scope, month: view.month }, sql), (m) => [view.month.slice(0, 7), m.name, m.routedUnits, m.capacity]),
      };
    case "structures-par-type":
      return {
        header: ["type", ...countsHeader],
        rows: async function* () {
          for (const row of (await structuresOverview(scope, sql)).byKind) yield [structureKindLabels[row.kind], ...counts(row)];
        },
      };
    case "structures-par-departement":
      return {
        header: ["code_departement", "departement", ...countsHeader],
        rows: async function* () {
          for (const row of (await structuresOverview(scope, sql)).byDepartement) yield [row.departementCode, row.departementName, ...counts(row)];
        },
      };
    case "structures-sans-commande":
      return {
        header: ["nom", "type", "code_commune", "commune", "code_departement", "verifiee_le"],
        rows: () =>
          mapped(everyNeverOrdered(scope, sql), (s) => [
            s.legalName,
            structureKindLabels[s.kind],
            s.communeCode,
            s.communeName,
            s.departementCode,
            csvDate(s.verifiedAt),
          ]),
      };
    case "retours-par-kit":
      return {
        header: ["kit", "retours_demandes", "retours_recus", "note_moyenne_sur_5", "personnes_accompagnees", "retours_publies"],
        rows: () => mapped(feedbackByKit(scope, sql), (f) => [f.title, f.asked, f.answered, decimal(f.averageRating), f.peopleReached, f.published]),
      };
  }
}

/** The file's name: the table, and the département when one is chosen. */
export function exportFilename(table: DashboardTable, view: DashboardView): string {
  return `${table}${view.departement ? `-${view.departement}` : ""}.csv`;
}

/** The table as a stream of CSV bytes; cancelled (the download abandoned), it stops reading. */
export function exportStream(
  input: { table: DashboardTable; view: DashboardView; query: DashboardQuery },
  sql: Sql = db,
): ReadableStream<Uint8Array> {
  const file = tableFile(input.table, input.view, input.query, sql);
  const encoder = new TextEncoder();
  const line = (cells: Cell[]) => encoder.encode(cells.map(csvCell).join(";") + "\r\n");
  let rows: AsyncIterator<Cell[]> | null = null;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode("\uFEFF"));
      controller.enqueue(line(file.header));
    },
    async pull(controller) {
      rows ??= (async function* () {
        yield* file.rows();
      })();
      // A batch of lines per pull: fewer, larger chunks than one per row.
      for (let i = 0; i < 200; i++) {
        const next = await rows.next();
        if (next.done) return controller.close();
        controller.enqueue(line(next.value));
      }
    },
    async cancel() {
      await rows?.return?.(undefined);
    },
  });
}
