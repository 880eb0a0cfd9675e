// How the admin space names audited actions. Unknown actions are shown by their code.
export const auditActionLabels: Record<string, string> = {
  "role.granted": "Rôle attribué",
  "role.revoked": "Rôle retiré",
  "account.created": "Compte créé",
  "account.disabled": "Compte désactivé",
  "account.enabled": "Compte réactivé",
  "account.email_confirmed": "Adresse électronique confirmée",
  "account.password_reset_requested": "Réinitialisation du mot de passe demandée",
  "account.password_reset": "Mot de passe réinitialisé",
  "account.password_changed": "Mot de passe modifié",
  "account.password_change_failed": "Changement de mot de passe refusé : mot de passe actuel erroné",
  "account.signup_with_existing_email": "Inscription tentée avec une adresse déjà utilisée",
  "account.totp_enabled": "Double authentification activée",
  "auth.login": "Connexion",
  "auth.login_failed": "Échec de connexion",
  "auth.logout": "Déconnexion",
  "auth.second_factor": "Code à usage unique validé",
  "auth.second_factor_failed": "Code à usage unique refusé",
  "contest.created": "Concours créé",
  "territorial_list.imported": "Liste territoriale importée",
  "envelope.campaign_created": "Campagne de distribution ouverte, enveloppe répartie",
  "envelope.funds_moved": "Fonds déplacés dans l'enveloppe",
  "eligibility.rules_set": "Règles d'éligibilité d'une campagne modifiées (nouvelle version)",
  "contest.updated": "Concours modifié",
  "contest.deadline_extended": "Date limite du concours prolongée",
  "proposal.created": "Proposition créée",
  "proposal.submitted": "Proposition déposée",
  "proposal.withdrawn": "Proposition retirée",
  "proposal.ruled_eligible": "Proposition déclarée recevable",
  "proposal.ruled_ineligible": "Proposition déclarée irrecevable",
  "proposal.file_added": "Fichier ajouté à une proposition",
  "proposal.file_ready": "Fichier traité",
  "proposal.file_refused": "Fichier refusé au traitement",
  "proposal.file_removed": "Fichier retiré d'une proposition",
  "juror.invited": "Membre du jury invité",
  "juror.updated": "Membre du jury modifié",
  "juror.removed": "Membre du jury retiré",
  "juror.ties_updated": "Liens d'intérêts déclarés",
  "jury.reminders_sent": "Relances envoyées au jury",
  "conflict.detection_run": "Détection des conflits d'intérêts",
  "conflict.added": "Conflit d'intérêts ajouté",
  "conflict.lifted": "Conflit d'intérêts levé",
  "conflict.declared_by_juror": "Conflit déclaré par un membre du jury",
  "assignment.run": "Affectation automatique",
  "assignment.added": "Affectation ajoutée",
  "assignment.removed": "Affectation retirée",
  "review.saved": "Évaluation enregistrée",
  "review.submitted": "Évaluation soumise",
  "scores.sealed": "Notes scellées",
  "decision.recorded": "Décision du jury enregistrée",
  "decision.changed": "Décision du jury modifiée",
  "results.published": "Résultats publiés",
  "demo.account_created": "Compte de démonstration créé",
};

export function auditActionLabel(action: string): string {
  return auditActionLabels[action] ?? action;
}

/** An entry's data as short "key : value" lines, readable in a table cell. */
export function auditDataLines(data: Record<string, unknown> | null | undefined): string[] {
  return Object.entries(data ?? {}).map(([key, value]) => `${key} : ${typeof value === "string" ? value : JSON.stringify(value)}`);
}
