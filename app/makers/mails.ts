import type { OutgoingMail } from "~/mail/outbox.server";

// What a maker's members read when the admin (or the kit's designer) decides on a kit they asked
// to build, in French.

/** Who decided: the programme's team, or the laureate who designed the kit. */
export type DecidedBy = "programme" | "laureate";

const deciders: Record<DecidedBy, string> = { programme: "L'équipe du programme", laureate: "Le lauréat qui a conçu ce kit" };

const signature = "\n\n—\nKits d'inclusion numérique — France Relance\nCe message est envoyé automatiquement, merci de ne pas y répondre.";

export function kitDecisionMail(
  decision: { status: "approved" | "refused"; reason: string | null; by: DecidedBy },
  to: { email: string; name: string },
  subject: { maker: string; kit: string },
  spaceLink: string,
): OutgoingMail {
  const hello = `Bonjour ${to.name},\n\n`;
  const kit = `« ${subject.kit} »`;
  if (decision.status === "approved") {
    return {
      to: to.email,
      subject: `${subject.maker} peut fabriquer le kit ${kit}`,
      text:
        hello +
        `${deciders[decision.by]} a approuvé la demande de ${subject.maker} de fabriquer le kit ${kit}. ` +
        "Déclarez maintenant les départements où vous le livrez et votre capacité de fabrication par mois : " +
        "les commandes des structures de ces départements pourront vous être confiées.\n\n" +
        `Votre espace : ${spaceLink}` +
        signature,
    };
  }
  return {
    to: to.email,
    subject: `Demande de fabrication du kit ${kit} refusée`,
    text:
      hello +
      `${deciders[decision.by]} n'a pas retenu la demande de ${subject.maker} de fabriquer le kit ${kit}. La raison indiquée :\n\n` +
      `${decision.reason}\n\n` +
      "Pour toute question, adressez-vous au gestionnaire du programme." +
      signature,
  };
}
