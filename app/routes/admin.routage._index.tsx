import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { latestCampaign } from "~/envelope/campaigns.server";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { now } from "~/infra/clock.server";
import { NotFound } from "~/infra/domain-errors";
import { formatDateTime } from "~/infra/paris-time";
import { fulfilmentStatusLabels } from "~/orders/fulfilment-lifecycle";
import { describeUnrouted, listLiveShares, listRoutingRuns, routeOrders } from "~/routing/routing.server";
import { MAX_SEED, runSchema } from "~/routing/schemas";
import { DataTable } from "~/ui/data-table";
import { ErrorSummary, Field, SubmitButton } from "~/ui/form";
import { SuccessNotice } from "~/ui/notices";
import { pageTitle } from "~/ui/page-title";
import { plural } from "~/ui/plural";

export const meta: MetaFunction = () => [{ title: pageTitle("Routage des commandes", "Administration") }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request }: LoaderFunctionArgs) => {
  await requireUser(request, { role: "admin" });
  const campaign = await latestCampaign();
  if (!campaign) return { campaign: null, runs: [], unrouted: [], shares: [] };
  const [runs, shares] = await Promise.all([listRoutingRuns(campaign.id), listLiveShares(campaign.id)]);
  const unrouted = await describeUnrouted(runs[0]?.summary.unrouted ?? []);
  return { campaign: { id: campaign.id, name: campaign.name }, runs, unrouted, shares };
});

export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  const user = await requireUser(request, { role: "admin" });
  const input = await form.parse(runSchema);
  const campaign = await latestCampaign();
  if (!campaign) throw new NotFound("Aucune campagne de distribution n'est ouverte.");
  const run = await routeOrders({ campaignId: campaign.id, seed: input.seed, actorId: user.id, now: now() });
  return redirectWithNotice("/admin/routage", "route", { unites: run.summary.routedUnits, graine: run.seed });
});

const km = (distance: number) => `${distance.toLocaleString("fr-FR")} km`;

export default function AdminRouting() {
  const { campaign, runs, unrouted, shares } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  if (!campaign) {
    return (
      <>
        <h1>Routage des commandes</h1>
        <p>Aucune campagne de distribution n'est ouverte : il n'y a rien à router.</p>
      </>
    );
  }
  const last = runs[0];
  return (
    <>
      <h1>Routage des commandes</h1>
      <SuccessNotice
        notices={{
          route: (figures) =>
            `Le routage a confié ${plural(Number(figures.get("unites")), "unité", "unités")} aux fabricants (graine ${figures.get("graine")}).`,
        }}
      />
      <p>
        Le routage confie les unités des commandes approuvées de la campagne « {campaign.name} » aux fabricants qui livrent le département de la
        structure et ont encore de la capacité ce mois-ci, en rendant la distance totale la plus courte possible (d'un département à l'autre). Les
        égalités sont départagées par la graine : la même graine, sur les mêmes commandes et les mêmes capacités, donne le même routage.
      </p>
      <h2>Lancer le routage</h2>
      <ErrorSummary errors={answer?.errors} labels={{ seed: "Graine" }} />
      <Form method="post" noValidate>
        <Field
          label="Graine (facultatif)"
          name="seed"
          inputMode="numeric"
          maxLength={10}
          defaultValue={answer?.values.seed}
          error={answer?.errors.seed}
          hint={`Un nombre entier de 0 à ${MAX_SEED.toLocaleString("fr-FR")}, pour refaire un routage à l'identique ; vide, une graine est tirée au hasard et conservée.`}
        />
        <SubmitButton>Router les commandes approuvées</SubmitButton>
      </Form>

      <h2 className="fr-mt-6w">Derniers routages</h2>
      {runs.length === 0 ? (
        <p>Aucun routage n'a encore été lancé pour cette campagne.</p>
      ) : (
        <DataTable
          caption="Derniers routages, du plus récent au plus ancien"
          hideCaption
          headers={["Routage", "Lancé par", "Graine", "Unités confiées", "Parts", "Distance totale", "Lignes non routées"]}
          rowHeaders
          rows={runs.map((run) => ({
            key: run.id,
            cells: [
              `n° ${run.id}, le ${formatDateTime(run.runAt)}`,
              run.runBy ?? "—",
              run.seed,
              run.summary.routedUnits,
              run.summary.shares,
              `${run.summary.totalCost.toLocaleString("fr-FR")} unités × km`,
              run.summary.unrouted.length,
            ],
          }))}
        />
      )}

      {last ? (
        <>
          <h2 className="fr-mt-6w">
            {unrouted.length === 0 ? `Le routage n° ${last.id} a tout routé` : `Lignes que le routage n° ${last.id} n'a pas pu router`}
          </h2>
          {unrouted.length > 0 ? (
            <DataTable
              caption={`Lignes non routées par le routage n° ${last.id}, avec la raison`}
              hideCaption
              headers={["Commande", "Structure", "Kit", "Unités en attente", "Raison"]}
              rowHeaders
              rows={unrouted.map((line) => ({
                key: `${line.orderId}-${line.kitId}`,
                cells: [`n° ${line.orderId}`, `${line.structure} (${line.departement})`, line.kitTitle, line.units, line.reason],
              }))}
            />
          ) : null}
        </>
      ) : null}

      <h2 className="fr-mt-6w">Parts à accepter ou acceptées</h2>
      {shares.length === 0 ? (
        <p>Aucune part de commande n'attend un fabricant.</p>
      ) : (
        <DataTable
          caption="Parts de commandes confiées à un fabricant et pas encore en fabrication, la plus récente d'abord"
          hideCaption
          headers={["Part", "Structure", "Fabricant", "Unités", "Distance", "État"]}
          rowHeaders
          rows={shares.map((share) => ({
            key: share.id,
            cells: [
              <Link key="link" to={`/admin/routage/parts/${share.id}`}>
                Commande n° {share.orderId}, part n° {share.id}
                <span className="fr-sr-only"> : changer de fabricant</span>
              </Link>,
              `${share.structure} (${share.departement})`,
              share.maker,
              share.units,
              km(share.distanceKm),
              fulfilmentStatusLabels[share.status],
            ],
          }))}
        />
      )}
    </>
  );
}
