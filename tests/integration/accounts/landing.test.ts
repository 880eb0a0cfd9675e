// Where each role lands after login, over HTTP against the built portal (run `npx remix build` first).
import { beforeAll, describe, expect, test } from "vitest";
import { roleSpaces, type Role } from "~/accounts/roles";
import { newTotpSecret, totpCode } from "~/accounts/totp";
import { DEMO_PASSWORD, demoAccounts } from "../../../db/seed";
import { portalForThisFile } from "../../support/portal";
import { PortalClient } from "./http-client";
import { createAccount, createPerson } from "../../support/fixtures";

const portal = portalForThisFile();

/** Logs in, giving the TOTP code when asked; returns the client and the last redirect's Location. */
async function logIn(account: { email: string; password: string; totpSecret?: string }, redirectTo?: string) {
  const client = new PortalClient(portal.server.url);
  const login = await client.post("/connexion", { email: account.email, password: account.password, ...(redirectTo ? { redirectTo } : {}) });
  expect(login.status).toBe(302);
  let location = login.headers.get("Location")!;
  if (account.totpSecret) {
    expect(new URL(location, portal.server.url).pathname).toBe("/connexion/code");
    const code = await client.post(location, { code: totpCode(account.totpSecret) });
    expect(code.status).toBe(302);
    location = code.headers.get("Location")!;
  }
  return { client, location };
}

// The demo's accounts, one per role, as the README lists them.
const demoByRole = new Map<Role, (typeof demoAccounts)[number]>();
for (const account of demoAccounts) if (!demoByRole.has(account.role)) demoByRole.set(account.role, account);
// The instructor's space (/instruction) is built with the verification of structures: its own test below.
const withSpaces = [...demoByRole.values()].filter((account) => account.role !== "instructor");

describe("after login, each role lands in its own space", () => {
  beforeAll(async () => {
    for (const account of demoByRole.values()) {
      const { email, role, scope, totpSecret } = account;
      await createPerson(portal.sql, { email, password: DEMO_PASSWORD, roles: [role], scope, totp: totpSecret });
    }
  });

  test.each(withSpaces.map((account) => [account.role, account] as const))("the demo %s", async (role, account) => {
    const { client, location } = await logIn({ ...account, password: DEMO_PASSWORD });
    expect(location).toBe(roleSpaces[role]);
    // The space opens for them: no detour through the account page or a refusal.
    expect((await client.get(location)).status).toBe(200);
    // Coming back to the login page while signed in leads there too.
    expect((await client.get("/connexion")).headers.get("Location")).toBe(roleSpaces[role]);
  });

  test("the demo instructor of Ille-et-Vilaine gives their code and is sent to /instruction, fully signed in", async () => {
    const account = demoByRole.get("instructor")!;
    expect(account.scope).toBe("departement:35");
    const { client, location } = await logIn({ ...account, password: DEMO_PASSWORD });
    expect(location).toBe("/instruction");
    expect((await client.get("/connexion")).headers.get("Location")).toBe("/instruction");
    expect((await client.get("/compte")).status).toBe(200);
  });
});

describe("the landing page gives way to redirectTo and to several roles", () => {
  test("redirectTo wins, through the TOTP step too", async () => {
    const designer = await createAccount(portal.sql);
    expect((await logIn(designer, "/compte")).location).toBe("/compte");
    const secret = newTotpSecret();
    const juror = await createAccount(portal.sql, { roles: ["juror"], totpSecret: secret });
    expect((await logIn({ ...juror, totpSecret: secret }, "/compte?onglet=roles")).location).toBe("/compte?onglet=roles");
  });

  test("an admin who is also a designer lands on the dashboard; someone without a role on the page where they say what they came for", async () => {
    const secret = newTotpSecret();
    const both = await createAccount(portal.sql, { roles: ["designer", "admin"], totpSecret: secret });
    expect((await logIn({ ...both, totpSecret: secret })).location).toBe("/admin");
    const nobody = await createAccount(portal.sql, { roles: [] });
    expect((await logIn(nobody)).location).toBe("/bienvenue");
  });

  test("an admin not yet enrolled in TOTP lands on enrolment, then on the dashboard", async () => {
    const admin = await createAccount(portal.sql, { roles: ["admin"] });
    const { client, location } = await logIn(admin);
    expect(location).toBe("/admin");
    expect((await client.get(location)).headers.get("Location")).toBe("/compte/double-authentification?redirectTo=%2Fadmin");
  });
});
