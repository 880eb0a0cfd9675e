import { Form } from "@remix-run/react";
import type { FormAnswer } from "~/http/answers.server";
import { formatDate, formatDateTime } from "~/infra/paris-time";
import { formatEuros } from "~/money/euros";
import { formatSiret } from "~/organisations/siret";
import { structureKindLabels } from "~/structures/kinds";
import { BackLink } from "~/ui/back-link";
import { DataTable } from "~/ui/data-table";
import { TextArea } from "~/ui/fields";
import { ErrorSummary, RequiredFieldsNote } from "~/ui/form";
import { plural } from "~/ui/plural";
import { useRevalidateWhileVisible } from "~/ui/use-revalidate-while-visible";
import { instructionLabels } from "../instruction-schemas";
import type { OrderFile } from "../order-queues.server";
import { AllocationFigures } from "./allocation-figures";
import type { InstructionSpace } from "./spaces";
import { OrderStatusBadge } from "./status-badge";
import { Facts } from "~/ui/facts";

const capOf = (rules: OrderFile["rules"]) =>
  [rules.capCents === null ? null : formatEuros(rules.capCents), rules.capUnits === null ? null : plural(rules.capUnits, "kit")]
    .filter(Boolean)
    .join(" et ") || "aucun plafond";

/** Everything needed to decide on one order, then the decision: the same page in the admin and instruction spaces. */
export function OrderPage({ space, file, answer }: { space: InstructionSpace; file: OrderFile & { at: Date }; answer: FormAnswer | undefined }) {
  useRevalidateWhileVisible(10_000);
  const { order, structure, rules, lines } = file;
  return (
    <>
      <BackLink to={space.queuePath}>Retour à la file des commandes</BackLink>
      <h1>Commande n° {order.id}</h1>
      <p>
        <OrderStatusBadge status={order.status} /> depuis le {formatDateTime(order.statusAt)}
        {order.decidedByName ? `, décidée par ${order.decidedByName} le ${formatDateTime(order.decidedAt)}` : ""}
      </p>
      {order.rejectionReason ? <p>Raison du refus : {order.rejectionReason}</p> : null}
      <Facts
        title="Commande"
        facts={[
          ["Campagne", order.campaignName],
          ["Envoyée", `le ${formatDateTime(order.submittedAt)} par ${order.submittedByName}`],
          ["Montant", `${formatEuros(order.totalCents)} pour ${plural(order.totalUnits, "kit")}`],
          [
            "Règles d'éligibilité appliquées",
            `version ${rules.version} du ${formatDate(rules.createdAt)}, plafond par structure : ${capOf(rules)}${rules.reason ? ` (${rules.reason})` : ""}`,
          ],
        ]}
      />
      <section className="fr-mb-4w">
        <h2 className="fr-h4">Kits commandés</h2>
        <DataTable
          caption="Kits commandés"
          hideCaption
          headers={["Kit", "Quantité", "Prix unitaire", "Total"]}
          rowHeaders
          rows={[
            ...lines.map((line) => ({
              key: line.kitId,
              cells: [line.title, line.quantity, formatEuros(line.unitPriceCents), formatEuros(line.quantity * line.unitPriceCents)],
            })),
            { key: "total", cells: ["Total", order.totalUnits, "", formatEuros(order.totalCents)] },
          ]}
        />
      </section>
      <Facts
        title="Structure"
        facts={[
          ["Raison sociale", structure.legalName],
          ["SIRET", formatSiret(structure.siret)],
          ["Type de structure", structureKindLabels[structure.kind]],
          ["Commune", `${structure.communeName} (code INSEE ${structure.communeCode})`],
          ["Département", `${order.departementCode} — ${structure.departementName}`],
          ["Adresse de livraison", `${structure.address}, ${structure.postalCode} ${structure.communeName}`],
          ["Personne à contacter", `${structure.contactName}, ${structure.contactPhone}`],
        ]}
      />
      <AllocationFigures figures={file.allocation} at={file.at} />
      <Decisions status={order.status} answer={answer} />
    </>
  );
}

function Decisions({ status, answer }: { status: OrderFile["order"]["status"]; answer: FormAnswer | undefined }) {
  const errors = answer?.errors;
  if (status !== "submitted" && status !== "delivered") return null;
  return (
    <section className="fr-mb-4w">
      <h2 className="fr-h4">Décision</h2>
      <ErrorSummary errors={errors} labels={instructionLabels} />
      {status === "delivered" ? (
        <Form method="post" noValidate>
          <p>La structure a confirmé la réception de chaque envoi : la commande peut être close.</p>
          <button className="fr-btn" type="submit" name="intent" value="close">
            Clore la commande
          </button>
        </Form>
      ) : (
        <>
          <Form method="post" noValidate className="fr-mb-4w">
            <h3 className="fr-h5">Approuver la commande</h3>
            <p>Son montant passe de réservé à engagé sur l'enveloppe du département ; la structure en est informée par courriel.</p>
            <button className="fr-btn" type="submit" name="intent" value="approve">
              Approuver la commande
            </button>
          </Form>
          <Form method="post" noValidate>
            <h3 className="fr-h5">Refuser la commande</h3>
            <RequiredFieldsNote />
            <TextArea
              label={instructionLabels.reason}
              name="reason"
              rows={4}
              maxLength={2000}
              required
              hint="La structure la reçoit par courriel. Le montant de la commande est rendu à l'enveloppe."
              defaultValue={answer?.values.reason}
              error={errors?.reason}
            />
            <button className="fr-btn fr-btn--secondary" type="submit" name="intent" value="reject">
              Refuser la commande
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
