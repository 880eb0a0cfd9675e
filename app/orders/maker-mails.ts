import type { OutgoingMail } from "~/mail/outbox.server";
import type { Recipient } from "./fulfilments.server";

// What the structure reads when the maker takes a step on its share of an order, and what the
// instructors and admins read when a maker refuses one, in French.

const signature = "\n\n—\nKits d'inclusion numérique — France Relance\nCe message est envoyé automatiquement, merci de ne pas y répondre.";

export type ShareSubject = { orderId: number; maker: string; structure: string };

type StructureStep =
  { step: "accepted" } | { step: "in_production" } | { step: "shipped"; carrier: string; trackingNumber: string | null; units: number };

/** To a member of the ordering structure: the maker accepted, started building or shipped its share. */
export function structureStepMail(to: Recipient, subject: ShareSubject, step: StructureStep, orderLink: string): OutgoingMail {
  const hello = `Bonjour ${to.name},\n\n`;
  const order = `commande n° ${subject.orderId}`;
  const follow = `\n\nSuivre la commande : ${orderLink}`;
  if (step.step === "accepted")
    return {
      to: to.email,
      subject: `Votre ${order} est acceptée par ${subject.maker}`,
      text:
        hello + `${subject.maker} a accepté de fabriquer les kits de votre ${order}. Vous serez prévenu de chaque expédition.` + follow + signature,
    };
  if (step.step === "in_production")
    return {
      to: to.email,
      subject: `Votre ${order} est en fabrication`,
      text: hello + `${subject.maker} a commencé la fabrication des kits de votre ${order}.` + follow + signature,
    };
  const tracking = step.trackingNumber ? `Numéro de suivi : ${step.trackingNumber}\n` : "";
  return {
    to: to.email,
    subject: `Votre ${order} est expédiée`,
    text:
      hello +
      `${subject.maker} a expédié ${step.units === 1 ? "un kit" : `${step.units} kits`} de votre ${order}.\n\n` +
      `Transporteur : ${step.carrier}\n${tracking}\n` +
      "À la réception, confirmez sur le portail ce que vous avez reçu (le service fait) : les quantités, et les dommages ou manques éventuels." +
      follow +
      signature,
  };
}

/** To an instructor of the order's département or an admin: the share must be routed to another maker. */
export function shareRefusedMail(to: Recipient, subject: ShareSubject, reason: string, queueLink: string): OutgoingMail {
  return {
    to: to.email,
    subject: `Commande n° ${subject.orderId} refusée par ${subject.maker} : à attribuer de nouveau`,
    text:
      `Bonjour ${to.name},\n\n` +
      `${subject.maker} a refusé de fabriquer sa part de la commande n° ${subject.orderId} de ${subject.structure}. La raison indiquée :\n\n` +
      `${reason}\n\n` +
      "Ses kits sont de nouveau à attribuer à un fabricant." +
      `\n\nFile des commandes : ${queueLink}` +
      signature,
  };
}
