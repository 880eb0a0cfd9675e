import { randomBytes } from "node:crypto";
import { appendAudit } from "~/audit/audit.server";
import { db, type Sql } from "~/infra/db.server";
import { AccountDisabled, EmailNotConfirmed, InvalidCredentials, InvalidTotpCode } from "./errors";
import { hashPassword, verifyPassword } from "./passwords.server";
import { createSession, destroySession, markSecondFactor } from "./sessions.server";
import { attemptSucceeded, beginAttempt, clearAccountFailures, throttleKeys } from "./throttle.server";
import { totpStep } from "./totp";
import { transaction } from "~/infra/transaction.server";
import { findCredentialsByEmail, findCredentialsById, listMemberships, type Membership } from "./users.server";

export type Client = { ip: string | null; userAgent: string | null };

export type LoginResult = {
  userId: number;
  token: string;
  expiresAt: Date;
  /** The account uses TOTP: the session is not complete until the code is given at /connexion/code. */
  secondFactorRequired: boolean;
  /** What the person may do, to choose where they land. */
  memberships: Membership[];
};

let dummyHash: Promise<string> | undefined;
/** A hash to check the password against when the account does not exist, so both take as long. */
function unknownAccountHash() {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  return dummyHash;
}

/**
 * Checks e-mail and password and opens a new session (a new id every time; the session the
 * browser held before, if any, ends). Throttled per account and per address.
 */
export async function logIn(
  input: { email: string; password: string; client: Client; previousToken?: string | null },
  sql: Sql = db,
): Promise<LoginResult> {
  const { email, password, client } = input;
  const attempt = await beginAttempt(throttleKeys(email, client.ip), sql);
  const user = await findCredentialsByEmail(email, sql);
  let passwordOk = false;
  if (user) passwordOk = await verifyPassword(user.passwordHash, password);
  else await verifyPassword(await unknownAccountHash(), password);

  if (!user || !passwordOk || user.disabledAt) {
    const reason = !user ? "unknown_account" : !passwordOk ? "wrong_password" : "account_disabled";
    await transaction(sql, (tx) =>
      appendAudit(tx, {
        actorId: null,
        action: "auth.login_failed",
        subject: user ? `user:${user.id}` : null,
        data: { email, reason, ip: client.ip },
      }),
    );
    if (reason === "account_disabled") throw new AccountDisabled();
    throw new InvalidCredentials();
  }

  if (!user.emailConfirmedAt) {
    // The right password: not a failure to count, but no session until the address is confirmed.
    await transaction(sql, async (tx) => {
      await attemptSucceeded(attempt, tx);
      await appendAudit(tx, {
        actorId: user.id,
        action: "auth.login_failed",
        subject: `user:${user.id}`,
        data: { email, reason: "email_unconfirmed", ip: client.ip },
      });
    });
    throw new EmailNotConfirmed(user.email);
  }

  const secondFactorRequired = user.totpEnabledAt !== null;
  return transaction(sql, async (tx) => {
    await attemptSucceeded(attempt, tx);
    // With TOTP on, the account's counter keeps running until the code is right too.
    if (!secondFactorRequired) await clearAccountFailures(user.email, tx);
    if (input.previousToken) await destroySession(input.previousToken, tx);
    const session = await createSession({ userId: user.id, secondFactor: false, ip: client.ip, userAgent: client.userAgent }, tx);
    await appendAudit(tx, {
      actorId: user.id,
      action: "auth.login",
      subject: `user:${user.id}`,
      data: { ip: client.ip, secondFactor: secondFactorRequired ? "pending" : "not_enrolled" },
    });
    const memberships = await listMemberships(user.id, tx);
    return { userId: user.id, token: session.token, expiresAt: session.expiresAt, secondFactorRequired, memberships };
  });
}

/**
 * Completes a login with the TOTP code. Wrong codes count toward the same limits as wrong
 * passwords, so the six digits cannot be guessed by brute force.
 */
export async function verifySecondFactor(
  input: { userId: number; sessionToken: string; code: string; client: Client },
  sql: Sql = db,
): Promise<void> {
  const user = await findCredentialsById(input.userId, sql);
  if (!user || !user.totpSecret || !user.totpEnabledAt) throw new InvalidTotpCode();
  const attempt = await beginAttempt(throttleKeys(user.email, input.client.ip), sql);
  const step = totpStep(user.totpSecret, input.code);
  // A code already used (same or earlier step) is refused like a wrong one: it may have been seen.
  const fresh = step !== null && (await claimTotpStep(user.id, step, sql));
  if (!fresh) {
    await transaction(sql, (tx) =>
      appendAudit(tx, {
        actorId: user.id,
        action: "auth.second_factor_failed",
        subject: `user:${user.id}`,
        data: { ip: input.client.ip },
      }),
    );
    throw new InvalidTotpCode();
  }
  await transaction(sql, async (tx) => {
    await attemptSucceeded(attempt, tx);
    await clearAccountFailures(user.email, tx);
    await markSecondFactor(input.sessionToken, tx);
    await appendAudit(tx, { actorId: user.id, action: "auth.second_factor", subject: `user:${user.id}`, data: { ip: input.client.ip } });
  });
}

/** Records `step` as the account's last accepted TOTP step, unless it is not newer than the last one. */
export async function claimTotpStep(userId: number, step: number, sql: Sql = db): Promise<boolean> {
  const claimed = await sql`
    update users set totp_last_step = ${step}
    where id = ${userId} and (totp_last_step is null or totp_last_step < ${step})
    returning id`;
  return claimed.length === 1;
}

/** Ends the session behind a token; the id is dead from then on. */
export async function logOut(token: string, sql: Sql = db): Promise<void> {
  await transaction(sql, async (tx) => {
    const userId = await destroySession(token, tx);
    if (userId !== null) await appendAudit(tx, { actorId: userId, action: "auth.logout", subject: `user:${userId}` });
  });
}
