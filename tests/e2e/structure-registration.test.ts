// A person registers a structure in a real browser, picking the commune by keyboard, then invites
// a colleague who joins from the e-mail's link; every page accessible (axe), no script error.
import type postgres from "postgres";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { connect } from "../../app/infra/postgres.server";
import { launchBrowser, seriousAccessibilityViolations } from "../support/browser";
import { createPerson, lastLinkSentTo, sessionCookie } from "../support/fixtures";
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

async function signedInPage(userId: number): Promise<{ page: Page; scriptErrors: string[] }> {
  const context = await browser.newContext();
  const [name, value] = (await sessionCookie(sql, userId)).split("=");
  await context.addCookies([{ name, value, url: server.url }]);
  const page = await context.newPage();
  const scriptErrors: string[] = [];
  page.on("pageerror", (error) => scriptErrors.push(error.message));
  page.on("console", (m) => m.type() === "error" && scriptErrors.push(m.text()));
  return { page, scriptErrors };
}

async function expectAccessible(page: Page) {
  expect(await seriousAccessibilityViolations(page), page.url()).toEqual([]);
}

describe("registering a structure", () => {
  test("a person registers a structure, picking its commune by keyboard, then invites a colleague who joins", async () => {
    const person = await createPerson(sql, { name: "Maël Le Goff" });
    const { page, scriptErrors } = await signedInPage(person.id);
    await page.goto(`${server.url}/structure/inscription`);
    await expectAccessible(page);

    await page.getByLabel("SIRET").fill("130 025 265 00013");
    await page.getByLabel("Raison sociale").fill("France Services de Saint-Malo");
    await page.getByLabel("Type de structure").selectOption("france_services");
    // The commune: typed, searched with the keyboard, chosen among the results with the keyboard.
    await page.getByLabel("Commune (nom ou code postal)").fill("Saint-Malo");
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Rechercher");
    await page.keyboard.press("Enter");
    await page.getByText(/communes trouvées : choisissez celle de la structure/).waitFor();
    await expect(page.evaluate(() => document.activeElement?.querySelector("input[type=radio]") !== null)).resolves.toBe(true);
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).resolves.toBe("35288");
    await page.keyboard.press("Space");
    await expect(page.locator("#commune-35288").isChecked()).resolves.toBe(true);
    // What was typed before the search is still there.
    await expect(page.getByLabel("Raison sociale").inputValue()).resolves.toBe("France Services de Saint-Malo");
    await expectAccessible(page);

    await page.getByLabel("Adresse de livraison").fill("3 rue de la Croix Désilles");
    await page.getByLabel("Code postal de livraison").fill("35400");
    await page.getByRole("textbox", { name: /^Personne à contacter/ }).fill("Maël Le Goff");
    await page.getByLabel("Téléphone de la personne à contacter").fill("02 99 40 00 00");
    await page.getByRole("button", { name: "Inscrire la structure" }).click();
    await page.getByText("La structure « France Services de Saint-Malo » est inscrite.").waitFor();
    await expect(page.getByRole("heading", { name: "En attente de vérification" }).count()).resolves.toBe(1);
    await expectAccessible(page);

    await page.getByLabel("Inviter une ou un collègue").fill("claire@france-services-saint-malo.fr");
    await page.getByRole("button", { name: "Envoyer l'invitation" }).click();
    await page.getByText("L'invitation est envoyée à claire@france-services-saint-malo.fr.").waitFor();
    await expect(page.getByRole("heading", { name: "Invitations en attente" }).count()).resolves.toBe(1);
    await expectAccessible(page);
    expect(scriptErrors).toEqual([]);

    const colleague = await createPerson(sql, { name: "Claire Rault", email: "claire@france-services-saint-malo.fr" });
    const link = (await lastLinkSentTo(sql, colleague.email))!;
    const other = await signedInPage(colleague.id);
    await other.page.goto(`${server.url}${link.pathname}${link.search}`);
    await other.page.getByText("Maël Le Goff vous invite à rejoindre la structure « France Services de Saint-Malo » (Saint-Malo)").waitFor();
    await expectAccessible(other.page);
    await other.page.getByRole("button", { name: "Rejoindre la structure" }).click();
    await other.page.getByText("Vous êtes désormais membre de la structure « France Services de Saint-Malo ».").waitFor();
    await expect(other.page.getByText("Maël Le Goff (").count()).resolves.toBe(1);
    await expectAccessible(other.page);
    expect(other.scriptErrors).toEqual([]);
  });
});
