// A signed-in person changes their password with the current one, over HTTP against the built
// portal (run `npx remix build` first).
import { describe, expect, test } from "vitest";
import { newTotpSecret, totpCode } from "~/accounts/totp";
import { accountKey, MAX_FAILURES } from "~/accounts/throttle.server";
import { portalForThisFile } from "../../support/portal";
import { PortalClient, textOf } from "./http-client";
import { auditActionsAbout, createAccount } from "../../support/fixtures";

const portal = portalForThisFile();

const NEW_PASSWORD = "une-phrase-toute-neuve";

async function signedIn(account: { email: string; password: string }) {
  const client = new PortalClient(portal.server.url);
  expect((await client.post("/connexion", { email: account.email, password: account.password })).status).toBe(302);
  return client;
}

function change(client: PortalClient, fields: Partial<Record<"currentPassword" | "newPassword" | "passwordConfirmation", string>>) {
  return client.post("/compte/mot-de-passe", fields);
}

async function accountFailures(email: string) {
  const [{ count }] = await portal.sql<{ count: number }[]>`select count(*)::int as count from login_failures where key = ${accountKey(email)}`;
  return count;
}

describe("changing one's password from /compte", () => {
  test("/compte leads to a form with the current, new and confirmation fields, for signed-in people only", async () => {
    const account = await createAccount(portal.sql);
    const client = await signedIn(account);
    expect(await (await client.get("/compte")).text()).toContain('href="/compte/mot-de-passe"');
    const html = await (await client.get("/compte/mot-de-passe")).text();
    const autocomplete = { currentPassword: "current-password", newPassword: "new-password", passwordConfirmation: "new-password" };
    for (const [name, value] of Object.entries(autocomplete)) {
      expect(html).toMatch(new RegExp(`<input[^>]*name="${name}"[^>]*type="password"[^>]*autocomplete="${value}"`, "i"));
    }
    const text = await textOf(new Response(html));
    for (const label of ["Mot de passe actuel", "Nouveau mot de passe", "Confirmation du nouveau mot de passe", "Au moins 12 caractères"]) {
      expect(text).toContain(label);
    }
    const anonymous = await new PortalClient(portal.server.url).get("/compte/mot-de-passe");
    expect(anonymous.headers.get("Location")).toBe("/connexion?redirectTo=%2Fcompte%2Fmot-de-passe");
  });

  test("a wrong current password is refused by its field, changes nothing and counts as a failed login", async () => {
    const account = await createAccount(portal.sql);
    const client = await signedIn(account);
    const before = await accountFailures(account.email);
    const refused = await change(client, {
      currentPassword: "pas-le-bon-mot-de-passe",
      newPassword: NEW_PASSWORD,
      passwordConfirmation: NEW_PASSWORD,
    });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toMatch(/id="champ-currentPassword-message">Ce n(&#x27;|')est pas votre mot de passe actuel/);
    expect(html).toMatch(/name="currentPassword"[^>]*aria-invalid="true"/);
    expect(html).not.toContain("pas-le-bon-mot-de-passe");
    expect(await accountFailures(account.email)).toBe(before + 1);
    expect(await auditActionsAbout(portal.sql, `user:${account.id}`)).toContain("account.password_change_failed");
    // Still the old password, and the session is untouched.
    expect((await client.get("/compte")).status).toBe(200);
    expect((await signedIn(account)).cookies.has("kits_session")).toBe(true);
  });

  test("the new password follows the policy and must be typed twice alike", async () => {
    const account = await createAccount(portal.sql);
    const client = await signedIn(account);
    const weak = await change(client, { currentPassword: account.password, newPassword: "qwerty123456", passwordConfirmation: "qwerty123456" });
    expect(weak.status).toBe(400);
    expect(await textOf(weak)).toContain("fait partie des plus courants");
    const mismatch = await change(client, { currentPassword: account.password, newPassword: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD + "!" });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toMatch(/id="champ-passwordConfirmation-message">La confirmation ne correspond pas au nouveau mot de passe\./);
    const same = await change(client, { currentPassword: account.password, newPassword: account.password, passwordConfirmation: account.password });
    expect(same.status).toBe(400);
    expect(await textOf(same)).toContain("Choisissez un mot de passe différent de l'actuel.");
  });

  test("the change ends the other sessions, renews this one, is audited and told by e-mail", async () => {
    const account = await createAccount(portal.sql);
    const otherDevice = await signedIn(account);
    const client = await signedIn(account);
    const oldId = client.cookies.get("kits_session")!;

    const done = await change(client, { currentPassword: account.password, newPassword: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD });
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/compte?fait=mot-de-passe-modifie");
    const newId = client.cookies.get("kits_session")!;
    expect(newId).not.toBe(oldId);

    const page = await client.get("/compte?fait=mot-de-passe-modifie");
    expect(page.status).toBe(200);
    expect(await textOf(page)).toContain("Mot de passe modifié");
    expect((await otherDevice.get("/compte")).status).toBe(302);
    expect((await client.get("/compte", { Cookie: `kits_session=${oldId}` })).status).toBe(302);

    expect((await new PortalClient(portal.server.url).post("/connexion", { email: account.email, password: account.password })).status).toBe(400);
    expect((await signedIn({ email: account.email, password: NEW_PASSWORD })).cookies.has("kits_session")).toBe(true);
    expect(await auditActionsAbout(portal.sql, `user:${account.id}`)).toContain("account.password_changed");
    const [mail] = await portal.sql<
      { subject: string }[]
    >`select subject from mail_outbox where to_address = ${account.email} order by id desc limit 1`;
    expect(mail.subject).toBe("Votre mot de passe a été modifié");
  });

  test("an admin's renewed session keeps its second factor", async () => {
    const secret = newTotpSecret();
    const admin = await createAccount(portal.sql, { roles: ["admin"], totpSecret: secret });
    const client = await signedIn(admin);
    expect((await client.post("/connexion/code", { code: totpCode(secret) })).status).toBe(302);
    const done = await change(client, { currentPassword: admin.password, newPassword: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD });
    expect(done.status).toBe(302);
    expect((await client.get("/admin")).status).toBe(200);
  });

  test("wrong current passwords hit the login limit: 429 in French once the account's counter is full", async () => {
    const account = await createAccount(portal.sql);
    const client = await signedIn(account);
    // The account has failed logins already, from elsewhere.
    await portal.sql`insert into login_failures (key) select ${accountKey(account.email)} from generate_series(1, ${MAX_FAILURES - 1})`;
    const last = await change(client, { currentPassword: "pas-le-bon-mot-de-passe", newPassword: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD });
    expect(last.status).toBe(400);
    const refused = await change(client, { currentPassword: account.password, newPassword: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await textOf(refused)).toContain("Trop de tentatives de connexion ont échoué");
  });
});
