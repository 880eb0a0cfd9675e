// An admin signs in with password and TOTP, finds a person and grants them a role; every page accessible.
import { createSession } from "../../app/accounts/sessions.server";
import { Secret, TOTP } from "otpauth";
import type postgres from "postgres";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import type { Role } from "../../app/accounts/roles";
import { connect } from "../../app/infra/postgres.server";
import { launchBrowser, seriousAccessibilityViolations } from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";
import { createPerson } from "../support/fixtures";

let server: TestServer;
let browser: Browser;
let sql: postgres.Sql;

const ADMIN = {
  email: "claire.gestion@programme.example.gouv.fr",
  password: "une phrase de passe de gestionnaire",
  secret: new Secret({ size: 20 }).base32,
};
let luciaId: number;

async function insertUser(email: string, name: string, roles: Role[], extra: { password?: string; totpSecret?: string } = {}) {
  return (await createPerson(sql, { email, name, roles, password: extra.password, totp: extra.totpSecret })).id;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(inject("pgAdminUrl")), launchBrowser()]);
  sql = connect(server.databaseUrl, { max: 1 });
  await insertUser(ADMIN.email, "Claire Gestion", ["admin"], { password: ADMIN.password, totpSecret: ADMIN.secret });
  luciaId = await insertUser("lucia.fabre@mediatheque-exemple.fr", "Lucia Fabre", ["designer"]);
  await insertUser("marc.dupuis@fablab-exemple.fr", "Marc Dupuis", ["maker"]);
  await sql`
    insert into mail_outbox (to_address, subject, text_body)
    values ('lucia.fabre@mediatheque-exemple.fr', 'Confirmez votre adresse électronique',
            ${"Bonjour,\n\nOuvrez ce lien pour confirmer votre adresse :\n" + server.url + "/confirmation?jeton=abc\n"})`;
});
afterAll(async () => {
  await sql?.end();
  await browser?.close();
  await server?.stop();
});

async function expectAccessible(page: Page) {
  expect(await seriousAccessibilityViolations(page), page.url()).toEqual([]);
}

function currentCode() {
  return new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(ADMIN.secret) }).generate();
}

describe("the admin space in a real browser", () => {
  test("an admin logs in with TOTP, finds a person, grants a role, and sees it in the audit log", async () => {
    const page = await browser.newPage();
    const cspErrors: string[] = [];
    page.on("console", (m) => m.type() === "error" && /Content Security Policy/i.test(m.text()) && cspErrors.push(m.text()));

    // The admin space sends an anonymous visitor to the login page, then back.
    await page.goto(`${server.url}/admin/utilisateurs`);
    await page.waitForURL(/\/connexion\?redirectTo=%2Fadmin%2Futilisateurs$/);
    await expectAccessible(page);
    await page.getByLabel("Adresse électronique").fill(ADMIN.email);
    await page.getByLabel("Mot de passe").fill(ADMIN.password);
    await page.getByRole("button", { name: "Se connecter" }).click();

    await page.waitForURL(/\/connexion\/code/);
    await expectAccessible(page);
    await page.getByLabel("Code à usage unique").fill(currentCode());
    await page.getByRole("button", { name: "Valider" }).click();
    await page.waitForURL(/\/admin\/utilisateurs$/);
    await page.getByRole("heading", { level: 1, name: "Utilisateurs" }).waitFor();
    await expectAccessible(page);

    // Search by part of the name, in another case.
    await page.getByLabel("Rechercher une personne par nom ou adresse électronique").fill("FABRE");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.waitForURL(/\/admin\/utilisateurs\?q=FABRE$/);
    const results = page.locator("table tbody tr");
    await expect.poll(() => results.count()).toBe(1);
    await expect(results.first().textContent()).resolves.toContain("lucia.fabre@mediatheque-exemple.fr");
    await expectAccessible(page);

    await page.getByRole("link", { name: "Lucia Fabre" }).click();
    await page.waitForURL(new RegExp(`/admin/utilisateurs/${luciaId}$`));
    await page.getByRole("heading", { level: 1, name: "Lucia Fabre" }).waitFor();
    await expectAccessible(page);

    // A scoped role without its number: a French message by the field, the choices kept.
    await page.getByLabel("Rôle", { exact: true }).selectOption({ label: "Membre du jury" });
    await page.getByRole("combobox", { name: /^Portée/ }).selectOption({ label: "Un concours" });
    await page.getByRole("button", { name: "Attribuer le rôle" }).click();
    await page.locator("#champ-scopeId-message").waitFor();
    await expect(page.locator("#champ-scopeId-message").textContent()).resolves.toBe(
      "Indiquez le numéro du concours, un nombre entier positif, par exemple 12.",
    );
    expect(await page.getByLabel("Rôle", { exact: true }).inputValue()).toBe("juror");
    await expectAccessible(page);

    await page.getByLabel("Numéro du concours, de la structure ou du fabricant, ou code du département").fill("3");
    await page.getByRole("button", { name: "Attribuer le rôle" }).click();
    await page.waitForURL(/\?fait=grant$/);
    await page.getByText("Le rôle a été attribué.").waitFor();
    const roles = page.locator("table", { has: page.locator("caption", { hasText: "Rôles de Lucia Fabre" }) });
    await expect(roles.locator("tbody tr").allTextContents()).resolves.toEqual([
      expect.stringMatching(/^Candidatnational.*Retirer/),
      expect.stringMatching(/^Membre du juryconcours n° 3.*Claire Gestion.*Retirer/),
    ]);
    await expectAccessible(page);

    const [membership] = await sql`select role, scope, granted_by from memberships where user_id = ${luciaId} and role = 'juror'`;
    expect(membership).toMatchObject({ role: "juror", scope: "contest:3" });

    // The audit log has it, about this person, and the chain holds.
    await page.getByRole("link", { name: "Voir l'historique de ce compte dans le journal d'audit" }).click();
    await page.waitForURL(new RegExp(`/admin/journal\\?sujet=user%3A${luciaId}$`));
    await page.getByRole("heading", { level: 1, name: "Journal d'audit" }).waitFor();
    const entries = page.locator("table tbody tr");
    await expect.poll(() => entries.count()).toBe(1);
    const entry = await entries.first().textContent();
    expect(entry).toContain("Rôle attribué");
    expect(entry).toContain(ADMIN.email);
    expect(entry).toContain(`user:${luciaId}`);
    expect(entry).toContain("scope : contest:3");
    await expectAccessible(page);

    // The worker checks the journal when asked; the page shows its stored verdict.
    await page.getByRole("button", { name: "Vérifier maintenant" }).click();
    await page.waitForURL(/\/admin\/journal\?fait=verification-demandee$/);
    await page.getByText("La vérification complète du journal est en file d'attente").waitFor();
    await expectAccessible(page);
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByRole("heading", { name: "Journal intègre" }).count();
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe(1);
    await page.getByText(/^Journal vérifié le .+ : \d+ entrées intègres\.$/).waitFor();
    await expectAccessible(page);

    // The rest of the admin space: dashboard, outbox and one e-mail.
    await page.getByRole("link", { name: "Tableau de bord" }).click();
    await page.getByRole("heading", { level: 1, name: "Administration" }).waitFor();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Courriels", exact: true }).first().click();
    await page.getByRole("heading", { level: 1, name: "Courriels" }).waitFor();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Confirmez votre adresse électronique" }).click();
    await page.getByRole("heading", { level: 1, name: "Confirmez votre adresse électronique" }).waitFor();
    await expect(page.locator("pre a").getAttribute("href")).resolves.toBe(`${server.url}/confirmation?jeton=abc`);
    await expectAccessible(page);

    expect(cspErrors).toEqual([]);
    await page.close();
  });

  test("each role's landing page has its heading and no serious accessibility violation", async () => {
    const landing: [Role, string, string][] = [
      ["juror", "/jury", "Espace du jury"],
      ["designer", "/candidat", "Espace candidat"],
      ["structure", "/structure", "Espace structure"],
      ["maker", "/fabricant", "Espace fabricant"],
    ];
    for (const [role, path, heading] of landing) {
      const id = await insertUser(`${role}.accueil@exemple.fr`, `Personne ${role}`, [role], role === "juror" ? { totpSecret: ADMIN.secret } : {});
      const { token } = await createSession({ userId: id, secondFactor: true }, sql);
      const context = await browser.newContext();
      await context.addCookies([{ name: "kits_session", value: token, url: server.url }]);
      const page = await context.newPage();
      const response = await page.goto(server.url + path);
      expect(response?.status(), path).toBe(200);
      await page.getByRole("heading", { level: 1, name: heading }).waitFor();
      await expectAccessible(page);
      await context.close();
    }
  });
});
