// The ways an account step fails on purpose, in the domain family: the message is the French
// sentence shown to the person, the field (if any) the form field it is about.
import { Conflict, Refused } from "~/infra/domain-errors";

/**
 * The account may not sign in now, whatever was typed: not a form error but a barrier, which the
 * login pages answer 403, or 429 with Retry-After when waiting is the way out.
 */
export class SignInBarred extends Refused {
  /** Seconds to wait before trying again; null when waiting does not help. */
  readonly retryAfterSeconds: number | null = null;
  /** The address still waiting for confirmation, so that the page can offer a new link. */
  readonly unconfirmedEmail: string | null = null;
}

/** Too many failed logins for the account or the address: refused before any password check. */
export class TooManyAttempts extends SignInBarred {
  override readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(`Trop de tentatives de connexion ont échoué. Par sécurité, patientez ${minutes} minute(s) avant de réessayer.`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class EmailNotConfirmed extends SignInBarred {
  override readonly unconfirmedEmail: string;

  constructor(email: string) {
    super("Votre adresse électronique n'est pas encore confirmée. Ouvrez le lien reçu par courriel, ou demandez-en un nouveau.");
    this.unconfirmedEmail = email;
  }
}

export class AccountDisabled extends SignInBarred {
  constructor() {
    super("Ce compte a été désactivé. Pour en savoir plus, écrivez au gestionnaire du programme.");
  }
}

/**
 * Unknown e-mail or wrong password: deliberately the same failure at login. A signed-in person
 * changing their password is told which field is wrong instead.
 */
export class InvalidCredentials extends Refused {
  constructor(message = "Adresse électronique ou mot de passe incorrect.", field?: string) {
    super(message, field);
  }
}

export const invalidTokenMessage = "Ce lien n'est plus valable : il a déjà servi ou il a expiré.";

/** A link token that is unknown, expired or already used. */
export class InvalidToken extends Refused {
  constructor() {
    super(invalidTokenMessage);
  }
}

export class InvalidTotpCode extends Refused {
  constructor() {
    super("Ce code n'est pas valable. Saisissez le code affiché en ce moment par votre application.", "code");
  }
}

/** TOTP is already on for this account: enrolling again would let a stolen password replace it. */
export class TotpAlreadyEnabled extends Conflict {
  constructor() {
    super("La double authentification est déjà activée sur ce compte.");
  }
}
