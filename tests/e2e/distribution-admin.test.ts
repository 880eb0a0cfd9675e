// The distribution's admin screens in a real browser: import a territorial list, open a campaign,
// move money; every page accessible (axe), no script error, and the pages hydrate.
import { readFileSync } from "node:fs";
import type postgres from "postgres";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { connect } from "../../app/infra/postgres.server";
import { launchBrowser, seriousAccessibilityViolations, pageWithSession } from "../support/browser";
import { createPerson, sessionCookie } from "../support/fixtures";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let browser: Browser;
let sql: postgres.Sql;
let cookie: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(inject("pgAdminUrl")), launchBrowser()]);
  sql = connect(server.databaseUrl, { max: 1 });
  cookie = await sessionCookie(sql, (await createPerson(sql, { roles: ["admin"], totp: true })).id);
});
afterAll(async () => {
  await sql?.end();
  await browser?.close();
  await server?.stop();
});

function adminPage() {
  return pageWithSession(browser, server.url, cookie);
}

async function expectAccessible(page: Page) {
  expect(await seriousAccessibilityViolations(page), page.url()).toEqual([]);
}

describe("the distribution's admin screens", () => {
  test("import the sample FRR list, open a campaign, move money from the reserve to the Lozère", async () => {
    const { page, scriptErrors } = await adminPage();
    await page.goto(`${server.url}/admin/territoires`);
    await expectAccessible(page);
    await page.getByLabel("Nom de la liste").fill("France Ruralités Revitalisation (échantillon)");
    await page.getByLabel("Source (texte officiel, producteur, date de publication)").fill("Échantillon du dépôt, pas une donnée officielle");
    await page.getByLabel("En vigueur depuis le").fill("2026-01-01");
    await page.getByLabel("Fichier CSV des communes").setInputFiles({
      name: "frr-echantillon.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(readFileSync("db/samples/frr-echantillon.csv")),
    });
    await page.getByText("Échantillon (facultatif)").click();
    await page.getByRole("button", { name: "Importer la liste" }).click();
    await page.getByText("est importée (version 1, 30 communes)").waitFor();
    await expect(page.getByRole("cell", { name: "30", exact: true }).count()).resolves.toBe(1);
    await expectAccessible(page);

    // Client-side navigation works: the page hydrated.
    await page.getByRole("link", { name: "Enveloppe" }).click();
    await page.getByRole("heading", { name: "Ouvrir une campagne" }).waitFor();
    await expectAccessible(page);
    await page.getByLabel("Nom de la campagne").fill("Distribution 2026");
    await page.getByLabel("Ouverture des commandes (heure de Paris)").fill("2026-04-01T09:00");
    await page.getByLabel("Clôture des commandes (heure de Paris)").fill("2026-10-01T18:00");
    await page.getByRole("button", { name: "Ouvrir la campagne et répartir l'enveloppe" }).click();
    await page.getByText("La campagne est ouverte").waitFor();
    await expect(page.locator("table tbody tr").count()).resolves.toBe(101);
    await expectAccessible(page);

    await page.getByLabel("Prendre sur").selectOption("reserve");
    await page.getByLabel("Donner à").selectOption("48");
    await page.getByLabel("Montant (€)").fill("10 000");
    await page.getByLabel("Raison du mouvement").fill("Renfort de la Lozère");
    await page.getByRole("button", { name: "Déplacer" }).click();
    await page.getByText("déplacés ; le mouvement figure au grand livre").waitFor();
    await expect(page.getByText("Le grand livre et les compteurs concordent").count()).resolves.toBe(1);
    await expectAccessible(page);
    expect(scriptErrors).toEqual([]);
  });
});
