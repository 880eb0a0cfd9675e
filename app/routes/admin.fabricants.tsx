import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { now } from "~/infra/clock.server";
import { formatSiret } from "~/organisations/siret";
import { KitDecisionOutcome, KitRequestCard } from "~/makers/kit-request-card";
import { makerKindLabels } from "~/makers/kinds";
import { decideKitRequest, listKitRequests, searchMakers } from "~/makers/makers.server";
import { decisionSchema, makerSearchSchema } from "~/makers/schemas";
import { readQuery } from "~/http/query";
import { DataTable } from "~/ui/data-table";
import { pageTitle } from "~/ui/page-title";
import { Pagination, pagedSummary } from "~/ui/pagination";
import { plural } from "~/ui/plural";
import { SearchBar } from "~/ui/search-bar";

export const meta: MetaFunction = () => [{ title: pageTitle("Fabricants", "Administration") }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request }: LoaderFunctionArgs) => {
  await requireUser(request, { role: "admin" });
  const { recherche, page } = readQuery(request, makerSearchSchema);
  const [requests, makers] = await Promise.all([listKitRequests(), searchMakers({ query: recherche, page })]);
  return { requests, makers, recherche };
});

export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  const user = await requireUser(request, { role: "admin" });
  const input = await form.parse(decisionSchema);
  await decideKitRequest({ makerId: input.makerId, kitId: input.kitId, status: input.decision, reason: input.reason, actorId: user.id, now: now() });
  return redirectWithNotice("/admin/fabricants", input.decision === "approved" ? "approuvee" : "refusee");
});

export default function AdminMakers() {
  const { requests, makers, recherche } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <>
      <h1>Fabricants</h1>
      <KitDecisionOutcome answer={answer} />
      <p>
        Les fabricants inscrits demandent à fabriquer des kits du catalogue. Approuvez chaque demande, ou refusez-la en indiquant la raison : le
        fabricant la lira. Un fabricant approuvé déclare ensuite les départements qu'il livre et sa capacité par mois.
      </p>
      <h2>{requests.length === 0 ? "Aucune demande en attente" : plural(requests.length, "demande en attente", "demandes en attente")}</h2>
      {requests.map((request) => (
        <KitRequestCard key={`${request.makerId}-${request.kitId}`} request={request} answer={answer} />
      ))}
      <h2 className="fr-mt-6w" id="fabricants">
        Fabricants inscrits
      </h2>
      <p>
        Pour ajouter une personne aux membres d'un fabricant, donnez-lui le rôle « Fabricant » depuis la page{" "}
        <Link to="/admin/utilisateurs">Utilisateurs</Link>, avec le numéro du fabricant.
      </p>
      <SearchBar
        id="recherche-fabricants"
        name="recherche"
        label="Rechercher un fabricant par nom, commune, département ou SIRET"
        placeholder="Nom, commune, département ou SIRET"
        defaultValue={recherche ?? ""}
        button="Rechercher"
      />
      <p role="status">
        {makers.total === 0
          ? recherche
            ? `Aucun fabricant ne correspond à « ${recherche} ».`
            : "Aucun fabricant inscrit pour l'instant."
          : pagedSummary(makers, "fabricant inscrit", "fabricants inscrits")}
      </p>
      {makers.items.length > 0 ? (
        <DataTable
          caption={recherche ? `Fabricants inscrits pour « ${recherche} »` : "Fabricants inscrits"}
          hideCaption
          headers={["Fabricant", "Numéro", "SIRET", "Commune", "Membres", "Kits approuvés", "Retrait"]}
          rowHeaders
          rows={makers.items.map((maker) => ({
            key: maker.id,
            cells: [
              `${maker.name} (${makerKindLabels[maker.kind]})`,
              maker.id,
              formatSiret(maker.siret),
              `${maker.communeName} (${maker.departementCode})`,
              maker.members,
              maker.approvedKits,
              <Link key="retrait" to={`/admin/fabricants/${maker.id}/retrait`}>
                Retirer ce fabricant<span className="fr-sr-only"> : {maker.name}</span>
              </Link>,
            ],
          }))}
        />
      ) : null}
      <Pagination page={makers.page} pageCount={makers.pageCount} label="Pages des fabricants" />
    </>
  );
}
