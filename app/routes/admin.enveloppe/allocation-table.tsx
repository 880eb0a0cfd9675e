import { Link } from "@remix-run/react";
import type { Allocation } from "~/envelope/campaigns.server";
import { formatEuros } from "~/money/euros";
import { DataTable } from "~/ui/data-table";
import { usedCents } from "./france-map";

export function AllocationTable({ allocations, weightDecimals }: { allocations: Allocation[]; weightDecimals: number }) {
  // One formatter for the 101 rows: toLocaleString with options builds one per call.
  const weight = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: weightDecimals });
  return (
    <>
      <h2 className="fr-mt-6w" id="repartition">
        Répartition par département
      </h2>
      <DataTable
        caption="Allocation de chaque département : poids, plafond, sommes réservées, engagées et dépensées, disponible"
        headers={["Département", "Poids", "Plafond", "Réservé", "Engagé", "Dépensé", "Disponible"]}
        rowHeaders
        rows={allocations.map((a) => ({
          key: a.departementCode,
          cells: [
            <Link key="link" to={`/admin/enveloppe/departements/${a.departementCode}`}>
              {a.departementCode} — {a.departementName}
            </Link>,
            `${weight.format(a.weight / 10 ** weightDecimals)}${a.atFloor ? " (au plancher)" : ""}`,
            formatEuros(a.capCents),
            formatEuros(a.reservedCents),
            formatEuros(a.committedCents),
            formatEuros(a.spentCents),
            formatEuros(a.capCents - usedCents(a)),
          ],
        }))}
      />
    </>
  );
}
