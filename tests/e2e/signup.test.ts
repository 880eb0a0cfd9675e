import type postgres from "postgres";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { connect } from "../../app/infra/postgres.server";
import { launchBrowser, seriousAccessibilityViolations } from "../support/browser";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let browser: Browser;
let sql: postgres.Sql;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(inject("pgAdminUrl")), launchBrowser()]);
  sql = connect(server.databaseUrl, { max: 1 });
});
afterAll(async () => {
  await sql?.end();
  await browser?.close();
  await server?.stop();
});

/** Every page a person visits must have no serious or critical accessibility violation. */
async function expectAccessible(page: Page) {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

describe("a newcomer's first visit", () => {
  test("sign up → confirm by the e-mailed link → log in → say what they came for → log out, every page accessible", async () => {
    const page = await browser.newPage();
    const cspErrors: string[] = [];
    page.on("console", (message) => message.type() === "error" && /Content Security Policy/i.test(message.text()) && cspErrors.push(message.text()));
    // Every page's route module must load and run in the browser (a server-only import left in it breaks hydration).
    const scriptErrors: string[] = [];
    page.on("pageerror", (error) => scriptErrors.push(error.message));
    const email = "camille.durand@exemple.fr";
    const password = "une phrase de passe assez longue";

    // Sign up, first with mistakes: French messages by the fields, what was typed kept.
    await page.goto(`${server.url}/inscription`);
    await expectAccessible(page);
    await page.getByLabel("Nom et prénom").fill("Camille Durand");
    await page.getByLabel("Adresse électronique").fill("camille.durand@");
    await page.getByLabel("Mot de passe").fill("trop court");
    await page.getByRole("button", { name: "Créer mon compte" }).click();
    const summary = page.locator("[data-error-summary]");
    await summary.waitFor();
    await expect(summary.textContent()).resolves.toContain("Le formulaire contient des erreurs");
    await expect(page.locator("#champ-password-message").textContent()).resolves.toBe("Le mot de passe doit contenir au moins 12 caractères.");
    expect(await page.getByLabel("Nom et prénom").inputValue()).toBe("Camille Durand");
    await expectAccessible(page);

    await page.getByLabel("Adresse électronique").fill(email);
    await page.getByLabel("Mot de passe").fill(password);
    await page.getByRole("button", { name: "Créer mon compte" }).click();
    await page.waitForURL(/\/confirmation\?fait=envoye$/);
    await page.getByRole("heading", { level: 2, name: "Vérifiez votre messagerie" }).waitFor();
    await expectAccessible(page);

    // The link, as the person would find it in their mailbox.
    const [mail] = await sql<{ textBody: string }[]>`select text_body from mail_outbox where to_address = ${email} order by id desc limit 1`;
    const link = mail.textBody.match(/http:\/\/\S+\/confirmation\?jeton=[A-Za-z0-9_-]+/)?.[0];
    expect(link).toMatch(new RegExp(`^${server.url}/confirmation\\?jeton=`));
    await page.goto(link!);
    await page.waitForURL(/\/connexion\?fait=adresse-confirmee$/);
    await expect(page.getByRole("status").first().textContent()).resolves.toContain("Adresse confirmée");
    await expectAccessible(page);

    // A wrong password first: one generic message, announced.
    await page.getByLabel("Adresse électronique").fill(email);
    await page.getByLabel("Mot de passe").fill("ce n'est pas le bon");
    await page.getByRole("button", { name: "Se connecter", exact: true }).click();
    await page.locator("[data-error-summary]").waitFor();
    await expect(page.locator("[data-error-summary]").textContent()).resolves.toContain("Adresse électronique ou mot de passe incorrect.");
    await expectAccessible(page);

    await page.getByLabel("Mot de passe").fill(password);
    await page.getByRole("button", { name: "Se connecter", exact: true }).click();
    // Without a role yet, the person says what they came for: three ways, each a link.
    await page.waitForURL(/\/bienvenue$/);
    await page.getByRole("heading", { level: 1, name: "Que venez-vous faire sur le portail ?" }).waitFor();
    expect(await page.title()).toBe("Que venez-vous faire sur le portail ? — Kits d'inclusion numérique");
    await expectAccessible(page);
    await page.getByRole("link", { name: "Fabriquer des kits" }).click();
    await page.waitForURL(/\/bienvenue\/fabricant$/);
    await page.getByRole("heading", { level: 1, name: "Fabriquer des kits" }).waitFor();
    expect(await page.getByRole("link", { name: "Inscrire un fabricant" }).getAttribute("href")).toBe("/fabricant/inscription");
    await expectAccessible(page);
    await page.getByRole("link", { name: "Revenir au choix de votre démarche" }).click();
    await page.waitForURL(/\/bienvenue$/);
    expect(await page.getByRole("link", { name: "Commander des kits pour une structure" }).getAttribute("href")).toBe("/structure/inscription");
    // Choosing the contest opens the candidate's space before any role: the first proposal brings it.
    await page.getByRole("link", { name: "Proposer un kit au concours" }).click();
    await page.waitForURL(/\/candidat$/);
    await page.getByRole("heading", { level: 1, name: "Espace candidat" }).waitFor();
    await expectAccessible(page);
    await page.goto(`${server.url}/compte`);
    await page.getByRole("heading", { level: 1, name: "Mon compte" }).waitFor();
    const accountText = await page.getByRole("main").textContent();
    expect(accountText).toContain("Camille Durand");
    expect(accountText).toContain("Aucun rôle ne vous est attribué pour le moment : dites-nous ce que vous venez faire");
    await expect(page.getByRole("link", { name: "dites-nous ce que vous venez faire" }).getAttribute("href")).resolves.toBe("/bienvenue");
    expect(accountText).toContain("Non activée");
    await expectAccessible(page);

    // Log out from the logout page.
    await page.getByRole("main").getByRole("link", { name: "Se déconnecter" }).click();
    await page.waitForURL(/\/deconnexion$/);
    await page.getByRole("heading", { level: 1, name: "Se déconnecter" }).waitFor();
    await expectAccessible(page);
    await page.getByRole("main").getByRole("button", { name: "Se déconnecter" }).click();
    await page.getByRole("heading", { level: 1, name: "Vous êtes déconnecté" }).waitFor();
    await expectAccessible(page);

    // The account page is closed again.
    await page.goto(`${server.url}/compte`);
    await page.waitForURL(/\/connexion\?redirectTo=%2Fcompte$/);
    await page.getByRole("heading", { level: 1, name: "Se connecter" }).waitFor();
    expect(await page.context().cookies()).toEqual([]);
    expect(cspErrors).toEqual([]);
    expect(scriptErrors).toEqual([]);
  });
});
