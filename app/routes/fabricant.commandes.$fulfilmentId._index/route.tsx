import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { formAction, withDomainErrors, type FormAnswer } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { requireRecordId } from "~/http/params";
import { now } from "~/infra/clock.server";
import { Refused } from "~/infra/domain-errors";
import { fulfilmentStatusLabels } from "~/orders/fulfilment-lifecycle";
import { refusalSchema, shipmentSchema } from "~/orders/maker-schemas";
import { findMakerShare } from "~/orders/maker-shares.server";
import { acceptShare, refuseShare, shipShare, startProduction } from "~/orders/maker-steps.server";
import { BackLink } from "~/ui/back-link";
import { ErrorSummary } from "~/ui/form";
import { SuccessNotice } from "~/ui/notices";
import { pageTitle } from "~/ui/page-title";
import { ShareActions } from "./share-actions";
import { ShareSummary } from "./share-summary";
import { Shipments } from "./shipments";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Commande n° ${data.share.orderId}` : "Commande introuvable", "Espace fabricant") },
];

const notFound = "Commande introuvable.";

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  // Any signed-in person may ask; only a member of the share's maker is answered (anyone else: 404).
  const user = await requireUser(request);
  const share = await findMakerShare({ fulfilmentId: requireRecordId(params.fulfilmentId, notFound), userId: user.id });
  return { share };
});

export const action = /* @__PURE__ */ formAction(async ({ request, params, form }) => {
  const user = await requireUser(request);
  const step = { fulfilmentId: requireRecordId(params.fulfilmentId, notFound), actorId: user.id, now: now() };
  const back = `/fabricant/commandes/${step.fulfilmentId}`;
  switch (await form.intent()) {
    case "accept":
      await acceptShare(step);
      return redirectWithNotice(back, "acceptee");
    case "refuse": {
      const { reason } = await form.parse(refusalSchema);
      await refuseShare({ ...step, reason });
      return redirectWithNotice(back, "refusee");
    }
    case "start":
      await startProduction(step);
      return redirectWithNotice(back, "fabrication");
    case "ship": {
      const shipment = await form.parse(shipmentSchema);
      await shipShare({ ...step, ...shipment });
      return redirectWithNotice(`${back}#expeditions`, "expediee");
    }
    default:
      throw new Refused("Choisissez une action parmi celles proposées.");
  }
});

export default function MakerShare() {
  const { share } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as FormAnswer | undefined;
  // A refusal about the page as a whole (a step no longer possible) is said at the top; errors by field go to their form.
  const general = answer?.errors._form ? { _form: answer.errors._form } : undefined;
  return (
    <div className="fr-container fr-my-6w">
      <BackLink to="/fabricant/commandes">Commandes à fabriquer</BackLink>
      <h1>Commande n° {share.orderId}</h1>
      <p className="fr-text--lead">
        {share.structure.name} — {fulfilmentStatusLabels[share.status]}
      </p>
      <SuccessNotice
        notices={{
          acceptee: "Vous avez accepté cette commande ; la structure en est informée par courriel.",
          refusee: "Vous avez refusé cette commande ; l'équipe du programme l'attribuera à un autre fabricant.",
          fabrication: "La commande est en fabrication ; la structure en est informée par courriel.",
          expediee: "L'expédition est enregistrée et son bon de livraison émis ; la structure reçoit le numéro de suivi par courriel.",
        }}
      />
      <ErrorSummary errors={general} labels={{}} />
      <ShareSummary share={share} />
      <ShareActions share={share} answer={answer && !answer.errors._form ? answer : undefined} />
      <Shipments share={share} />
    </div>
  );
}
