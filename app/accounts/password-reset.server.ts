import { appendAudit } from "~/audit/audit.server";
import { db, type Sql } from "~/infra/db.server";
import { queueMail } from "~/mail/outbox.server";
import { InvalidCredentials, InvalidToken } from "./errors";
import { portalLink } from "./links.server";
import type { Client } from "./login.server";
import { passwordChangedMail, passwordResetMail } from "./mails";
import { hashPassword, verifyPassword } from "./passwords.server";
import { createSession, destroyUserSessions } from "./sessions.server";
import { attemptSucceeded, beginAttempt, clearAccountFailures, throttleKeys } from "./throttle.server";
import { consumeToken, issueToken, issuedRecently, peekToken, revokeTokens } from "./tokens.server";
import { transaction } from "~/infra/transaction.server";
import { findCredentialsById, findUserByEmail, findUserById, markEmailConfirmed, setPasswordHash, type User } from "./users.server";

// A new password, chosen from a reset link sent by e-mail or, signed in, with the current one.

/** One reset e-mail per account per minute at most: the form cannot be used to flood a mailbox. */
const RESET_COOLDOWN_SECONDS = 60;

/**
 * Sends a reset link (1 h, single use) if the address belongs to an active account. The caller
 * learns nothing either way: the page says the same thing.
 */
export async function requestPasswordReset(email: string, sql: Sql = db): Promise<void> {
  await transaction(sql, async (tx) => {
    const user = await findUserByEmail(email, tx);
    if (!user || user.disabledAt) return;
    if (await issuedRecently(user.id, "reset_password", RESET_COOLDOWN_SECONDS, tx)) return;
    // Only the newest link works.
    await revokeTokens(user.id, "reset_password", tx);
    const token = await issueToken(user.id, "reset_password", tx);
    await queueMail(passwordResetMail(user, portalLink("/mot-de-passe/nouveau", { jeton: token })), tx);
    await appendAudit(tx, { actorId: null, action: "account.password_reset_requested", subject: `user:${user.id}` });
  });
}

/** Whether a reset link can still be used (the form is shown only then). */
export async function isResetTokenValid(token: string, sql: Sql = db): Promise<boolean> {
  return (await peekToken(token, "reset_password", sql)) !== null;
}

/**
 * Sets a new password from a reset link, which then stops working. Every session of the account
 * ends — whoever else held one is out — and the owner is told by e-mail.
 */
export async function resetPassword(input: { token: string; password: string }, sql: Sql = db): Promise<{ userId: number }> {
  const passwordHash = await hashPassword(input.password);
  return transaction(sql, async (tx) => {
    const userId = await consumeToken(input.token, "reset_password", tx);
    if (userId === null) throw new InvalidToken();
    const user = await findUserById(userId, tx);
    if (!user || user.disabledAt) throw new InvalidToken();
    await replacePassword(user, passwordHash, tx);
    // The link came by e-mail: following it proves the address as well as a confirmation would.
    await markEmailConfirmed(userId, tx);
    await clearAccountFailures(user.email, tx);
    await appendAudit(tx, { actorId: userId, action: "account.password_reset", subject: `user:${userId}` });
    return { userId };
  });
}

/**
 * A signed-in person changes their password, giving the current one. A wrong current password
 * counts toward the same limits as a failed login (a stolen session must not become a way to guess
 * it). Every session of the account ends; the caller's is replaced by a new one, with its second
 * factor kept, and the owner is told by e-mail.
 */
export async function changePassword(
  input: { userId: number; currentPassword: string; newPassword: string; secondFactorDone: boolean; client: Client },
  sql: Sql = db,
): Promise<{ token: string; expiresAt: Date }> {
  const { userId, client } = input;
  const user = await findCredentialsById(userId, sql);
  if (!user || user.disabledAt) throw wrongCurrentPassword();
  const attempt = await beginAttempt(throttleKeys(user.email, client.ip), sql);
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await transaction(sql, (tx) =>
      appendAudit(tx, { actorId: userId, action: "account.password_change_failed", subject: `user:${userId}`, data: { ip: client.ip } }),
    );
    throw wrongCurrentPassword();
  }
  const passwordHash = await hashPassword(input.newPassword);
  return transaction(sql, async (tx) => {
    await attemptSucceeded(attempt, tx);
    await replacePassword(user, passwordHash, tx);
    const session = await createSession({ userId, secondFactor: input.secondFactorDone, ip: client.ip, userAgent: client.userAgent }, tx);
    await appendAudit(tx, { actorId: userId, action: "account.password_changed", subject: `user:${userId}`, data: { ip: client.ip } });
    return session;
  });
}

const wrongCurrentPassword = () =>
  new InvalidCredentials("Ce n'est pas votre mot de passe actuel. Vérifiez la saisie, majuscules comprises.", "currentPassword");

/** Sets the hash, ends every session opened with the old password, and tells the owner. */
async function replacePassword(user: User, passwordHash: string, tx: Sql) {
  await setPasswordHash(user.id, passwordHash, tx);
  await destroyUserSessions(user.id, tx);
  await queueMail(passwordChangedMail(user), tx);
}
