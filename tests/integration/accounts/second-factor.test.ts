import { describe, expect, test } from "vitest";
import { InvalidTotpCode, TotpAlreadyEnabled } from "~/accounts/errors";
import { logIn } from "~/accounts/login.server";
import { getCurrentUser, requireUser } from "~/accounts/permissions.server";
import { confirmTotpEnrolment, prepareTotpEnrolment } from "~/accounts/second-factor.server";
import { findSessionUser } from "~/accounts/sessions.server";
import { sessionCookieName } from "~/accounts/session-cookie.server";
import { newTotpSecret, totpCode } from "~/accounts/totp";
import { db } from "~/infra/db.server";
import { auditActionsAbout, createAccount } from "../../support/fixtures";

const client = { ip: "192.0.2.20", userAgent: "vitest" };

function requestWith(token: string | null, path = "/admin/utilisateurs?q=lea") {
  return new Request(`http://localhost${path}`, { headers: token ? { Cookie: `${sessionCookieName()}=${token}` } : {} });
}

/** What requireUser answered: the user, or where it redirected, or the error status. */
async function gate(request: Request, options: Parameters<typeof requireUser>[1]) {
  try {
    return { user: await requireUser(request, options) };
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    return thrown.status >= 300 && thrown.status < 400 ? { redirect: thrown.headers.get("Location") } : { status: thrown.status };
  }
}

describe("TOTP required for admins and jurors", () => {
  test("an anonymous visitor is sent to the login page with a way back", async () => {
    expect(await gate(requestWith(null), { role: "admin" })).toEqual({
      redirect: "/connexion?redirectTo=%2Fadmin%2Futilisateurs%3Fq%3Dlea",
    });
  });

  test("an admin without TOTP is sent to enrolment, then reaches the space once enrolled", async () => {
    const account = await createAccount(db, { roles: ["admin"] });
    const { token } = await logIn({ email: account.email, password: account.password, client });
    expect(await gate(requestWith(token), { role: "admin" })).toEqual({
      redirect: "/compte/double-authentification?redirectTo=%2Fadmin%2Futilisateurs%3Fq%3Dlea",
    });
    // The enrolment page itself is open to them.
    expect((await gate(requestWith(token, "/compte/double-authentification"), {})).user?.id).toBe(account.id);

    const enrolment = await prepareTotpEnrolment(account.id);
    if (enrolment.enabled) throw new Error("expected a pending enrolment");
    await confirmTotpEnrolment({ userId: account.id, sessionToken: token, code: totpCode(enrolment.secret) });
    expect((await gate(requestWith(token), { role: "admin" })).user?.id).toBe(account.id);
  });

  test("an enrolled juror whose session has not given its code is sent to /connexion/code, for any page", async () => {
    const secret = newTotpSecret();
    const account = await createAccount(db, { roles: ["juror", "designer"], totpSecret: secret });
    const { token } = await logIn({ email: account.email, password: account.password, client });
    expect(await gate(requestWith(token, "/jury"), { role: "juror" })).toEqual({ redirect: "/connexion/code?redirectTo=%2Fjury" });
    expect(await gate(requestWith(token, "/candidat"), { role: "designer" })).toEqual({
      redirect: "/connexion/code?redirectTo=%2Fcandidat",
    });
    expect(await getCurrentUser(requestWith(token))).toBeNull();
  });

  test("a designer without TOTP is not asked for it; a role they lack answers 403", async () => {
    const account = await createAccount(db, { roles: ["designer"] });
    const { token } = await logIn({ email: account.email, password: account.password, client });
    expect((await gate(requestWith(token, "/candidat"), { role: "designer" })).user?.id).toBe(account.id);
    expect(await gate(requestWith(token, "/admin"), { role: "admin" })).toEqual({ status: 403 });
  });
});

describe("TOTP enrolment", () => {
  test("shows the same pending secret until it is confirmed, with a QR code as an SVG data URL", async () => {
    const account = await createAccount(db, { roles: ["admin"] });
    const first = await prepareTotpEnrolment(account.id);
    const again = await prepareTotpEnrolment(account.id);
    if (first.enabled || again.enabled) throw new Error("expected a pending enrolment");
    expect(again.secret).toBe(first.secret);
    expect(first.uri).toContain(`secret=${first.secret}`);
    expect(first.qrCodeDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(first.qrCodeDataUrl.split(",")[1], "base64").toString()).toMatch(/^<svg/);
  });

  test("a wrong code enables nothing; the right one enables TOTP, marks the session and is audited", async () => {
    const account = await createAccount(db, { roles: ["juror"] });
    const { token } = await logIn({ email: account.email, password: account.password, client });
    const enrolment = await prepareTotpEnrolment(account.id);
    if (enrolment.enabled) throw new Error("expected a pending enrolment");
    const wrong = String((Number(totpCode(enrolment.secret)) + 500_000) % 1_000_000).padStart(6, "0");

    await expect(confirmTotpEnrolment({ userId: account.id, sessionToken: token, code: wrong })).rejects.toBeInstanceOf(InvalidTotpCode);
    const [before] = await db<{ totpEnabledAt: Date | null }[]>`select totp_enabled_at from users where id = ${account.id}`;
    expect(before.totpEnabledAt).toBeNull();

    await confirmTotpEnrolment({ userId: account.id, sessionToken: token, code: totpCode(enrolment.secret) });
    const [after] = await db<
      { totpEnabledAt: Date | null; totpSecret: string }[]
    >`select totp_enabled_at, totp_secret from users where id = ${account.id}`;
    expect(after.totpEnabledAt).toBeInstanceOf(Date);
    expect(after.totpSecret).toBe(enrolment.secret);
    expect((await findSessionUser(token))?.secondFactorAt).toBeInstanceOf(Date);
    expect(await auditActionsAbout(db, `user:${account.id}`)).toContain("account.totp_enabled");
  });

  test("once enabled, the secret cannot be replaced through enrolment", async () => {
    const secret = newTotpSecret();
    const account = await createAccount(db, { roles: ["admin"], totpSecret: secret });
    const enrolment = await prepareTotpEnrolment(account.id);
    expect(enrolment.enabled).toBe(true);
    await expect(confirmTotpEnrolment({ userId: account.id, sessionToken: "x".repeat(43), code: totpCode(secret) })).rejects.toBeInstanceOf(
      TotpAlreadyEnabled,
    );
  });
});
