// The states of an outbox e-mail and how the admin space names them.
import { labelledValues } from "~/ui/labelled-values";

export const { values: mailStatuses, labels: mailStatusLabels } = labelledValues({
  kept: "Conservé (non envoyé)",
  queued: "En attente d'envoi",
  sent: "Envoyé",
  failed: "Échec de l'envoi",
});
export type MailStatus = (typeof mailStatuses)[number];

/** The DSFR badge variant of each state. */
export const mailStatusBadges: Record<MailStatus, "info" | "new" | "success" | "error"> = {
  kept: "info",
  queued: "new",
  sent: "success",
  failed: "error",
};
