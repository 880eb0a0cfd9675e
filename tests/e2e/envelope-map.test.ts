// The envelope in a real browser: a campaign opened with an imported weight table (a faulty one
// first), money moved between two départements on screen, the map's 101 links, a click on one
// reaching its page; axe finds no serious or critical violation on any of these pages.
import type postgres from "postgres";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { connect } from "../../app/infra/postgres.server";
import { readTerritories } from "../../app/territories/reference-data.server";
import { launchBrowser, seriousAccessibilityViolations, pageWithSession } from "../support/browser";
import { createPerson, sessionCookie } from "../support/fixtures";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let browser: Browser;
let sql: postgres.Sql;
let cookie: string;
const codes = readTerritories().departements.map((d) => d.code);

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
  return pageWithSession(browser, server.url, cookie, { refusedForms: true });
}

async function expectAccessible(page: Page) {
  expect(await seriousAccessibilityViolations(page), page.url()).toEqual([]);
}

const table = (lines: string[]) => ({ name: "poids.csv", mimeType: "text/csv", buffer: Buffer.from("\uFEFF" + lines.join("\r\n") + "\r\n") });
const weights = codes.map((code, i) => `${code};${1000 + i}`);

describe("the envelope's map and départements", () => {
  test("open with a weight table, move money between two départements, follow the map to a département", async () => {
    const { page, scriptErrors } = await adminPage();
    await page.goto(`${server.url}/admin/enveloppe`);
    await expectAccessible(page);
    await page.getByLabel("Nom de la campagne").fill("Distribution 2026");
    await page.getByLabel("Ouverture des commandes (heure de Paris)").fill("2026-04-01T09:00");
    await page.getByLabel("Clôture des commandes (heure de Paris)").fill("2026-10-01T18:00");
    await page.getByLabel("Source des poids (obligatoire avec une table)").fill("Table d'essai");
    await page.getByLabel("Année des poids (obligatoire avec une table)").fill("2025");
    await page.getByLabel("Table de poids (fichier CSV) (facultatif)").setInputFiles(table(["code_departement;poids", ...weights.slice(1)]));
    await page.getByRole("button", { name: "Ouvrir la campagne et répartir l'enveloppe" }).click();
    await page.getByText("Il manque un département : 01 (Ain).").waitFor();
    await expectAccessible(page);

    await page.getByLabel("Table de poids (fichier CSV) (facultatif)").setInputFiles(table(["code_departement;poids", ...weights]));
    await page.getByRole("button", { name: "Ouvrir la campagne et répartir l'enveloppe" }).click();
    await page.getByText("La campagne est ouverte").waitFor();
    await page.getByText("Poids : Table d'essai (2025).").waitFor();
    await expect(page.locator("svg.carte-enveloppe a").count()).resolves.toBe(101);
    await expectAccessible(page);

    const lozereRow = page.getByRole("row", { name: /^48 — Lozère/ });
    const capBefore = await lozereRow.getByRole("cell").nth(1).textContent();
    await page.getByLabel("Prendre sur").selectOption("75");
    await page.getByLabel("Donner à").selectOption("48");
    await page.getByLabel("Montant (€)").fill("10 000");
    await page.getByLabel("Raison du mouvement").fill("Renfort de la Lozère par Paris");
    await page.getByRole("button", { name: "Déplacer" }).click();
    await page.getByText("déplacés ; le mouvement figure au grand livre").waitFor();
    await expect(lozereRow.getByRole("cell").nth(1).textContent()).resolves.not.toBe(capBefore);
    await expect(page.getByText("Le grand livre et les compteurs concordent").count()).resolves.toBe(1);
    await expectAccessible(page);

    await page.getByRole("link", { name: /^48 — Lozère : 0[\s\u202f]% du plafond utilisé/ }).click();
    await page.getByRole("heading", { level: 1, name: "Lozère (48)" }).waitFor();
    await expect(page.title()).resolves.toBe("Lozère (48) — Enveloppe — Administration — Kits d'inclusion numérique");
    await page.getByRole("cell", { name: "Mouvement depuis 75" }).waitFor();
    await page.getByRole("cell", { name: "Renfort de la Lozère par Paris" }).waitFor();
    await expectAccessible(page);

    await page.getByRole("link", { name: "Enveloppe" }).first().click();
    await page
      .getByRole("row", { name: /^75 — Paris/ })
      .getByRole("link")
      .click();
    await page.getByRole("cell", { name: "Mouvement vers 48" }).waitFor();
    expect(scriptErrors).toEqual([]);
  });
});
