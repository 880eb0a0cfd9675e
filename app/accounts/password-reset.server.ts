import { appendAudit } from "~/audit/audit.server";
import { db, type Sql } from "~/infra/db.server";
import { queueMail } from "~/mail/outbox.server";
import { InvalidToken } from "./errors";
import { portalLink } from "./links.server";
import { passwordChangedMail, passwordResetMail } from "./mails";
import { hashPassword } from "./passwords.server";
import { destroyUserSessions } from "./sessions.server";
import { clearAccountFailures } from "./throttle.server";
import { consumeToken, issueToken, issuedRecently, peekToken, revokeTokens } from "./tokens.server";
import { transaction } from "~/infra/transaction.server";
import { findUserByEmail, findUserById, markEmailConfirmed, setPasswordHash } from "./users.server";

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
    await setPasswordHash(userId, passwordHash, tx);
    // The link came by e-mail: following it proves the address as well as a confirmation would.
    await markEmailConfirmed(userId, tx);
    await destroyUserSessions(userId, tx);
    await clearAccountFailures(user.email, tx);
    await queueMail(passwordChangedMail(user), tx);
    await appendAudit(tx, { actorId: userId, action: "account.password_reset", subject: `user:${userId}` });
    return { userId };
  });
}
