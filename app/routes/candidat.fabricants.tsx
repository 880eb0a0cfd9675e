import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { now } from "~/infra/clock.server";
import { KitDecisionOutcome, KitRequestCard } from "~/makers/kit-request-card";
import { decideOwnKitRequest, listKitRequests } from "~/makers/makers.server";
import { decisionSchema } from "~/makers/schemas";
import { Page } from "~/ui/layout";
import { pageTitle } from "~/ui/page-title";
import { plural } from "~/ui/plural";

// The laureate approves (or refuses) the makers who ask to build its own kits (decision 034).

export const meta: MetaFunction = () => [{ title: pageTitle("Les fabricants de mes kits", "Espace candidat") }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request, { role: "designer" });
  return { requests: await listKitRequests({ ownerId: user.id }) };
});

export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  const user = await requireUser(request, { role: "designer" });
  const input = await form.parse(decisionSchema);
  await decideOwnKitRequest({
    makerId: input.makerId,
    kitId: input.kitId,
    status: input.decision,
    reason: input.reason,
    actorId: user.id,
    now: now(),
  });
  return redirectWithNotice("/candidat/fabricants", input.decision === "approved" ? "approuvee" : "refusee");
});

export default function DesignerMakers() {
  const { requests } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <Page
      title="Les fabricants de mes kits"
      lead="Les fablabs, tiers-lieux et entreprises qui demandent à fabriquer vos kits lauréats : approuvez ceux que vous jugez capables de le faire, ou refusez en indiquant la raison."
    >
      <KitDecisionOutcome answer={answer} />
      <p>
        Un fabricant approuvé déclare ensuite les départements qu'il livre et sa capacité par mois ; les commandes des structures de ces départements
        peuvent alors lui être confiées. L'équipe du programme peut aussi décider de ces demandes.{" "}
        <Link to="/candidat">Retour à l'espace candidat</Link>
      </p>
      <h2>{requests.length === 0 ? "Aucune demande en attente" : plural(requests.length, "demande en attente", "demandes en attente")}</h2>
      {requests.map((request) => (
        <KitRequestCard key={`${request.makerId}-${request.kitId}`} request={request} answer={answer} />
      ))}
    </Page>
  );
}
