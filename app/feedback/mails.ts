import type { OutgoingMail } from "~/mail/outbox.server";

// What a structure's members read when the programme asks how a delivered kit is used, in French.

const signature = "\n\n—\nKits d'inclusion numérique — France Relance\nCe message est envoyé automatiquement, merci de ne pas y répondre.";

export function feedbackRequestMail(to: { email: string; name: string }, subject: { structure: string; kit: string }, link: string): OutgoingMail {
  return {
    to: to.email,
    subject: `Comment utilisez-vous le kit « ${subject.kit} » ?`,
    text:
      `Bonjour ${to.name},\n\n` +
      `${subject.structure} a reçu le kit « ${subject.kit} » il y a quelques semaines. ` +
      "Dites-nous en deux minutes comment il sert : une note, le nombre de personnes accompagnées, les thèmes abordés et, si vous le souhaitez, un commentaire. " +
      "Après relecture par l'équipe du programme, votre retour aidera d'autres structures à choisir leurs kits et son concepteur à l'améliorer ; " +
      "il y paraîtra avec le type de votre structure et son département, jamais votre nom.\n\n" +
      `Répondre : ${link}` +
      signature,
  };
}
