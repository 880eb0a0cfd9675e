import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { withDomainErrors } from "~/http/answers.server";
import { readQuery } from "~/http/query";
import { now } from "~/infra/clock.server";
import { pageNumber } from "~/infra/paging";
import { formatEuros } from "~/money/euros";
import { formatCount, formatKits } from "~/programme-figures/figures";
import { departementFigures } from "~/programme-figures/figures.server";
import { makerKindLabels } from "~/makers/kinds";
import { BackLink } from "~/ui/back-link";
import { DataTable } from "~/ui/data-table";
import { pageTitle } from "~/ui/page-title";
import { Pagination } from "~/ui/pagination";
import { plural } from "~/ui/plural";
import { AsOf } from "~/programme-figures/as-of";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `${data.figures.departement.name} (${data.figures.departement.code})` : "Département", "Les données du programme") },
];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const { page } = readQuery(request, z.object({ page: pageNumber }));
  return { figures: await departementFigures(params.code ?? "", page), asOf: now() };
});

export default function DepartementData() {
  const { figures, asOf } = useLoaderData<typeof loader>();
  const { departement, money, structures, communes, makers } = figures;
  const available = money.capCents - money.reservedCents - money.committedCents - money.spentCents;
  return (
    <div className="fr-container fr-my-6w">
      <BackLink to="/donnees">Les données du programme</BackLink>
      <h1>
        {departement.name} ({departement.code})
      </h1>
      <p className="fr-text--lead">
        {formatKits(figures.kitsDelivered)} livrés à {plural(structures.total, "structure")} du département ; {formatEuros(money.spentCents)} dépensés
        sur une dotation de {formatEuros(money.capCents)}.
      </p>
      <AsOf instant={asOf} />

      <h2 className="fr-mt-4w">La dotation</h2>
      <DataTable
        caption={`${departement.name} : dotation dans la campagne « ${figures.campaign.name} »`}
        headers={["Montant", "En euros"]}
        rowHeaders
        multiline={false}
        rows={(
          [
            ["Plafond", money.capCents],
            ["Réservé (commandes à instruire)", money.reservedCents],
            ["Engagé (commandes approuvées)", money.committedCents],
            ["Dépensé (kits reçus)", money.spentCents],
            ["Disponible", available],
          ] as const
        ).map(([label, cents]) => ({ key: label, cells: [label, formatEuros(cents)] }))}
      />

      <h2 className="fr-mt-4w">Les kits livrés par commune</h2>
      {communes.length === 0 ? (
        <p>Aucun kit n'a encore été livré dans ce département.</p>
      ) : (
        <DataTable
          caption={`${departement.name} : kits reçus par les structures de chaque commune`}
          headers={["Commune", "Code INSEE", "Structures équipées", "Kits livrés"]}
          rowHeaders
          multiline={false}
          rows={communes.map((c) => ({ key: c.inseeCode, cells: [c.name, c.inseeCode, formatCount(c.structures), formatCount(c.units)] }))}
        />
      )}

      <h2 className="fr-mt-4w">Les structures équipées</h2>
      {structures.total === 0 ? (
        <p>Aucune structure du département n'a encore reçu de kit.</p>
      ) : (
        <>
          <p>{plural(structures.total, "structure a", "structures ont")} confirmé la réception d'au moins un kit.</p>
          <DataTable
            caption={`${departement.name} : structures équipées, page ${structures.page} sur ${structures.pageCount}`}
            headers={["Structure", "Commune", "Kits reçus"]}
            rowHeaders
            rows={structures.items.map((s) => ({ key: s.id, cells: [s.legalName, s.communeName, formatCount(s.units)] }))}
          />
          <Pagination page={structures.page} pageCount={structures.pageCount} label="Pages des structures équipées" />
        </>
      )}

      <h2 className="fr-mt-4w">Les fabricants</h2>
      {makers.length === 0 ? (
        <p>Aucun fabricant ne livre encore ce département.</p>
      ) : (
        <DataTable
          caption={`${departement.name} : fabricants qui livrent le département`}
          headers={["Fabricant", "Type", "Commune", "Livre le département", "Kits livrés dans le département"]}
          rowHeaders
          rows={makers.map((m) => ({
            key: m.id,
            cells: [
              m.name,
              makerKindLabels[m.kind],
              m.communeName,
              m.covers ? "Oui" : "Non (commande confiée à titre exceptionnel)",
              formatCount(m.units),
            ],
          }))}
        />
      )}
    </div>
  );
}
