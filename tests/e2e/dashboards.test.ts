// The dashboards in a real browser: the admin's and an instructor's, accessible (axe), no script
// error, the filters working once hydrated, and a table downloaded as CSV.
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type postgres from "postgres";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { departementScope } from "~/accounts/roles";
import { connect } from "../../app/infra/postgres.server";
import { launchBrowser, pageWithSession, seriousAccessibilityViolations } from "../support/browser";
import { DASHBOARD_NOW, dashboardWorld } from "../support/dashboard-world";
import { createPerson, sessionCookie } from "../support/fixtures";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let browser: Browser;
let sql: postgres.Sql;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  const clockFile = path.join(await mkdtemp(path.join(os.tmpdir(), "kits-clock-")), "now");
  await writeFile(clockFile, DASHBOARD_NOW.toISOString());
  [server, browser] = await Promise.all([startTestServer(inject("pgAdminUrl"), { NODE_ENV: "test", CLOCK_FILE: clockFile }), launchBrowser()]);
  sql = connect(server.databaseUrl, { max: 2 });
  await dashboardWorld(sql);
  cookies.admin = await sessionCookie(sql, (await createPerson(sql, { roles: ["admin"], totp: true })).id);
  cookies.instructor = await sessionCookie(
    sql,
    (await createPerson(sql, { name: "Instructrice", roles: ["instructor"], scope: departementScope("35"), totp: true })).id,
  );
});
afterAll(async () => {
  await sql?.end();
  await browser?.close();
  await server?.stop();
});

async function expectAccessible(page: Page) {
  expect(await seriousAccessibilityViolations(page), page.url()).toEqual([]);
}

describe("the dashboards", () => {
  test("the admin's: national figures, one département chosen, a table downloaded", async () => {
    const { page, scriptErrors } = await pageWithSession(browser, server.url, cookies.admin);
    await page.goto(`${server.url}/admin`);
    await page.getByRole("link", { name: "Suivi de la distribution" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Suivi de la distribution" }).waitFor();
    await page.getByText("Campagne des commandes : toute la France.").waitFor();
    await expect(page.getByRole("img", { name: /Montants réservés, engagés et dépensés/ }).count()).resolves.toBe(1);
    await expectAccessible(page);

    await page.getByLabel("Département", { exact: true }).selectOption("29");
    await page.getByRole("button", { name: "Filtrer" }).click();
    await page.waitForURL(/departement=29/);
    await page.getByText("Campagne des commandes : 29 — Finistère.").waitFor();
    await expect(page.getByText("France Services de Rennes").count()).resolves.toBe(0);
    await expect(page.getByRole("link", { name: "Bibliothèque de Bellevue" }).count()).resolves.toBe(1);
    await expectAccessible(page);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Télécharger « Structures éligibles sans commande » (CSV)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("structures-sans-commande-29.csv");
    expect(scriptErrors).toEqual([]);
  });

  test("an instructor's: their département only", async () => {
    const { page, scriptErrors } = await pageWithSession(browser, server.url, cookies.instructor);
    await page.goto(`${server.url}/instruction`);
    await page.getByRole("link", { name: "Le suivi de la distribution dans votre département" }).click();
    await page.getByRole("heading", { level: 1, name: "Suivi de la distribution" }).waitFor();
    await page.getByText("Campagne des commandes : 35 — Ille-et-Vilaine.").waitFor();
    await expect(page.getByRole("link", { name: "France Services de Rennes" }).count()).resolves.toBe(1);
    await expect(page.getByText("Bibliothèque de Bellevue").count()).resolves.toBe(0);
    await expectAccessible(page);
    expect(scriptErrors).toEqual([]);
  });
});
