import { Secret, TOTP } from "otpauth";

// RFC 6238 as every authenticator app implements it: SHA-1, 6 digits, 30-second steps.
const PERIOD = 30;
const DIGITS = 6;
const ISSUER = "Kits d'inclusion numérique";
/** One step either side: tolerates a phone clock 30 s off and a code typed as it rolls over. */
export const TOTP_WINDOW = 1;

function totp(secret: string, label = "") {
  return new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: DIGITS, period: PERIOD, secret: Secret.fromBase32(secret) });
}

/** A new random base32 secret (160 bits, the size RFC 4226 recommends). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The code an authenticator app shows at `at` for this secret. */
export function totpCode(secret: string, at: number = Date.now()): string {
  return totp(secret).generate({ timestamp: at });
}

/**
 * The time step (count of 30-second periods since 1970) whose code `code` is, within the window;
 * null when it matches none. Recording it lets the server refuse the same code twice.
 */
export function totpStep(secret: string, code: string, at: number = Date.now()): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secret).validate({ token, timestamp: at, window: TOTP_WINDOW });
  return delta === null ? null : Math.floor(at / 1000 / PERIOD) + delta;
}

/** The otpauth:// URI that the QR code carries. */
export function totpUri(secret: string, accountEmail: string): string {
  return totp(secret, accountEmail).toString();
}

/** The secret grouped by four characters, easier to type into an app by hand. */
export function formatTotpSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(" ") ?? secret;
}

export type DemoCode = { email: string; code: string; secondsLeft: number };

/**
 * The current codes of the demo accounts, so that a newcomer can try the admin and jury spaces
 * without an authenticator app. Nothing at all unless the portal runs in demo mode.
 */
export function demoTotpCodes(accounts: readonly { email: string; totpSecret?: string }[], options: { demo: boolean; at?: number }): DemoCode[] {
  if (!options.demo) return [];
  const at = options.at ?? Date.now();
  const secondsLeft = PERIOD - (Math.floor(at / 1000) % PERIOD);
  return accounts
    .filter((account): account is { email: string; totpSecret: string } => typeof account.totpSecret === "string")
    .map((account) => ({ email: account.email, code: totpCode(account.totpSecret, at), secondsLeft }));
}
