// The states of an outbox e-mail and how the admin space names them.
export const mailStatuses = ["kept", "queued", "sent", "failed"] as const;
export type MailStatus = (typeof mailStatuses)[number];

export const mailStatusLabels: Record<MailStatus, string> = {
  kept: "Conservé (non envoyé)",
  queued: "En attente d'envoi",
  sent: "Envoyé",
  failed: "Échec de l'envoi",
};

/** The DSFR badge variant of each state. */
export const mailStatusBadges: Record<MailStatus, "info" | "new" | "success" | "error"> = {
  kept: "info",
  queued: "new",
  sent: "success",
  failed: "error",
};
