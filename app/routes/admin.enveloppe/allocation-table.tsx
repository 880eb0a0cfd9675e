import type { Allocation } from "~/envelope/campaigns.server";
import { formatEuros } from "~/money/euros";
import { DataTable } from "~/ui/data-table";

export function AllocationTable({ allocations }: { allocations: Allocation[] }) {
  return (
    <>
      <h2 className="fr-mt-6w">Répartition par département</h2>
      <DataTable
        caption="Allocation de chaque département : poids, plafond, sommes réservées, engagées et dépensées, disponible"
        headers={["Département", "Poids", "Plafond", "Réservé", "Engagé", "Dépensé", "Disponible"]}
        rowHeaders
        rows={allocations.map((a) => ({
          key: a.departementCode,
          cells: [
            `${a.departementCode} — ${a.departementName}`,
            a.weight.toLocaleString("fr-FR"),
            formatEuros(a.capCents),
            formatEuros(a.reservedCents),
            formatEuros(a.committedCents),
            formatEuros(a.spentCents),
            formatEuros(a.capCents - a.reservedCents - a.committedCents - a.spentCents),
          ],
        }))}
      />
    </>
  );
}
