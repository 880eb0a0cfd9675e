// Typed failures of the account domain. Routes turn them into French answers and HTTP statuses.

export class AccountError extends Error {}

/** Too many failed logins for the account or the address: answer 429, before any password check. */
export class TooManyAttempts extends AccountError {
  constructor(readonly retryAfterSeconds: number) {
    super("too many failed login attempts");
  }
}

/** Unknown e-mail or wrong password: deliberately the same failure. */
export class InvalidCredentials extends AccountError {
  constructor() {
    super("invalid credentials");
  }
}

export class EmailNotConfirmed extends AccountError {
  constructor(readonly email: string) {
    super("e-mail address not confirmed");
  }
}

export class AccountDisabled extends AccountError {
  constructor() {
    super("account disabled");
  }
}

/** A link token that is unknown, expired or already used. */
export class InvalidToken extends AccountError {
  constructor() {
    super("invalid, expired or used token");
  }
}

export class InvalidTotpCode extends AccountError {
  constructor() {
    super("invalid one-time code");
  }
}

/** TOTP is already on for this account: enrolling again would let a stolen password replace it. */
export class TotpAlreadyEnabled extends AccountError {
  constructor() {
    super("second factor already enabled");
  }
}

/** French texts shown for each failure. */
export const accountMessages = {
  tooManyAttempts: (retryAfterSeconds: number) =>
    `Trop de tentatives de connexion ont échoué. Par sécurité, patientez ${Math.max(
      1,
      Math.ceil(retryAfterSeconds / 60)
    )} minute(s) avant de réessayer.`,
  invalidCredentials: "Adresse électronique ou mot de passe incorrect.",
  emailNotConfirmed: "Votre adresse électronique n'est pas encore confirmée. Ouvrez le lien reçu par courriel, ou demandez-en un nouveau.",
  accountDisabled: "Ce compte a été désactivé. Pour en savoir plus, écrivez au gestionnaire du programme.",
  invalidToken: "Ce lien n'est plus valable : il a déjà servi ou il a expiré.",
  invalidTotpCode: "Ce code n'est pas valable. Saisissez le code affiché en ce moment par votre application.",
} as const;
