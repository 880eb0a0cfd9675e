import type { OutgoingMail } from "~/mail/outbox.server";

// The account e-mails, in French, plain text (every client shows it, nothing to sanitise).

const signature = "\n\n—\nKits d'inclusion numérique — France Relance\nCe message est envoyé automatiquement, merci de ne pas y répondre.";

export function confirmationMail(to: { email: string; name: string }, link: string): OutgoingMail {
  return {
    to: to.email,
    subject: "Confirmez votre adresse électronique",
    text:
      `Bonjour ${to.name},\n\n` +
      "Vous avez créé un compte sur le portail des kits d'inclusion numérique. " +
      "Pour confirmer votre adresse électronique, ouvrez ce lien (valable 48 heures, utilisable une seule fois) :\n\n" +
      `${link}\n\n` +
      "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : aucun compte ne sera activé." +
      signature,
  };
}

export function alreadyRegisteredMail(to: { email: string; name: string }, links: { login: string; reset: string }): OutgoingMail {
  return {
    to: to.email,
    subject: "Vous avez déjà un compte",
    text:
      `Bonjour ${to.name},\n\n` +
      "Quelqu'un (peut-être vous) a voulu créer un compte avec votre adresse électronique sur le portail des kits d'inclusion numérique. " +
      "Vous avez déjà un compte : aucun nouveau compte n'a été créé.\n\n" +
      `Pour vous connecter : ${links.login}\n` +
      `Mot de passe oublié : ${links.reset}\n\n` +
      "Si vous n'êtes pas à l'origine de cette demande, vous pouvez ignorer ce message." +
      signature,
  };
}

export function passwordResetMail(to: { email: string; name: string }, link: string): OutgoingMail {
  return {
    to: to.email,
    subject: "Réinitialisation de votre mot de passe",
    text:
      `Bonjour ${to.name},\n\n` +
      "Une demande de nouveau mot de passe a été faite pour votre compte. " +
      "Pour choisir un nouveau mot de passe, ouvrez ce lien (valable 1 heure, utilisable une seule fois) :\n\n" +
      `${link}\n\n` +
      "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe reste inchangé." +
      signature,
  };
}

export function passwordChangedMail(to: { email: string; name: string }): OutgoingMail {
  return {
    to: to.email,
    subject: "Votre mot de passe a été modifié",
    text:
      `Bonjour ${to.name},\n\n` +
      "Le mot de passe de votre compte vient d'être modifié et les sessions ouvertes avec l'ancien ont été fermées. " +
      "Si vous n'êtes pas à l'origine de ce changement, demandez immédiatement un nouveau mot de passe depuis la page de connexion " +
      "et prévenez le gestionnaire du programme." +
      signature,
  };
}
