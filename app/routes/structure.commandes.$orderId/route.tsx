import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/accounts/permissions.server";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { requireRecordId } from "~/http/params";
import { readQuery } from "~/http/query";
import { now } from "~/infra/clock.server";
import { toParisLocal } from "~/infra/paris-time";
import { cancelOrder } from "~/orders/orders.server";
import { confirmReceipt } from "~/orders/receipts.server";
import { structureOrder } from "~/orders/structure-orders.server";
import { cancelSchema, receiptFormSchema } from "~/orders/structure-schemas";
import { ErrorSummary } from "~/ui/form";
import { SuccessNotice } from "~/ui/notices";
import { pageTitle } from "~/ui/page-title";
import { CancelSection } from "./cancel-section";
import { DocumentsSection } from "./documents-section";
import { OrderSummary } from "./order-summary";
import { SharesSection } from "./shares-section";
import { Timeline } from "./timeline";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Commande n° ${data.view.order.id}` : "Commande", "Espace structure") },
];

const NOT_FOUND = "Commande introuvable.";
const confirmSchema = z.object({ annuler: z.literal("1").optional().catch(undefined) });

// Any signed-in person reaches the domain, which answers "not found" to whoever is not a member of
// the ordering structure: a maker or an instructor learns no more than a stranger would.
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request);
  const view = await structureOrder({ orderId: requireRecordId(params.orderId, NOT_FOUND), userId: user.id });
  return { view, confirmCancel: readQuery(request, confirmSchema).annuler === "1", today: toParisLocal(now()).slice(0, 10) };
});

export const action = /* @__PURE__ */ formAction(async ({ request, params, form }) => {
  const user = await requireUser(request);
  const orderId = requireRecordId(params.orderId, NOT_FOUND);
  if ((await form.intent()) === "cancel") {
    await form.parse(cancelSchema);
    await cancelOrder({ orderId, actorId: user.id, now: now() });
    return redirectWithNotice(`/structure/commandes/${orderId}`, "annulee");
  }
  const input = await form.parse(receiptFormSchema);
  const receipt = await confirmReceipt({ ...input, memberId: user.id, now: now() });
  return redirectWithNotice(`/structure/commandes/${receipt.orderId}#livraison-${receipt.shipmentId}`, "reception", {
    livraison: receipt.shipmentId,
  });
});

export default function StructureOrder() {
  const { view, confirmCancel, today } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  // A refusal is shown by its form; when that form is no longer on the page (the shipment received
  // meanwhile, the order no longer cancellable), at the top.
  const cancelAnswer = answer?.values.intent === "cancel" ? answer : undefined;
  const receiptAnswer = answer && !cancelAnswer ? answer : undefined;
  const openShipments = view.shares.flatMap((share) => share.shipments).filter((shipment) => !shipment.receipt);
  const shownByItsForm = cancelAnswer ? view.cancellable : openShipments.some((shipment) => String(shipment.id) === receiptAnswer?.values.shipmentId);
  return (
    <div className="fr-container fr-my-6w">
      <p>
        <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" to={`/structure/commandes?structure=${view.order.structureId}`}>
          Commandes de {view.order.structureName}
        </Link>
      </p>
      <h1>Commande n° {view.order.id}</h1>
      <SuccessNotice
        notices={{
          envoyee: "La commande est envoyée : l'instructeur de votre département va l'examiner. Les fonds sont réservés d'ici là.",
          reception: (figures) =>
            `La réception de la livraison n° ${figures.get("livraison")} est confirmée. L'attestation de service fait est dans les documents de la commande.`,
          annulee: "La commande est annulée : ce qu'elle réservait est rendu à votre plafond et à l'enveloppe du département.",
        }}
      />
      {answer && !shownByItsForm ? <ErrorSummary errors={answer.errors} labels={{}} /> : null}
      <OrderSummary view={view} />
      <Timeline events={view.timeline} />
      <SharesSection shares={view.shares} today={today} answer={receiptAnswer} />
      <DocumentsSection orderId={view.order.id} documents={view.documents} />
      {view.cancellable ? <CancelSection orderId={view.order.id} confirming={confirmCancel} answer={cancelAnswer} /> : null}
    </div>
  );
}
