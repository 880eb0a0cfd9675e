// The public figures in a real browser: from the menu to /donnees, the map's measure switched by
// its link, a département reached from the table; axe finds no serious or critical violation on
// any of these pages, and no script fails.
import type postgres from "postgres";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { connect } from "../../app/infra/postgres.server";
import { launchBrowser, seriousAccessibilityViolations, watchScriptErrors } from "../support/browser";
import { programmeWorld } from "../support/programme-figures-world";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let browser: Browser;
let sql: postgres.Sql;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(inject("pgAdminUrl")), launchBrowser()]);
  sql = connect(server.databaseUrl, { max: 2 });
  await programmeWorld(sql);
});
afterAll(async () => {
  await sql?.end();
  await browser?.close();
  await server?.stop();
});

async function expectAccessible(page: Page) {
  expect(await seriousAccessibilityViolations(page), page.url()).toEqual([]);
}

describe("the programme's public figures", () => {
  test("from the menu to the figures, the euros map, then a département's page", async () => {
    const page = await browser.newPage();
    const scriptErrors = watchScriptErrors(page);

    await page.goto(server.url);
    await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Les données" }).click();
    await page.getByRole("heading", { level: 1, name: "Les données du programme" }).waitFor();
    await expect(page.title()).resolves.toBe("Les données du programme — Kits d'inclusion numérique");
    await page.getByText("9 kits livrés à 3 structures").waitFor();
    await expect(page.getByRole("img", { name: /^Carte : kits livrés par département/ }).count()).resolves.toBe(1);
    await expect(page.locator(".carte-donnees a").count()).resolves.toBe(101);
    await expect(page.getByRole("link", { name: "Télécharger les données" }).count()).resolves.toBe(1);
    await expectAccessible(page);

    await page.getByRole("link", { name: "Euros dépensés" }).click();
    await page.getByRole("img", { name: /^Carte : euros dépensés par département/ }).waitFor();
    expect(new URL(page.url()).search).toBe("?mesure=euros");
    await expect(page.getByRole("link", { name: "Euros dépensés" }).getAttribute("aria-current")).resolves.toBe("true");
    await expectAccessible(page);

    await page
      .getByRole("row", { name: /^35 — Ille-et-Vilaine/ })
      .getByRole("link")
      .click();
    await page.getByRole("heading", { level: 1, name: "Ille-et-Vilaine (35)" }).waitFor();
    await expect(page.title()).resolves.toBe("Ille-et-Vilaine (35) — Les données du programme — Kits d'inclusion numérique");
    await page.getByRole("row", { name: /^Rennes 35238 1 5$/ }).waitFor();
    await page.getByRole("row", { name: /^Médiathèque des Champs Libres Rennes 5$/ }).waitFor();
    await expectAccessible(page);

    await page.goto(`${server.url}/donnees/departements/48`);
    await page.getByText("Aucun kit n'a encore été livré dans ce département.").waitFor();
    await expectAccessible(page);
    expect(scriptErrors).toEqual([]);
  });
});
