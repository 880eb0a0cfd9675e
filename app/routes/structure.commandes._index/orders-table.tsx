import { Link } from "@remix-run/react";
import type { SerializeFrom } from "@remix-run/node";
import { formatDate } from "~/infra/paris-time";
import { formatEuros } from "~/money/euros";
import { orderStatusLabels } from "~/orders/orders-lifecycle";
import type { StructureOrderRow } from "~/orders/structure-orders.server";
import type { Paged } from "~/infra/paging";
import { DataTable } from "~/ui/data-table";
import { Pagination } from "~/ui/pagination";
import { plural } from "~/ui/plural";

/** The structure's orders, the latest first, a page at a time, each opening its follow-up page. */
export function OrdersTable({ orders }: { orders: SerializeFrom<Paged<StructureOrderRow>> }) {
  const { items, total, page, pageCount } = orders;
  return (
    <section className="fr-mt-6w" aria-labelledby="commandes-titre">
      <h2 id="commandes-titre">Vos commandes</h2>
      {total === 0 ? (
        <p>Aucune commande pour l'instant.</p>
      ) : (
        <p>{`${plural(total, "commande")}${pageCount > 1 ? `, page ${page} sur ${pageCount}` : ""}.`}</p>
      )}
      {items.length === 0 ? null : (
        <DataTable
          caption="Commandes de la structure"
          hideCaption
          headers={["Numéro", "Envoyée le", "Statut", "Montant", "Kits"]}
          rowHeaders
          rows={items.map((order) => ({
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
      <Pagination page={page} pageCount={pageCount} label="Pages des commandes" />
    </section>
  );
}
