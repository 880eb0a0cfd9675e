// A person registers a structure in a real browser, picking the commune by keyboard, then invites
// a colleague who joins from the e-mail's link; the département's instructor verifies it and the
// structure then reads that it is eligible. Every page accessible (axe), no script error.
import type postgres from "postgres";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { setRules } from "../../app/eligibility/rules.server";
import { createCampaign } from "../../app/envelope/campaigns.server";
import { connect } from "../../app/infra/postgres.server";
import { importTerritorialList } from "../../app/territories/lists.server";
import { launchBrowser, seriousAccessibilityViolations, pageWithSession } from "../support/browser";
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

async function signedInPage(userId: number) {
  return pageWithSession(browser, server.url, await sessionCookie(sql, userId));
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
    // Enter in the commune's field, nothing chosen yet, searches (as « Rechercher » would).
    await page.getByLabel("Commune (nom ou code postal)").fill("Vitré");
    await page.keyboard.press("Enter");
    await page.locator("#commune-35360").waitFor();
    await page.getByLabel("Commune (nom ou code postal)").fill("Saint-Malo");
    await page.getByLabel("Commune (nom ou code postal)").focus();
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Rechercher");
    await page.keyboard.press("Enter");
    await page.locator("#commune-35288").waitFor();
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
    // Enter in a field, a commune chosen, registers: the form's default button is not « Rechercher ».
    await page.keyboard.press("Enter");
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

  test("the département's instructor verifies it; the structure, a France Services site outside the listed communes, reads that it is eligible", async () => {
    // A campaign open now whose territorial rule lists only Rennes, with France Services sites eligible wherever they are.
    const now = new Date();
    const day = 24 * 3600 * 1000;
    const campaign = await createCampaign(
      {
        name: "Campagne du parcours",
        nationalCapCents: 100_000_000,
        reserve: { percent: 5 },
        opensAt: new Date(+now - day),
        closesAt: new Date(+now + 30 * day),
        actorId: null,
        now,
      },
      sql,
    );
    const list = await importTerritorialList(
      {
        name: "Liste du parcours",
        source: "Test",
        validFrom: "2026-01-01",
        isSample: true,
        fileText: "code_insee;nom\n35238;Rennes\n",
        actorId: null,
        now,
      },
      sql,
    );
    await setRules(
      {
        campaignId: campaign.id,
        allowedKinds: ["france_services", "library"],
        territory: "lists",
        listIds: [list.id],
        franceServicesEverywhere: true,
        capCents: null,
        capUnits: null,
        reason: "Parcours de test",
        actorId: null,
        now,
      },
      sql,
    );
    const [{ id: structureId }] = await sql<{ id: number }[]>`select id from structures where legal_name = 'France Services de Saint-Malo'`;
    const member = await sql<{ userId: number }[]>`select user_id from memberships where scope = ${`structure:${structureId}`} order by id limit 1`;

    const instructor = await createPerson(sql, { name: "Yannick Instructeur", roles: ["instructor"], scope: "departement:35", totp: true });
    const { page, scriptErrors } = await signedInPage(instructor.id);
    await page.goto(`${server.url}/instruction`);
    await page.getByRole("link", { name: "France Services de Saint-Malo" }).click();
    await page.getByRole("heading", { level: 1, name: /France Services de Saint-Malo/ }).waitFor();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Vérifier la structure" }).click();
    await page
      .getByText(/vérifiée/)
      .first()
      .waitFor();
    expect(scriptErrors).toEqual([]);

    const structure = await signedInPage(member[0].userId);
    await structure.page.goto(`${server.url}/structure`);
    await structure.page.getByRole("heading", { name: "Votre structure est éligible" }).waitFor();
    await expect(structure.page.getByRole("heading", { name: "Vérifiée" }).count()).resolves.toBe(1);
    await expectAccessible(structure.page);
    expect(structure.scriptErrors).toEqual([]);
  });
});
