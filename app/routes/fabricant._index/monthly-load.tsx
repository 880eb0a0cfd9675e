import { Link } from "@remix-run/react";
import type { KitLoad } from "~/orders/maker-shares.server";
import { DataTable } from "~/ui/data-table";

const monthName = (month: string) =>
  new Intl.DateTimeFormat("fr-FR", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${month}T00:00:00Z`));

/** The way to the orders, and for each kit the units routed this month and next against the month's capacity. */
export function MonthlyLoad({ loads }: { loads: KitLoad[] }) {
  const months = loads[0]?.months.map((load) => load.month) ?? [];
  const severalMakers = new Set(loads.map((load) => load.makerId)).size > 1;
  return (
    <section className="fr-mb-8w" aria-labelledby="commandes-capacite">
      <h2 id="commandes-capacite">Commandes et capacité</h2>
      <p>
        <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" to="/fabricant/commandes">
          Voir les commandes à fabriquer
        </Link>
      </p>
      {loads.length === 0 ? (
        <p>Votre capacité par mois apparaîtra ici dès que vous l'aurez déclarée pour un kit approuvé.</p>
      ) : (
        <DataTable
          caption="Unités attribuées par mois, sur la capacité du mois"
          rowHeaders
          headers={["Kit", ...months.map(monthName)]}
          rows={loads.map((load) => ({
            key: `${load.makerId}-${load.kitId}`,
            cells: [
              `${severalMakers ? `${load.maker} — ` : ""}${load.title}${load.paused ? " (en pause)" : ""}`,
              ...load.months.map((month) => `${month.routedUnits} sur ${month.capacity}`),
            ],
          }))}
        />
      )}
    </section>
  );
}
