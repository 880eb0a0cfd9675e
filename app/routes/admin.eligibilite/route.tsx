import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { orderingState, orderingStateLabels } from "~/eligibility/period";
import { RulesSummary } from "~/eligibility/rules-summary";
import { rulesHistory, setRules } from "~/eligibility/rules.server";
import { rulesSchema } from "~/eligibility/schemas";
import { latestCampaign } from "~/envelope/campaigns.server";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { now } from "~/infra/clock.server";
import { Conflict } from "~/infra/domain-errors";
import { formatParis } from "~/infra/paris-time";
import { listTerritorialLists } from "~/territories/lists.server";
import { SuccessNotice } from "~/ui/notices";
import { pageTitle } from "~/ui/page-title";
import { RulesForm } from "./rules-form";
import { RulesHistory } from "./rules-history";

export const meta: MetaFunction = () => [{ title: pageTitle("Éligibilité", "Administration") }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request }: LoaderFunctionArgs) => {
  await requireUser(request, { role: "admin" });
  const campaign = await latestCampaign();
  if (!campaign) return { campaign: null, state: null, history: [], lists: [] };
  const [history, lists] = await Promise.all([rulesHistory(campaign.id), listTerritorialLists()]);
  return { campaign, state: orderingState(campaign, now()), history, lists };
});

export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  const user = await requireUser(request, { role: "admin" });
  const input = await form.parse(rulesSchema);
  // The page edits the latest campaign; a form about another one (a campaign opened meanwhile, a forged id) changes nothing.
  if ((await latestCampaign())?.id !== input.campaignId) throw new Conflict("Cette page portait sur une autre campagne : rechargez-la.");
  const saved = await setRules({
    campaignId: input.campaignId,
    basedOn: input.basedOn,
    allowedKinds: input.kinds,
    territory: input.territory,
    listIds: input.lists,
    franceServicesEverywhere: input.franceServicesEverywhere,
    capCents: input.capEuros,
    capUnits: input.capUnits,
    reason: input.reason,
    actorId: user.id,
    now: now(),
  });
  return redirectWithNotice("/admin/eligibilite", "enregistree", { version: saved.version });
});

export default function Eligibility() {
  const { campaign, state, history, lists } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  if (!campaign || !state) {
    return (
      <>
        <h1>Éligibilité</h1>
        <p>
          Aucune campagne de distribution n'est ouverte : les règles d'éligibilité se fixent par campagne. Ouvrez d'abord une campagne depuis la page{" "}
          <Link to="/admin/enveloppe">Enveloppe</Link>.
        </p>
      </>
    );
  }
  const current = history[0];
  return (
    <>
      <h1>Éligibilité</h1>
      <SuccessNotice
        notices={{
          enregistree: (figures) => `La version ${figures.get("version")} des règles est enregistrée ; elle s'applique dès maintenant.`,
        }}
      />
      <p>
        {campaign.name} : commandes du {formatParis(new Date(campaign.opensAt))} au {formatParis(new Date(campaign.closesAt))} (heure de Paris).{" "}
        <strong>{orderingStateLabels[state]}.</strong>
      </p>
      <h2>Règles en vigueur</h2>
      {current ? (
        <>
          <p>
            Version {current.version}, enregistrée le {formatParis(new Date(current.createdAt))}.
          </p>
          <RulesSummary rule={current} />
        </>
      ) : (
        <p>Aucune règle n'est encore fixée : aucune structure ne peut commander.</p>
      )}
      <RulesForm campaignId={campaign.id} current={current ?? null} lists={lists} orderingOpen={state === "open"} answer={answer} />
      <RulesHistory history={history} />
    </>
  );
}
