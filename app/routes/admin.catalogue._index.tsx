import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { addKit, listLaureatesForAdmin, type AdminLaureate } from "~/catalogue/kits.server";
import { addKitSchema } from "~/catalogue/schemas";
import { latestCampaign } from "~/envelope/campaigns.server";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { now } from "~/infra/clock.server";
import { formatParis } from "~/infra/paris-time";
import { formatEuros } from "~/money/euros";
import { DataTable } from "~/ui/data-table";
import { ErrorSummary } from "~/ui/form";
import { SuccessNotice } from "~/ui/notices";
import { pageTitle } from "~/ui/page-title";
import { plural } from "~/ui/plural";

export const meta: MetaFunction = () => [{ title: pageTitle("Catalogue", "Administration") }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request }: LoaderFunctionArgs) => {
  await requireUser(request, { role: "admin" });
  const campaign = await latestCampaign();
  return { campaign: campaign ?? null, laureates: await listLaureatesForAdmin(campaign?.id ?? null) };
});

export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  const user = await requireUser(request, { role: "admin" });
  const { proposalId } = await form.parse(addKitSchema);
  const kit = await addKit({ proposalId, actorId: user.id, now: now() });
  return redirectWithNotice("/admin/catalogue", "ajoute", { kit: kit.slug });
});

function offerText(laureate: AdminLaureate) {
  if (!laureate.offer) return "Pas d'offre";
  const { unitPriceCents, leadTimeDays, orderable } = laureate.offer;
  return `${orderable ? "Commandable" : "Retiré de la commande"} — ${formatEuros(unitPriceCents)}, ${plural(leadTimeDays, "jour")}`;
}

export default function AdminCatalogue() {
  const { campaign, laureates } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <>
      <h1>Catalogue</h1>
      <SuccessNotice
        notices={{
          ajoute: (figures) => `Le kit est au catalogue, à l'adresse /catalogue/${figures.get("kit")}.`,
          offre: "L'offre du kit dans la campagne est enregistrée.",
        }}
      />
      <ErrorSummary errors={answer?.errors} labels={{}} />
      <p>
        Les kits lauréats des résultats publiés entrent au catalogue, tels que le jury les a jugés ; pour la campagne en cours, vous décidez lesquels
        sont commandables, à quel prix unitaire et avec quel délai de fabrication.
      </p>
      {campaign ? (
        <p>
          Campagne en cours : <strong>{campaign.name}</strong>, commandes du {formatParis(new Date(campaign.opensAt))} au{" "}
          {formatParis(new Date(campaign.closesAt))} (heure de Paris).
        </p>
      ) : (
        <p>
          Aucune campagne de distribution n'est ouverte : les kits peuvent entrer au catalogue, leurs offres se fixeront par campagne (page{" "}
          <Link to="/admin/enveloppe">Enveloppe</Link>).
        </p>
      )}
      {laureates.length === 0 ? (
        <p>Aucun résultat n'est encore publié : aucun kit lauréat ne peut entrer au catalogue.</p>
      ) : (
        <DataTable
          caption={plural(laureates.length, "kit lauréat", "kits lauréats")}
          headers={["Kit", "Concours", "Prix retenu par le jury", "Catalogue", campaign ? "Offre dans la campagne" : "Offre"]}
          rowHeaders
          rows={laureates.map((laureate) => ({
            key: laureate.proposalId,
            cells: [
              laureate.title,
              laureate.contestTitle,
              formatEuros(laureate.juryUnitPriceCents),
              laureate.kit ? (
                <Link key="public" to={`/catalogue/${laureate.kit.slug}`}>
                  Au catalogue<span className="fr-sr-only"> : {laureate.title}</span>
                </Link>
              ) : (
                <Form key="add" method="post">
                  <input type="hidden" name="proposalId" value={laureate.proposalId} />
                  <button className="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
                    Ajouter au catalogue<span className="fr-sr-only"> : {laureate.title}</span>
                  </button>
                </Form>
              ),
              laureate.kit && campaign ? (
                <span key="offer">
                  {offerText(laureate)}
                  <br />
                  <Link to={`/admin/catalogue/${laureate.kit.id}`}>
                    {laureate.offer ? "Modifier l'offre" : "Fixer l'offre"}
                    <span className="fr-sr-only"> : {laureate.title}</span>
                  </Link>
                </span>
              ) : (
                "—"
              ),
            ],
          }))}
        />
      )}
    </>
  );
}
