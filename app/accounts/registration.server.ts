import { appendAudit } from "~/audit/audit.server";
import { db, type Sql } from "~/infra/db.server";
import { queueMail } from "~/mail/outbox.server";
import { InvalidToken } from "./errors";
import { portalLink } from "./links.server";
import { alreadyRegisteredMail, confirmationMail } from "./mails";
import { hashPassword } from "./passwords.server";
import type { SignupInput } from "./schemas";
import { consumeToken, issueToken, issuedRecently } from "./tokens.server";
import { transaction } from "~/infra/transaction.server";
import { findUserByEmail, insertUser, markEmailConfirmed } from "./users.server";

/** A new confirmation link is not sent more often than this, whoever asks. */
const RESEND_COOLDOWN_SECONDS = 60;

async function sendConfirmation(user: { id: number; email: string; name: string }, tx: Sql) {
  const token = await issueToken(user.id, "confirm_email", tx);
  await queueMail(confirmationMail(user, portalLink("/confirmation", { jeton: token })), tx);
}

/**
 * Creates an account without any role and queues the confirmation e-mail in the same transaction:
 * roles follow from what the person then does (starting a proposal, registering a structure). An e-mail already registered gets the same outcome for the
 * caller — nothing tells them — while its owner receives a notice (or a fresh link if they never
 * confirmed).
 */
export async function signUp(input: SignupInput, sql: Sql = db): Promise<void> {
  // Hashed before the transaction, and in both cases, so that timing does not tell them apart.
  const passwordHash = await hashPassword(input.password);
  await transaction(sql, async (tx) => {
    const userId = await insertUser({ email: input.email, name: input.name, passwordHash }, tx);
    if (userId === null) {
      const existing = await findUserByEmail(input.email, tx);
      if (!existing || existing.disabledAt) return;
      if (!existing.emailConfirmedAt) {
        if (!(await issuedRecently(existing.id, "confirm_email", RESEND_COOLDOWN_SECONDS, tx))) await sendConfirmation(existing, tx);
      } else {
        await queueMail(alreadyRegisteredMail(existing, { login: portalLink("/connexion"), reset: portalLink("/mot-de-passe-oublie") }), tx);
      }
      await appendAudit(tx, { actorId: null, action: "account.signup_with_existing_email", subject: `user:${existing.id}` });
      return;
    }
    await sendConfirmation({ id: userId, email: input.email, name: input.name }, tx);
    await appendAudit(tx, { actorId: userId, action: "account.created", subject: `user:${userId}` });
  });
}

/** Confirms the e-mail behind a link; the link works once. */
export async function confirmEmail(token: string, sql: Sql = db): Promise<{ userId: number }> {
  return transaction(sql, async (tx) => {
    const userId = await consumeToken(token, "confirm_email", tx);
    if (userId === null) throw new InvalidToken();
    await markEmailConfirmed(userId, tx);
    await appendAudit(tx, { actorId: userId, action: "account.email_confirmed", subject: `user:${userId}` });
    return { userId };
  });
}

/** Sends a new confirmation link if the address belongs to an unconfirmed account; silent otherwise. */
export async function resendConfirmation(email: string, sql: Sql = db): Promise<void> {
  await transaction(sql, async (tx) => {
    const user = await findUserByEmail(email, tx);
    if (!user || user.emailConfirmedAt || user.disabledAt) return;
    if (await issuedRecently(user.id, "confirm_email", RESEND_COOLDOWN_SECONDS, tx)) return;
    await sendConfirmation(user, tx);
  });
}
