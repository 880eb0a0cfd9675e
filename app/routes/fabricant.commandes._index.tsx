import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { withDomainErrors } from "~/http/answers.server";
import { readQuery } from "~/http/query";
import { formatDate } from "~/infra/paris-time";
import { fulfilmentStatusLabels } from "~/orders/fulfilment-lifecycle";
import { shareFilterSchema, shareGroupLabels, shareGroups, shareGroupStatuses, type ShareGroup } from "~/orders/maker-schemas";
import { makerSharesPage, type MakerShareRow } from "~/orders/maker-shares.server";
import { BackLink } from "~/ui/back-link";
import { DataTable } from "~/ui/data-table";
import { Select } from "~/ui/fields";
import { FilterForm } from "~/ui/filter-form";
import { Pagination } from "~/ui/pagination";
import { plural } from "~/ui/plural";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => [{ title: pageTitle("Commandes", "Espace fabricant") }];

// Without a filter the list shows every share the maker builds; refused and cancelled ones on demand.
const liveGroups: readonly ShareGroup[] = ["to_accept", "in_progress", "shipped", "delivered"];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request, { role: "maker" });
  const { etat, page } = readQuery(request, shareFilterSchema);
  const groups = etat ? [etat] : liveGroups;
  const { shares, counts } = await makerSharesPage({ userId: user.id, groups, page });
  return { etat: etat ?? null, groups, shares, counts };
});

function SharesTable({ group, shares, withMaker }: { group: ShareGroup; shares: MakerShareRow[]; withMaker: boolean }) {
  return (
    <DataTable
      caption={`Commandes : ${shareGroupLabels[group].toLowerCase()}`}
      hideCaption
      rowHeaders
      headers={["Commande", ...(withMaker ? ["Fabricant"] : []), "Structure", "Commune (département)", "Unités", "Attribuée le", "État"]}
      rows={shares.map((share) => ({
        key: share.id,
        cells: [
          <Link key="link" to={`/fabricant/commandes/${share.id}`}>
            {`Commande n° ${share.orderId}`}
          </Link>,
          ...(withMaker ? [share.maker] : []),
          share.structure,
          `${share.commune} (${share.departementCode} — ${share.departement})`,
          share.status === "shipped" || share.status === "in_production"
            ? `${share.units} (${share.shippedUnits} expédiée${share.shippedUnits > 1 ? "s" : ""})`
            : String(share.units),
          formatDate(share.routedAt),
          fulfilmentStatusLabels[share.status],
        ],
      }))}
    />
  );
}

export default function MakerOrders() {
  const { etat, groups, shares, counts } = useLoaderData<typeof loader>();
  const rows = shares.items.map((share) => ({ ...share, routedAt: new Date(share.routedAt) }));
  const withMaker = new Set(rows.map((share) => share.maker)).size > 1;
  return (
    <div className="fr-container fr-my-6w">
      <BackLink to="/fabricant">Espace fabricant</BackLink>
      <h1>Commandes à fabriquer</h1>
      <p className="fr-text--lead">
        Les parts de commandes que le programme vous a attribuées : acceptez-les ou refusez-les, puis indiquez la fabrication et chaque expédition.
      </p>
      <FilterForm label="Filtrer les commandes" className="fr-mb-3w" buttonColumn="fr-col-12 fr-col-md-4">
        <div className="fr-col-12 fr-col-md-4">
          <Select
            label="État"
            name="etat"
            id="filtre-etat"
            defaultValue={etat ?? ""}
            placeholder="Toutes, sauf refusées ou annulées"
            options={shareGroups.map((group) => ({ value: group, label: shareGroupLabels[group] }))}
          />
        </div>
      </FilterForm>
      <p role="status">
        {shares.total === 0
          ? "Aucune commande ne correspond à ce filtre."
          : `${plural(shares.total, "commande")}${shares.pageCount > 1 ? `, page ${shares.page} sur ${shares.pageCount}` : ""}.`}
      </p>
      {groups.map((group) => {
        const inGroup = rows.filter((share) => shareGroupStatuses[group].includes(share.status));
        return (
          <section key={group} aria-labelledby={`groupe-${group}`} className="fr-mt-4w">
            <h2 id={`groupe-${group}`}>{`${shareGroupLabels[group]} (${counts[group]})`}</h2>
            {inGroup.length > 0 ? (
              <SharesTable group={group} shares={inGroup} withMaker={withMaker} />
            ) : (
              <p>{counts[group] === 0 ? "Aucune commande." : "Sur une autre page."}</p>
            )}
          </section>
        );
      })}
      <Pagination page={shares.page} pageCount={shares.pageCount} label="Pages des commandes" />
    </div>
  );
}
