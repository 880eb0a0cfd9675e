// The account pages over HTTP, against the built portal (run `npx remix build` first).
import type postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { newTotpSecret, totpCode } from "~/accounts/totp";
import { connect } from "~/infra/postgres.server";
import { startTestServer, type TestServer } from "../../support/server";
import { PortalClient, textOf } from "./http-client";
import { createAccount, lastLinkSentTo } from "../../support/fixtures";

let server: TestServer;
let sql: postgres.Sql;
let ipCounter = 0;

/** A client seen from its own address: this portal runs behind a proxy on the loopback (TRUST_PROXY=loopback). */
function newClient() {
  return new PortalClient(server.url, server.url, { "X-Forwarded-For": `203.0.113.${++ipCounter}` });
}

beforeAll(async () => {
  server = await startTestServer(inject("pgAdminUrl"), { TRUST_PROXY: "loopback" });
  sql = connect(server.databaseUrl, { max: 2 });
});
afterAll(async () => {
  await sql?.end();
  await server?.stop();
});

async function logIn(client: PortalClient, email: string, password: string, redirectTo?: string) {
  return client.post("/connexion", { email, password, ...(redirectTo !== undefined ? { redirectTo } : {}) });
}

describe("sign-up and confirmation over HTTP", () => {
  test("the sign-up page has its labelled fields and button", async () => {
    const text = await textOf(await newClient().get("/inscription"));
    for (const label of ["Nom et prénom", "Adresse électronique", "Mot de passe", "Créer mon compte"]) expect(text).toContain(label);
  });

  test("signing up creates an account without a role and queues a confirmation link that works once", async () => {
    const client = newClient();
    const response = await client.post("/inscription", {
      name: "Léa Martin",
      email: "lea.http@exemple.fr",
      password: "velo-rouge-du-facteur",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/confirmation?fait=envoye");

    const [user] = await sql<{ id: number; roles: number }[]>`
      select u.id, (select count(*)::int from memberships m where m.user_id = u.id) as roles from users u where u.email = 'lea.http@exemple.fr'`;
    expect(user.roles).toBe(0);
    const link = await lastLinkSentTo(sql, "lea.http@exemple.fr");
    expect(link?.origin).toBe(new URL(server.url).origin);

    // Before confirmation: refused, with a way to get a new link.
    const early = await logIn(client, "lea.http@exemple.fr", "velo-rouge-du-facteur");
    expect(early.status).toBe(403);
    const earlyText = await textOf(early);
    expect(earlyText).toContain("Votre adresse électronique n'est pas encore confirmée");
    expect(earlyText).toContain("Renvoyer le lien de confirmation");
    expect(early.headers.getSetCookie()).toEqual([]);

    const confirmed = await client.get(link!.pathname + link!.search);
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("Location")).toBe("/connexion?fait=adresse-confirmee");
    const again = await client.get(link!.pathname + link!.search);
    expect(again.status).toBe(400);
    expect(await textOf(again)).toContain("Ce lien n'est plus valable");

    const login = await logIn(client, "lea.http@exemple.fr", "velo-rouge-du-facteur");
    expect(login.status).toBe(302);
    expect(login.headers.get("Location")).toBe("/bienvenue");
  });

  test("an invalid form comes back with French messages by the fields and the values kept, never the password", async () => {
    const response = await newClient().post("/inscription", { name: "Léa Martin", email: "lea@", password: "azerty" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Indiquez une adresse électronique valide, par exemple nom@exemple.fr.");
    expect(html).toContain("Le mot de passe doit contenir au moins 12 caractères.");
    expect(html).toContain('value="Léa Martin"');
    expect(html).toContain('value="lea@"');
    expect(html).not.toContain('azerty"');
    expect(html).toMatch(/<div class="fr-alert fr-alert--error fr-mb-3w" tabindex="-1"[^>]*data-error-summary/);
    expect(html).toMatch(/aria-invalid="true"/);
  });

  test("signing up with an address already registered answers exactly the same", async () => {
    const existing = await createAccount(sql);
    const response = await newClient().post("/inscription", { name: "Autre", email: existing.email, password: "velo-rouge-du-facteur" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/confirmation?fait=envoye");
  });
});

describe("login, session cookie and logout over HTTP", () => {
  test("the login page has its fields and no demo codes outside demo mode", async () => {
    const text = await textOf(await newClient().get("/connexion"));
    for (const label of ["Adresse électronique", "Mot de passe", "Se connecter"]) expect(text).toContain(label);
    expect(text).not.toContain("Démonstration");
  });

  test("a wrong password gets one generic French message", async () => {
    const account = await createAccount(sql);
    for (const email of [account.email, "inconnu@exemple.fr"]) {
      const response = await logIn(newClient(), email, "pas-le-bon-mot-de-passe");
      expect(response.status).toBe(400);
      expect(await textOf(response)).toContain("Adresse électronique ou mot de passe incorrect.");
    }
  });

  test("login sets an HttpOnly, SameSite=Lax cookie with a new id each time; the old id is dead", async () => {
    const account = await createAccount(sql);
    const client = newClient();
    const first = await logIn(client, account.email, account.password);
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe("/candidat");
    const [cookie] = first.headers.getSetCookie();
    expect(cookie).toMatch(/^kits_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\//i);
    expect(cookie).not.toMatch(/; Secure/i); // plain http here; see the https test below
    const firstId = client.cookies.get("kits_session")!;

    const account2 = await client.get("/compte");
    expect(account2.status).toBe(200);
    expect(await textOf(account2)).toContain(account.email);

    await logIn(client, account.email, account.password);
    const secondId = client.cookies.get("kits_session")!;
    expect(secondId).not.toBe(firstId);
    const stale = await client.get("/compte", { Cookie: `kits_session=${firstId}` });
    expect(stale.status).toBe(302);
    expect(stale.headers.get("Location")).toBe("/connexion?redirectTo=%2Fcompte");
  });

  test("after logout, replaying the old cookie gives an anonymous visitor", async () => {
    const account = await createAccount(sql);
    const client = newClient();
    await logIn(client, account.email, account.password);
    const id = client.cookies.get("kits_session")!;

    const page = await client.get("/deconnexion");
    expect(await textOf(page)).toContain("Se déconnecter");
    const out = await client.post("/deconnexion", {});
    expect(out.status).toBe(302);
    expect(out.headers.getSetCookie()[0]).toMatch(/^kits_session=; .*Expires=Thu, 01 Jan 1970/i);
    expect(client.cookies.has("kits_session")).toBe(false);

    const replay = await client.get("/compte", { Cookie: `kits_session=${id}` });
    expect(replay.status).toBe(302);
    expect(replay.headers.get("Location")).toBe("/connexion?redirectTo=%2Fcompte");
    const home = await client.get("/", { Cookie: `kits_session=${id}` });
    expect(await textOf(home)).not.toContain("Personne de test");
  });

  test("redirectTo is honoured for a path of the portal and ignored for another site", async () => {
    const account = await createAccount(sql);
    expect((await logIn(newClient(), account.email, account.password, "/compte?onglet=roles")).headers.get("Location")).toBe("/compte?onglet=roles");
    expect((await logIn(newClient(), account.email, account.password, "//evil.example/phish")).headers.get("Location")).toBe("/candidat");
    expect((await logIn(newClient(), account.email, account.password, "https://evil.example")).headers.get("Location")).toBe("/candidat");
    const page = await newClient().get("/connexion?redirectTo=%2F%2Fevil.example");
    expect(await page.text()).toMatch(/<input type="hidden" name="redirectTo" value=""\/>/);
  });

  test("a path that only becomes another site once normalised ('/.//evil') is ignored too", async () => {
    const account = await createAccount(sql);
    for (const hostile of ["/.//evil.example", "/a/..//evil.example", "/./\\evil.example"]) {
      const location = (await logIn(newClient(), account.email, account.password, hostile)).headers.get("Location");
      expect(location, hostile).toBe("/candidat");
    }
    const page = await (await newClient().get("/connexion?redirectTo=/.%2F%2Fevil.example")).text();
    expect(page).not.toContain("//evil.example");
  });
});

describe("login rate limits over HTTP", () => {
  test("the 11th attempt on an account within 15 minutes answers 429 in French, from any address", async () => {
    const account = await createAccount(sql);
    for (let i = 0; i < 10; i++) {
      expect((await logIn(newClient(), account.email, `mauvais-${i}-mot-de-passe`)).status).toBe(400);
    }
    const refused = await logIn(newClient(), account.email, account.password);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await textOf(refused)).toContain("Trop de tentatives de connexion ont échoué");
    expect(refused.headers.getSetCookie()).toEqual([]);
  });

  test("the 11th failure from one address within 15 minutes answers 429, whatever the account", async () => {
    const client = newClient();
    for (let i = 0; i < 10; i++) {
      expect((await logIn(client, `inconnu-${i}@exemple.fr`, "mauvais-mot-de-passe")).status).toBe(400);
    }
    const account = await createAccount(sql);
    const refused = await logIn(client, account.email, account.password);
    expect(refused.status).toBe(429);
    expect(await textOf(refused)).toContain("patientez");
    // The same account from another address is fine.
    expect((await logIn(newClient(), account.email, account.password)).status).toBe(302);
  });
});

describe("second factor over HTTP", () => {
  test("an enrolled admin gives the code at /connexion/code before anything else, and returns where they were going", async () => {
    const secret = newTotpSecret();
    const account = await createAccount(sql, { roles: ["admin"], totpSecret: secret });
    const client = newClient();
    const login = await logIn(client, account.email, account.password, "/compte?x=1");
    expect(login.status).toBe(302);
    expect(login.headers.get("Location")).toBe("/connexion/code?redirectTo=%2Fcompte%3Fx%3D1");

    // Without the code, the session opens nothing.
    const blocked = await client.get("/compte");
    expect(blocked.headers.get("Location")).toBe("/connexion/code?redirectTo=%2Fcompte");

    const page = await textOf(await client.get("/connexion/code?redirectTo=%2Fcompte%3Fx%3D1"));
    expect(page).toContain("Code à usage unique");
    expect(page).toContain("Valider");

    const wrong = String((Number(totpCode(secret)) + 500_000) % 1_000_000).padStart(6, "0");
    const refused = await client.post("/connexion/code?redirectTo=%2Fcompte%3Fx%3D1", { code: wrong });
    expect(refused.status).toBe(400);
    expect(await textOf(refused)).toContain("Ce code n'est pas valable");

    const done = await client.post("/connexion/code?redirectTo=%2Fcompte%3Fx%3D1", { code: totpCode(secret) });
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/compte?x=1");
    const account2 = await textOf(await client.get("/compte"));
    expect(account2).toContain("Gestionnaire du programme");
    expect(account2).toContain("Activée");
  });

  test("an admin without TOTP enrols with the QR code page, and the session then counts as second-factor", async () => {
    const account = await createAccount(sql, { roles: ["admin"] });
    const client = newClient();
    await logIn(client, account.email, account.password);
    const page = await client.get("/compte/double-authentification?redirectTo=%2Fcompte");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<img[^>]+src="data:image\/svg\+xml;base64,/);
    const [{ totpSecret }] = await sql<{ totpSecret: string }[]>`select totp_secret from users where id = ${account.id}`;
    expect(html).toContain(totpSecret.slice(0, 4) + " " + totpSecret.slice(4, 8));

    const enrolled = await client.post("/compte/double-authentification?redirectTo=%2Fcompte", { code: totpCode(totpSecret) });
    expect(enrolled.status).toBe(302);
    expect(enrolled.headers.get("Location")).toBe("/compte");
    const [row] = await sql<{ totpEnabledAt: Date | null }[]>`select totp_enabled_at from users where id = ${account.id}`;
    expect(row.totpEnabledAt).toBeInstanceOf(Date);
    expect((await client.get("/compte")).status).toBe(200);
  });
});

describe("forgotten password over HTTP", () => {
  test("same answer for any address; the link sets a new password once and ends every session", async () => {
    const account = await createAccount(sql);
    const otherDevice = newClient();
    await logIn(otherDevice, account.email, account.password);
    expect((await otherDevice.get("/compte")).status).toBe(200);

    const known = await newClient().post("/mot-de-passe-oublie", { email: account.email });
    const unknown = await newClient().post("/mot-de-passe-oublie", { email: "personne@nulle-part.fr" });
    expect([known.status, known.headers.get("Location")]).toEqual([302, "/mot-de-passe-oublie?fait=envoye"]);
    expect([unknown.status, unknown.headers.get("Location")]).toEqual([302, "/mot-de-passe-oublie?fait=envoye"]);

    const link = (await lastLinkSentTo(sql, account.email))!;
    expect(link.pathname).toBe("/mot-de-passe/nouveau");
    const client = newClient();
    const page = link.pathname + link.search;
    const form = await client.get(page);
    expect(form.status).toBe(200);
    const jeton = link.searchParams.get("jeton")!;
    expect(await form.text()).toContain(`name="jeton" value="${jeton}"`);

    // Posted to the page's own URL, as the browser does with the form.
    const weak = await client.post(page, { jeton, password: "qwerty123456" });
    expect(weak.status).toBe(400);
    expect(await textOf(weak)).toContain("fait partie des plus courants");

    const done = await client.post(page, { jeton, password: "une-toute-nouvelle-phrase" });
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/connexion?fait=mot-de-passe-modifie");

    expect((await otherDevice.get("/compte")).status).toBe(302);
    expect((await client.post(page, { jeton, password: "encore-une-autre-phrase" })).status).toBe(400);
    expect((await client.get(page)).status).toBe(400);
    expect((await logIn(newClient(), account.email, "une-toute-nouvelle-phrase")).status).toBe(302);
  });
});

describe("on https", () => {
  let secure: TestServer;
  beforeAll(async () => {
    secure = await startTestServer(inject("pgAdminUrl"), { PUBLIC_URL: "https://kits.example.gouv.fr", TRUST_PROXY: "loopback" });
  });
  afterAll(async () => {
    await secure?.stop();
  });

  test("the session cookie is __Host- prefixed and Secure", async () => {
    const db = connect(secure.databaseUrl, { max: 1 });
    try {
      const account = await createAccount(db);
      // As behind the TLS-terminating proxy of a deployment.
      const client = new PortalClient(secure.url, "https://kits.example.gouv.fr", {
        "X-Forwarded-Host": "kits.example.gouv.fr",
        "X-Forwarded-Proto": "https",
      });
      const response = await logIn(client, account.email, account.password);
      expect(response.status).toBe(302);
      const [cookie] = response.headers.getSetCookie();
      expect(cookie).toMatch(/^__Host-kits_session=[A-Za-z0-9_-]{43};/);
      expect(cookie).toMatch(/; Secure/i);
      expect(cookie).toMatch(/; HttpOnly/i);
      expect(cookie).toMatch(/; SameSite=Lax/i);
      expect(cookie).toMatch(/; Path=\//i);
      expect(cookie).not.toMatch(/Domain=/i);
      expect((await client.get("/compte")).status).toBe(200);
    } finally {
      await db.end();
    }
  });
});
