import { describe, expect, test } from "vitest";
import { InvalidToken } from "~/accounts/errors";
import { confirmEmail, resendConfirmation, signUp } from "~/accounts/registration.server";
import { hashToken } from "~/accounts/sessions.server";
import { verifyAuditChain } from "~/audit/audit.server";
import { db } from "~/infra/db.server";
import { auditActionsAbout, lastLinkSentTo } from "../../support/fixtures";

const input = (email: string) => ({ name: "Léa Martin", email, password: "velo-rouge-du-facteur" });

describe("sign-up", () => {
  test("creates an account without any role, with an argon2id hash, and queues a confirmation link valid 48 h", async () => {
    await signUp(input("lea@exemple.fr"));
    const [user] = await db<{ id: number; passwordHash: string; emailConfirmedAt: Date | null }[]>`
      select id, password_hash, email_confirmed_at from users where email = 'lea@exemple.fr'`;
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.emailConfirmedAt).toBeNull();
    // The role follows from what the person then does (a first proposal, a registered structure).
    expect(await db`select role, scope from memberships where user_id = ${user.id}`).toEqual([]);

    const link = await lastLinkSentTo(db, "lea@exemple.fr");
    expect(link?.pathname).toBe("/confirmation");
    const token = link!.searchParams.get("jeton")!;
    // Only the token's hash is stored; it lives 48 hours.
    const [stored] = await db<{ userId: number; purpose: string; hours: number }[]>`
      select user_id, purpose, round(extract(epoch from expires_at - created_at) / 3600)::int as hours
      from user_tokens where token_hash = ${hashToken(token)}`;
    expect(stored).toEqual({ userId: user.id, purpose: "confirm_email", hours: 48 });
    expect(await auditActionsAbout(db, `user:${user.id}`)).toEqual(["account.created"]);
  });

  test("an e-mail already registered gets the same outcome, no second account, and a notice to its owner", async () => {
    await signUp(input("deja@exemple.fr"));
    await db`update users set email_confirmed_at = now() where email = 'deja@exemple.fr'`;
    const result = await signUp({ ...input("Deja@Exemple.fr"), name: "Quelqu'un d'autre" });
    expect(result).toBeUndefined();
    const users = await db<{ name: string }[]>`select name from users where email = 'deja@exemple.fr'`;
    expect(users).toEqual([{ name: "Léa Martin" }]);
    const [mail] = await db<{ subject: string; textBody: string }[]>`
      select subject, text_body from mail_outbox where to_address = 'deja@exemple.fr' order by id desc limit 1`;
    expect(mail.subject).toBe("Vous avez déjà un compte");
    expect(mail.textBody).toContain("/mot-de-passe-oublie");
  });

  test("concurrent sign-ups with one address create one account", async () => {
    await Promise.all([1, 2, 3].map(() => signUp(input("course@exemple.fr"))));
    const [{ count }] = await db<{ count: number }[]>`select count(*)::int as count from users where email = 'course@exemple.fr'`;
    expect(count).toBe(1);
  });

  test("a failure after the account insert leaves nothing behind (one transaction)", async () => {
    // A name over 200 characters passes no schema here, and the database check refuses it.
    await expect(signUp({ ...input("trop@exemple.fr"), name: "x".repeat(201) })).rejects.toThrow();
    expect(await db`select 1 from users where email = 'trop@exemple.fr'`).toHaveLength(0);
    expect(await db`select 1 from mail_outbox where to_address = 'trop@exemple.fr'`).toHaveLength(0);
  });
});

describe("e-mail confirmation", () => {
  test("the link confirms the address once, and is audited", async () => {
    await signUp(input("confirme@exemple.fr"));
    const token = (await lastLinkSentTo(db, "confirme@exemple.fr"))!.searchParams.get("jeton")!;
    const { userId } = await confirmEmail(token);
    const [user] = await db<{ emailConfirmedAt: Date | null }[]>`select email_confirmed_at from users where id = ${userId}`;
    expect(user.emailConfirmedAt).toBeInstanceOf(Date);
    await expect(confirmEmail(token)).rejects.toBeInstanceOf(InvalidToken);
    expect(await auditActionsAbout(db, `user:${userId}`)).toEqual(["account.created", "account.email_confirmed"]);
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  test("an expired link is refused", async () => {
    await signUp(input("expire@exemple.fr"));
    const token = (await lastLinkSentTo(db, "expire@exemple.fr"))!.searchParams.get("jeton")!;
    await db`update user_tokens set expires_at = now() - interval '1 second' where token_hash = ${hashToken(token)}`;
    await expect(confirmEmail(token)).rejects.toBeInstanceOf(InvalidToken);
  });

  test("an unknown or tampered token is refused", async () => {
    await expect(confirmEmail("A".repeat(43))).rejects.toBeInstanceOf(InvalidToken);
  });

  test("a new link can be asked for an unconfirmed account, not for a confirmed or unknown one", async () => {
    await signUp(input("relance@exemple.fr"));
    await db`update user_tokens set created_at = now() - interval '5 minutes'`; // past the anti-flood delay
    await resendConfirmation("relance@exemple.fr");
    const mails = await db`select 1 from mail_outbox where to_address = 'relance@exemple.fr'`;
    expect(mails).toHaveLength(2);
    // Straight away again: no third mail (anti-flood).
    await resendConfirmation("relance@exemple.fr");
    expect(await db`select 1 from mail_outbox where to_address = 'relance@exemple.fr'`).toHaveLength(2);

    await resendConfirmation("inconnu@exemple.fr");
    expect(await db`select 1 from mail_outbox where to_address = 'inconnu@exemple.fr'`).toHaveLength(0);
  });
});
