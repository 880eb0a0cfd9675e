import type { OutgoingMail } from "~/mail/outbox.server";
import type { ReviewAction } from "./verification";

// What a structure's members read after each step of its verification, in French, plain text.

const signature = "\n\n—\nKits d'inclusion numérique — France Relance\nCe message est envoyé automatiquement, merci de ne pas y répondre.";

type Recipient = { email: string; name: string };

/** The e-mail telling one member what happened to their structure; `message` is the reason, question or answer. */
export function reviewMail(
  action: ReviewAction,
  to: Recipient,
  structure: { legalName: string },
  message: string | null,
  links: { space: string; answer: string },
): OutgoingMail {
  const hello = `Bonjour ${to.name},\n\n`;
  const name = `« ${structure.legalName} »`;
  switch (action) {
    case "verified":
      return {
        to: to.email,
        subject: `Votre structure ${name} est vérifiée`,
        text:
          hello +
          `Votre structure ${name} a été vérifiée par l'équipe du programme : elle peut commander des kits d'inclusion numérique ` +
          "pendant les campagnes de distribution, dans la limite des règles d'éligibilité et de la dotation de son territoire.\n\n" +
          `Votre espace : ${links.space}` +
          signature,
      };
    case "rejected":
      return {
        to: to.email,
        subject: `Votre structure ${name} n'a pas été retenue`,
        text:
          hello +
          `Après examen, votre structure ${name} n'a pas été retenue pour commander des kits d'inclusion numérique. ` +
          `La raison indiquée :\n\n${message}\n\n` +
          "Pour toute question, adressez-vous au gestionnaire du programme." +
          signature,
      };
    case "information_requested":
      return {
        to: to.email,
        subject: `Une question sur votre structure ${name}`,
        text:
          hello +
          `Pour vérifier votre structure ${name}, l'équipe du programme a besoin d'une précision :\n\n${message}\n\n` +
          `Répondez depuis votre espace : ${links.answer}\n\n` +
          "La vérification reprendra dès votre réponse." +
          signature,
      };
    case "information_provided":
      return {
        to: to.email,
        subject: `Réponse transmise pour votre structure ${name}`,
        text:
          hello +
          `Une réponse a été transmise pour votre structure ${name} ; la vérification reprend. La réponse :\n\n${message}\n\n` +
          "Vous recevrez un courriel dès qu'une décision sera prise." +
          signature,
      };
  }
}
