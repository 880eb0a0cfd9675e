import { formatCount } from "~/programme-figures/figures";
import type { KindFigures } from "~/programme-figures/figures";
import { DataTable } from "~/ui/data-table";

/** Structures equipped (at least one kit received) and kits received, by kind of structure. */
export function KindsTable({ kinds }: { kinds: KindFigures[] }) {
  return (
    <section aria-labelledby="types-titre">
      <h2 id="types-titre" className="fr-mt-6w">
        Les structures équipées, par type
      </h2>
      <p>Une structure est équipée dès qu'elle a confirmé la réception d'au moins un kit.</p>
      <DataTable
        caption="Structures équipées et kits reçus, par type de structure"
        headers={["Type de structure", "Structures équipées", "Kits reçus"]}
        rowHeaders
        multiline={false}
        rows={kinds.map((k) => ({ key: k.kind, cells: [k.label, formatCount(k.structures), formatCount(k.units)] }))}
      />
    </section>
  );
}
