import type { OutgoingMail } from "~/mail/outbox.server";
import type { Recipient } from "./fulfilments.server";

// What makers and instructors read when a structure confirms a receipt or cancels its order, in French.

const signature = "\n\n—\nKits d'inclusion numérique — France Relance\nCe message est envoyé automatiquement, merci de ne pas y répondre.";

export type ReceivedLine = { title: string; shipped: number; received: number };

/** To a maker's members: the structure confirmed what one of their shipments brought, with its reservations. */
export function receiptMail(
  to: Recipient,
  receipt: { orderId: number; shipmentId: number; structure: string; receivedOn: string; lines: ReceivedLine[]; reservations: string | null },
  spaceLink: string,
): OutgoingMail {
  const lines = receipt.lines.map((line) => `- ${line.title} : ${line.received} reçu(s) sur ${line.shipped} expédié(s)`).join("\n");
  const reservations = receipt.reservations
    ? `La structure a émis des réserves :\n\n${receipt.reservations}\n\nPrenez contact avec elle pour y donner suite.`
    : "La structure n'a émis aucune réserve.";
  return {
    to: to.email,
    subject: `Commande n° ${receipt.orderId} : livraison reçue par ${receipt.structure}`,
    text:
      `Bonjour ${to.name},\n\n` +
      `${receipt.structure} a confirmé le ${frenchDay(receipt.receivedOn)} la réception de votre expédition n° ${receipt.shipmentId} ` +
      `(commande n° ${receipt.orderId}) :\n\n${lines}\n\n${reservations}\n\n` +
      `L'attestation de service fait est disponible dans votre espace : ${spaceLink}` +
      signature,
  };
}

/** To a maker's members or the département's instructors: the order was cancelled before its production. */
export function cancellationMail(to: Recipient, order: { orderId: number; structure: string; byMaker: boolean }, spaceLink: string): OutgoingMail {
  return {
    to: to.email,
    subject: `Commande n° ${order.orderId} annulée`,
    text:
      `Bonjour ${to.name},\n\n` +
      `La commande n° ${order.orderId} de ${order.structure} est annulée. ` +
      (order.byMaker
        ? "Ne la fabriquez pas : les kits qu'elle vous confiait sont retirés de votre planning et rendus à votre capacité du mois."
        : "Ce qu'elle réservait ou engageait est rendu à l'enveloppe du département.") +
      `\n\nVotre espace : ${spaceLink}` +
      signature,
  };
}

/** "2026-03-09" as "9 mars 2026". */
function frenchDay(isoDate: string): string {
  return new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${isoDate}T00:00:00Z`));
}
