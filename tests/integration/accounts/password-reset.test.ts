import { describe, expect, test } from "vitest";
import { InvalidCredentials, InvalidToken } from "~/accounts/errors";
import { logIn } from "~/accounts/login.server";
import { isResetTokenValid, requestPasswordReset, resetPassword } from "~/accounts/password-reset.server";
import { findSessionUser, hashToken } from "~/accounts/sessions.server";
import { db } from "~/infra/db.server";
import { auditActionsAbout, createAccount, lastLinkSentTo } from "../../support/fixtures";

const client = { ip: "192.0.2.10", userAgent: "vitest" };
const NEW_PASSWORD = "nouvelle-phrase-de-passe";

async function resetLink(email: string) {
  await requestPasswordReset(email);
  const link = await lastLinkSentTo(db, email);
  expect(link?.pathname).toBe("/mot-de-passe/nouveau");
  return link!.searchParams.get("jeton")!;
}

describe("forgotten password", () => {
  test("sends a single-use link valid one hour to an existing account", async () => {
    const account = await createAccount(db);
    const token = await resetLink(account.email);
    const [stored] = await db<{ minutes: number }[]>`
      select round(extract(epoch from expires_at - created_at) / 60)::int as minutes from user_tokens where token_hash = ${hashToken(token)}`;
    expect(stored.minutes).toBe(60);
    expect(await isResetTokenValid(token)).toBe(true);
  });

  test("an unknown address gets no e-mail and the caller sees no difference", async () => {
    await expect(requestPasswordReset("personne@nulle-part.fr")).resolves.toBeUndefined();
    expect(await db`select 1 from mail_outbox where to_address = 'personne@nulle-part.fr'`).toHaveLength(0);
  });

  test("setting a new password ends every session of the account, and the link works once", async () => {
    const account = await createAccount(db);
    const laptop = await logIn({ email: account.email, password: account.password, client });
    const phone = await logIn({ email: account.email, password: account.password, client });
    const token = await resetLink(account.email);

    await resetPassword({ token, password: NEW_PASSWORD });

    expect(await findSessionUser(laptop.token)).toBeNull();
    expect(await findSessionUser(phone.token)).toBeNull();
    await expect(logIn({ email: account.email, password: account.password, client })).rejects.toBeInstanceOf(InvalidCredentials);
    await expect(logIn({ email: account.email, password: NEW_PASSWORD, client })).resolves.toMatchObject({ userId: account.id });
    await expect(resetPassword({ token, password: "encore-une-autre-phrase" })).rejects.toBeInstanceOf(InvalidToken);
    expect(await auditActionsAbout(db, `user:${account.id}`)).toContain("account.password_reset");
    const [mail] = await db<{ subject: string }[]>`select subject from mail_outbox where to_address = ${account.email} order by id desc limit 1`;
    expect(mail.subject).toBe("Votre mot de passe a été modifié");
  });

  test("a link older than one hour is refused", async () => {
    const account = await createAccount(db);
    const token = await resetLink(account.email);
    await db`update user_tokens set expires_at = now() - interval '1 second' where token_hash = ${hashToken(token)}`;
    expect(await isResetTokenValid(token)).toBe(false);
    await expect(resetPassword({ token, password: NEW_PASSWORD })).rejects.toBeInstanceOf(InvalidToken);
  });

  test("asking again retires the previous link", async () => {
    const account = await createAccount(db);
    const first = await resetLink(account.email);
    await db`update user_tokens set created_at = now() - interval '5 minutes'`; // past the anti-flood delay
    const second = await resetLink(account.email);
    expect(second).not.toBe(first);
    expect(await isResetTokenValid(first)).toBe(false);
    expect(await isResetTokenValid(second)).toBe(true);
  });

  test("a reset also confirms the address (the link came by e-mail)", async () => {
    const account = await createAccount(db, { confirmed: false });
    const token = await resetLink(account.email);
    await resetPassword({ token, password: NEW_PASSWORD });
    await expect(logIn({ email: account.email, password: NEW_PASSWORD, client })).resolves.toMatchObject({ userId: account.id });
  });
});
