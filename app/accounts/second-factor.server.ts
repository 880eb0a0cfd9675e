import QRCode from "qrcode";
import { appendAudit } from "~/audit/audit.server";
import { db, type Sql } from "~/infra/db.server";
import { InvalidTotpCode, TotpAlreadyEnabled } from "./errors";
import { markSecondFactor } from "./sessions.server";
import { claimTotpStep } from "./login.server";
import { formatTotpSecret, newTotpSecret, totpStep, totpUri } from "./totp";
import { transaction } from "~/infra/transaction.server";
import { enableTotp, findCredentialsById, pendingTotpSecret } from "./users.server";

export type TotpEnrolment =
  { enabled: true; enabledAt: Date } | { enabled: false; secret: string; formattedSecret: string; uri: string; qrCodeDataUrl: string };

/**
 * What the enrolment page shows: the secret to add to an authenticator app, as text and as a QR
 * code (SVG made here, shown as a data: image since the CSP allows no inline script). The secret
 * is kept on the account as pending, so reloading the page shows the same one.
 */
export async function prepareTotpEnrolment(userId: number, sql: Sql = db): Promise<TotpEnrolment> {
  const user = await findCredentialsById(userId, sql);
  if (!user) throw new Error(`user ${userId} not found`);
  if (user.totpEnabledAt) return { enabled: true, enabledAt: user.totpEnabledAt };
  const secret = await pendingTotpSecret(userId, newTotpSecret(), sql);
  if (!secret) return prepareTotpEnrolment(userId, sql); // enabled meanwhile, in another tab
  const uri = totpUri(secret, user.email);
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return {
    enabled: false,
    secret,
    formattedSecret: formatTotpSecret(secret),
    uri,
    qrCodeDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
  };
}

/**
 * Turns TOTP on once the person proves their app shows the right code; the current session
 * counts as having passed the second factor.
 */
export async function confirmTotpEnrolment(input: { userId: number; sessionToken: string; code: string }, sql: Sql = db): Promise<void> {
  const user = await findCredentialsById(input.userId, sql);
  if (!user) throw new Error(`user ${input.userId} not found`);
  if (user.totpEnabledAt) throw new TotpAlreadyEnabled();
  const step = user.totpSecret ? totpStep(user.totpSecret, input.code) : null;
  if (!user.totpSecret || step === null) throw new InvalidTotpCode();
  const secret = user.totpSecret;
  await transaction(sql, async (tx) => {
    if (!(await enableTotp(user.id, secret, tx))) throw new TotpAlreadyEnabled();
    await claimTotpStep(user.id, step, tx); // the enrolment code cannot then open another session
    await markSecondFactor(input.sessionToken, tx);
    await appendAudit(tx, { actorId: user.id, action: "account.totp_enabled", subject: `user:${user.id}` });
  });
}
