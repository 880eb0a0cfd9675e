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
  "account.signup_with_existing_email": "Inscription tentée avec une adresse déjà utilisée",
  "account.totp_enabled": "Double authentification activée",
  "auth.login": "Connexion",
  "auth.login_failed": "Échec de connexion",
  "auth.logout": "Déconnexion",
  "auth.second_factor": "Code à usage unique validé",
  "auth.second_factor_failed": "Code à usage unique refusé",
  "contest.created": "Concours créé",
  "contest.updated": "Concours modifié",
  "contest.deadline_extended": "Date limite du concours prolongée",
  "proposal.created": "Proposition créée",
  "proposal.submitted": "Proposition déposée",
  "proposal.withdrawn": "Proposition retirée",
  "demo.account_created": "Compte de démonstration créé",
};

export function auditActionLabel(action: string): string {
  return auditActionLabels[action] ?? action;
}

/** An entry's data as short "key : value" lines, readable in a table cell. */
export function auditDataLines(data: Record<string, unknown> | null | undefined): string[] {
  return Object.entries(data ?? {}).map(([key, value]) => `${key} : ${typeof value === "string" ? value : JSON.stringify(value)}`);
}
