import type { OutgoingMail } from "~/mail/outbox.server";
import { formatDate } from "~/infra/paris-time";

// The structures' e-mails, in French, plain text (as the account e-mails).

const signature = "\n\n—\nKits d'inclusion numérique — France Relance\nCe message est envoyé automatiquement, merci de ne pas y répondre.";

export function invitationMail(input: { to: string; structureName: string; inviterName: string; link: string; expiresAt: Date }): OutgoingMail {
  return {
    to: input.to,
    subject: `Invitation à rejoindre ${input.structureName}`,
    text:
      "Bonjour,\n\n" +
      `${input.inviterName} vous invite à rejoindre l'espace de la structure « ${input.structureName} » sur le portail des kits d'inclusion numérique, ` +
      "pour suivre son inscription et commander des kits avec vos collègues.\n\n" +
      `Pour accepter, ouvrez ce lien (valable jusqu'au ${formatDate(input.expiresAt)}, utilisable une seule fois) :\n\n` +
      `${input.link}\n\n` +
      "Connectez-vous avec cette adresse électronique, ou créez votre compte avec elle si vous n'en avez pas encore.\n\n" +
      "Si vous ne connaissez pas cette structure, ignorez ce message." +
      signature,
  };
}
