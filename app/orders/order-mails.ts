import type { OutgoingMail } from "~/mail/outbox.server";
import { formatEuros } from "~/money/euros";
import { plural } from "~/ui/plural";

// What the instructors read when an order arrives, and what a structure's members read when it is
// approved, rejected or closed, in French, plain text.

const signature = "\n\n—\nKits d'inclusion numérique — France Relance\nCe message est envoyé automatiquement, merci de ne pas y répondre.";

type Recipient = { email: string; name: string };

/** What the e-mails say of the order. */
export type MailedOrder = { id: number; legalName: string; departementCode: string; totalCents: number; totalUnits: number };

const amount = (order: MailedOrder) => `${plural(order.totalUnits, "kit")} pour ${formatEuros(order.totalCents)}`;

/** To an instructor of the order's département: a new order waits for their decision. */
export function orderSubmittedMail(to: Recipient, order: MailedOrder, link: string): OutgoingMail {
  return {
    to: to.email,
    subject: `Commande n° ${order.id} de « ${order.legalName} » à instruire`,
    text:
      `Bonjour ${to.name},\n\n` +
      `La structure « ${order.legalName} » (département ${order.departementCode}) a envoyé la commande n° ${order.id} : ${amount(order)}. ` +
      "Son montant est réservé sur l'enveloppe du département en attendant votre décision : approuvez-la, ou refusez-la en indiquant la raison.\n\n" +
      `La commande : ${link}` +
      signature,
  };
}

/** To a member of the ordering structure: the instruction's decision, or the order's closing. */
export function orderDecisionMail(
  decision: { status: "approved" } | { status: "rejected"; reason: string } | { status: "closed" },
  to: Recipient,
  order: MailedOrder,
  link: string,
): OutgoingMail {
  const hello = `Bonjour ${to.name},\n\n`;
  const follow = `\n\nVotre commande : ${link}` + signature;
  switch (decision.status) {
    case "approved":
      return {
        to: to.email,
        subject: `Votre commande n° ${order.id} est approuvée`,
        text:
          hello +
          `La commande n° ${order.id} de « ${order.legalName} » (${amount(order)}) est approuvée : son montant est engagé sur l'enveloppe du département. ` +
          "Elle va être confiée à un fabricant proche de chez vous ; vous suivrez sa fabrication et sa livraison depuis votre espace." +
          follow,
      };
    case "rejected":
      return {
        to: to.email,
        subject: `Votre commande n° ${order.id} est refusée`,
        text:
          hello +
          `La commande n° ${order.id} de « ${order.legalName} » (${amount(order)}) n'a pas été approuvée. La raison indiquée :\n\n` +
          `${decision.reason}\n\n` +
          "Son montant est rendu à votre dotation : vous pouvez envoyer une nouvelle commande pendant la campagne." +
          follow,
      };
    case "closed":
      return {
        to: to.email,
        subject: `Votre commande n° ${order.id} est close`,
        text:
          hello +
          `La commande n° ${order.id} de « ${order.legalName} » est livrée et close : le service fait est enregistré. ` +
          "Ses documents restent disponibles dans votre espace." +
          follow,
      };
  }
}
