import type { OutgoingMail } from "~/mail/outbox.server";
import { plural } from "~/ui/plural";

// What a maker's members read when a share of an order is given to them or taken back, in French.

const signature = "\n\n—\nKits d'inclusion numérique — France Relance\nCe message est envoyé automatiquement, merci de ne pas y répondre.";

export type ShareLine = { kitTitle: string; units: number };

export type ShareMailSubject = { orderId: number; maker: string; structure: string; departement: string; lines: readonly ShareLine[] };

const listed = (lines: readonly ShareLine[]) =>
  lines.map((line) => `- ${plural(line.units, "unité", "unités")} du kit « ${line.kitTitle} »`).join("\n");

/** A share routed (or overridden) to the maker: what to build, for whom, and where to accept it. */
export function shareRoutedMail(to: { email: string; name: string }, share: ShareMailSubject, link: string, added: boolean): OutgoingMail {
  return {
    to: to.email,
    subject: `Commande n° ${share.orderId} : ${added ? "des unités s'ajoutent à votre part" : "une part vous est confiée"}`,
    text:
      `Bonjour ${to.name},\n\n` +
      `${added ? "Des unités s'ajoutent à la part" : "Une part"} de la commande n° ${share.orderId} de ${share.structure} ` +
      `(département ${share.departement}) ${added ? "confiée à" : "est confiée à"} ${share.maker} :\n\n${listed(share.lines)}\n\n` +
      `Acceptez-la ou refusez-la depuis votre espace ; le bon de commande y est joint : ${link}` +
      signature,
  };
}

/** The programme took a share back from the maker: its units go to another maker. */
export function shareWithdrawnMail(to: { email: string; name: string }, share: ShareMailSubject, reason: string): OutgoingMail {
  return {
    to: to.email,
    subject: `Commande n° ${share.orderId} : votre part est confiée à un autre fabricant`,
    text:
      `Bonjour ${to.name},\n\n` +
      `L'équipe du programme a retiré à ${share.maker} sa part de la commande n° ${share.orderId} de ${share.structure} :\n\n` +
      `${listed(share.lines)}\n\nLa raison indiquée :\n\n${reason}\n\nNe la fabriquez pas ; pour toute question, adressez-vous au gestionnaire du programme.` +
      signature,
  };
}
