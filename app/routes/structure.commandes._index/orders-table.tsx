import { Link } from "@remix-run/react";
import type { SerializeFrom } from "@remix-run/node";
import { formatDate } from "~/infra/paris-time";
import { formatEuros } from "~/money/euros";
import { orderStatusLabels } from "~/orders/orders-lifecycle";
import type { StructureOrderRow } from "~/orders/structure-orders.server";
import { DataTable } from "~/ui/data-table";

/** The structure's orders, the latest first, each opening its follow-up page. */
export function OrdersTable({ orders }: { orders: SerializeFrom<StructureOrderRow>[] }) {
  return (
    <section className="fr-mt-6w" aria-labelledby="commandes-titre">
      <h2 id="commandes-titre">Vos commandes</h2>
      {orders.length === 0 ? (
        <p>Aucune commande pour l'instant.</p>
      ) : (
        <DataTable
          caption="Commandes de la structure"
          hideCaption
          headers={["Numéro", "Envoyée le", "Statut", "Montant", "Kits"]}
          rowHeaders
          rows={orders.map((order) => ({
            key: order.id,
            cells: [
              <Link key="id" to={`/structure/commandes/${order.id}`}>
                Commande n° {order.id}
              </Link>,
              formatDate(order.submittedAt),
              orderStatusLabels[order.status],
              formatEuros(order.totalCents),
              order.totalUnits,
            ],
          }))}
        />
      )}
    </section>
  );
}
