import { describe, expect, test } from "vitest";
import { AccountDisabled, EmailNotConfirmed, InvalidCredentials, InvalidTotpCode, TooManyAttempts } from "~/accounts/errors";
import { logIn, logOut, verifySecondFactor } from "~/accounts/login.server";
import { findSessionUser, hashToken } from "~/accounts/sessions.server";
import { MAX_FAILURES, purgeStaleLoginFailures } from "~/accounts/throttle.server";
import { newTotpSecret, totpCode } from "~/accounts/totp";
import { db } from "~/infra/db.server";
import { createAccount } from "../../support/fixtures";

let ipCounter = 0;
const newIp = () => `198.51.100.${++ipCounter}`;
const client = (ip = newIp()) => ({ ip, userAgent: "vitest" });
/** A six-digit code that is not the current one (nor, but for a 2-in-a-million chance, a neighbour). */
const wrongCode = (secret: string) => String((Number(totpCode(secret)) + 500_000) % 1_000_000).padStart(6, "0");

describe("login", () => {
  test("opens a server-side session for the right password, and audits it", async () => {
    const account = await createAccount(db);
    const result = await logIn({ email: account.email, password: account.password, client: client() });
    expect(result.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(result.secondFactorRequired).toBe(false);
    const session = await findSessionUser(result.token);
    expect(session?.id).toBe(account.id);
    // The table holds the hash of the id, never the id.
    expect(await db`select 1 from sessions where id_hash = ${hashToken(result.token)}`).toHaveLength(1);
    const [entry] = await db<{ action: string; actorId: number }[]>`
      select action, actor_id from audit_log where subject = ${`user:${account.id}`} order by id desc limit 1`;
    expect(entry).toEqual({ action: "auth.login", actorId: account.id });
  });

  test("the e-mail is matched whatever its case", async () => {
    const account = await createAccount(db, { email: "casse@exemple.fr" });
    await expect(logIn({ email: "Casse@Exemple.FR", password: account.password, client: client() })).resolves.toMatchObject({ userId: account.id });
  });

  test("wrong password and unknown account fail the same way, and the failure is audited without the password", async () => {
    const account = await createAccount(db);
    const wrong = await logIn({ email: account.email, password: "mot-de-passe-faux-123", client: client() }).catch((e) => e);
    const unknown = await logIn({ email: "personne@nulle-part.fr", password: "mot-de-passe-faux-123", client: client() }).catch((e) => e);
    expect(wrong).toBeInstanceOf(InvalidCredentials);
    expect(unknown).toBeInstanceOf(InvalidCredentials);
    expect(wrong.message).toBe(unknown.message);
    const entries = await db<{ data: Record<string, unknown> }[]>`select data from audit_log where action = 'auth.login_failed'`;
    expect(entries.map((e) => e.data.reason).sort()).toEqual(["unknown_account", "wrong_password"]);
    expect(JSON.stringify(entries)).not.toContain("mot-de-passe-faux-123");
  });

  test("is refused before the e-mail is confirmed, and that does not count as a failure", async () => {
    const account = await createAccount(db, { confirmed: false });
    await expect(logIn({ email: account.email, password: account.password, client: client() })).rejects.toBeInstanceOf(EmailNotConfirmed);
    expect(await db`select 1 from sessions where user_id = ${account.id}`).toHaveLength(0);
    expect(await db`select 1 from login_failures where key = ${`account:${account.email}`}`).toHaveLength(0);
  });

  test("a disabled account is refused even with the right password", async () => {
    const account = await createAccount(db, { disabled: true });
    await expect(logIn({ email: account.email, password: account.password, client: client() })).rejects.toBeInstanceOf(AccountDisabled);
    await expect(logIn({ email: account.email, password: "pas-le-bon-mot", client: client() })).rejects.toBeInstanceOf(InvalidCredentials);
    expect(await db`select 1 from sessions where user_id = ${account.id}`).toHaveLength(0);
  });

  test("each login gets a new session id, and the one the browser held before ends", async () => {
    const account = await createAccount(db);
    const first = await logIn({ email: account.email, password: account.password, client: client() });
    const second = await logIn({ email: account.email, password: account.password, client: client(), previousToken: first.token });
    expect(second.token).not.toBe(first.token);
    expect(await findSessionUser(first.token)).toBeNull();
    expect((await findSessionUser(second.token))?.id).toBe(account.id);
  });

  test("after logout the session id is dead", async () => {
    const account = await createAccount(db);
    const { token } = await logIn({ email: account.email, password: account.password, client: client() });
    await logOut(token);
    expect(await findSessionUser(token)).toBeNull();
    const [entry] = await db<{ action: string }[]>`select action from audit_log order by id desc limit 1`;
    expect(entry.action).toBe("auth.logout");
  });
});

describe("session expiry", () => {
  test("a session idle for longer than the idle limit is dead", async () => {
    const account = await createAccount(db);
    const { token } = await logIn({ email: account.email, password: account.password, client: client() });
    await db`update sessions set last_seen_at = now() - interval '119 minutes' where id_hash = ${hashToken(token)}`;
    expect((await findSessionUser(token))?.id).toBe(account.id); // 120 minutes by default: still alive, and touched
    await db`update sessions set last_seen_at = now() - interval '121 minutes' where id_hash = ${hashToken(token)}`;
    expect(await findSessionUser(token)).toBeNull();
  });

  test("a session past its absolute expiry is dead even if used a moment ago", async () => {
    const account = await createAccount(db);
    const { token, expiresAt } = await logIn({ email: account.email, password: account.password, client: client() });
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(11.9 * 3_600_000); // 12 h by default
    await db`update sessions set expires_at = now() - interval '1 second', last_seen_at = now() where id_hash = ${hashToken(token)}`;
    expect(await findSessionUser(token)).toBeNull();
  });
});

describe("login rate limits", () => {
  test(`after ${MAX_FAILURES} failures on an account within 15 minutes, the next attempt is refused even with the right password, from any address`, async () => {
    const account = await createAccount(db);
    for (let i = 0; i < MAX_FAILURES; i++) {
      await expect(logIn({ email: account.email, password: `faux-${i}-xxxxxxxx`, client: client() })).rejects.toBeInstanceOf(InvalidCredentials);
    }
    const refused = await logIn({ email: account.email, password: account.password, client: client() }).catch((e) => e);
    expect(refused).toBeInstanceOf(TooManyAttempts);
    expect(refused.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    expect(await db`select 1 from sessions where user_id = ${account.id}`).toHaveLength(0);

    // The window slides: failures older than 15 minutes no longer count.
    await db`update login_failures set at = now() - interval '16 minutes' where key = ${`account:${account.email}`}`;
    await expect(logIn({ email: account.email, password: account.password, client: client() })).resolves.toMatchObject({ userId: account.id });
  });

  test(`after ${MAX_FAILURES} failures from one address, on any accounts, that address is refused`, async () => {
    const ip = newIp();
    for (let i = 0; i < MAX_FAILURES; i++) {
      await expect(logIn({ email: `inconnu${i}@exemple.fr`, password: "mot-de-passe-faux", client: client(ip) })).rejects.toBeInstanceOf(
        InvalidCredentials,
      );
    }
    const account = await createAccount(db);
    await expect(logIn({ email: account.email, password: account.password, client: client(ip) })).rejects.toBeInstanceOf(TooManyAttempts);
    // Another address is not affected.
    await expect(logIn({ email: account.email, password: account.password, client: client() })).resolves.toMatchObject({ userId: account.id });
  });

  test("a success does not erase the address's counter", async () => {
    const ip = newIp();
    const account = await createAccount(db);
    for (let i = 0; i < MAX_FAILURES - 1; i++) {
      await logIn({ email: `autre${i}@exemple.fr`, password: "mot-de-passe-faux", client: client(ip) }).catch(() => {});
    }
    await logIn({ email: account.email, password: account.password, client: client(ip) });
    await logIn({ email: "encore@exemple.fr", password: "mot-de-passe-faux", client: client(ip) }).catch(() => {});
    await expect(logIn({ email: account.email, password: account.password, client: client(ip) })).rejects.toBeInstanceOf(TooManyAttempts);
  });

  test("a burst of concurrent guesses cannot get past the limit", async () => {
    const account = await createAccount(db);
    const results = await Promise.allSettled(
      Array.from({ length: 25 }, (_, i) => logIn({ email: account.email, password: `devine-${i}-xxxx`, client: client() })),
    );
    const reasons = results.map((r) => (r.status === "rejected" ? r.reason.constructor.name : "fulfilled"));
    expect(reasons.filter((r) => r === "InvalidCredentials")).toHaveLength(MAX_FAILURES);
    expect(reasons.filter((r) => r === "TooManyAttempts")).toHaveLength(25 - MAX_FAILURES);
  });
});

test("stale failures are purged, recent ones kept", async () => {
  await db`insert into login_failures (key, at) values ('account:vieux@exemple.fr', now() - interval '16 minutes'),
                                                     ('account:recent@exemple.fr', now() - interval '1 minute')`;
  await purgeStaleLoginFailures();
  const keys = await db<{ key: string }[]>`select key from login_failures where key in ('account:vieux@exemple.fr', 'account:recent@exemple.fr')`;
  expect(keys.map((k) => k.key)).toEqual(["account:recent@exemple.fr"]);
});

describe("second factor at login", () => {
  test("with TOTP on, the password opens a session without second factor; the right code completes it", async () => {
    const secret = newTotpSecret();
    const account = await createAccount(db, { roles: ["admin"], totpSecret: secret });
    const result = await logIn({ email: account.email, password: account.password, client: client() });
    expect(result.secondFactorRequired).toBe(true);
    expect((await findSessionUser(result.token))?.secondFactorAt).toBeNull();

    await expect(
      verifySecondFactor({ userId: account.id, sessionToken: result.token, code: wrongCode(secret), client: client() }),
    ).rejects.toBeInstanceOf(InvalidTotpCode);
    expect((await findSessionUser(result.token))?.secondFactorAt).toBeNull();

    await verifySecondFactor({ userId: account.id, sessionToken: result.token, code: totpCode(secret), client: client() });
    expect((await findSessionUser(result.token))?.secondFactorAt).toBeInstanceOf(Date);
  });

  test("wrong codes count toward the account's limit: the code cannot be brute-forced", async () => {
    const secret = newTotpSecret();
    const account = await createAccount(db, { roles: ["juror"], totpSecret: secret });
    const { token } = await logIn({ email: account.email, password: account.password, client: client() });
    const wrong = wrongCode(secret);
    for (let i = 0; i < MAX_FAILURES; i++) {
      await expect(verifySecondFactor({ userId: account.id, sessionToken: token, code: wrong, client: client() })).rejects.toBeInstanceOf(
        InvalidTotpCode,
      );
    }
    await expect(verifySecondFactor({ userId: account.id, sessionToken: token, code: totpCode(secret), client: client() })).rejects.toBeInstanceOf(
      TooManyAttempts,
    );
    // …and logging in again does not reset the account's counter.
    await expect(logIn({ email: account.email, password: account.password, client: client() })).rejects.toBeInstanceOf(TooManyAttempts);
  });

  test("a TOTP code, once accepted, cannot be used again, even within its 30 seconds", async () => {
    const secret = newTotpSecret();
    const account = await createAccount(db, { roles: ["admin"], totpSecret: secret });
    const code = totpCode(secret);
    const first = await logIn({ email: account.email, password: account.password, client: client() });
    await verifySecondFactor({ userId: account.id, sessionToken: first.token, code, client: client() });
    const second = await logIn({ email: account.email, password: account.password, client: client() });
    await expect(verifySecondFactor({ userId: account.id, sessionToken: second.token, code, client: client() })).rejects.toBeInstanceOf(
      InvalidTotpCode,
    );
    expect((await findSessionUser(second.token))?.secondFactorAt).toBeNull();
    // The next step's code is accepted.
    await verifySecondFactor({ userId: account.id, sessionToken: second.token, code: totpCode(secret, Date.now() + 30_000), client: client() });
    expect((await findSessionUser(second.token))?.secondFactorAt).toBeInstanceOf(Date);
  });
});
