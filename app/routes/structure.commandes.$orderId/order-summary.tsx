import type { SerializeFrom } from "@remix-run/node";
import { formatDate } from "~/infra/paris-time";
import { formatEuros } from "~/money/euros";
import { orderStatusLabels } from "~/orders/orders-lifecycle";
import type { StructureOrderView } from "~/orders/structure-orders.server";
import { DataTable } from "~/ui/data-table";

/** The order's status, dates and lines. */
export function OrderSummary({ view }: { view: SerializeFrom<StructureOrderView> }) {
  const { order } = view;
  return (
    <section className="fr-mb-4w" aria-labelledby="commande-titre">
      <h2 id="commande-titre" className="fr-sr-only">
        La commande
      </h2>
      <p className="fr-badge fr-badge--info">{orderStatusLabels[order.status]}</p>
      <dl className="fr-mt-2w">
        <dt className="fr-text--bold">Structure</dt>
        <dd>{order.structureName}</dd>
        <dt className="fr-text--bold">Campagne</dt>
        <dd>{order.campaignName}</dd>
        <dt className="fr-text--bold">Envoyée le</dt>
        <dd>{formatDate(order.submittedAt)}</dd>
        {order.rejectionReason ? (
          <>
            <dt className="fr-text--bold">Motif du refus</dt>
            <dd>« {order.rejectionReason} »</dd>
          </>
        ) : null}
      </dl>
      <DataTable
        caption="Kits commandés"
        headers={["Kit", "Quantité", "Prix unitaire", "Montant"]}
        rowHeaders
        rows={[
          ...view.lines.map((line) => ({
            key: line.kitId,
            cells: [line.title, line.quantity, formatEuros(line.unitPriceCents), formatEuros(line.quantity * line.unitPriceCents)],
          })),
          { key: "total", cells: ["Total", order.totalUnits, "", formatEuros(order.totalCents)] },
        ]}
      />
    </section>
  );
}
