// The dashboards in a real browser: the admin's and an instructor's, accessible (axe), no script
// error, the filters working once hydrated, and a table downloaded as CSV.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, test } from "vitest";
import { departementScope } from "~/accounts/roles";
import { pageWithSession, seriousAccessibilityViolations } from "../support/browser";
import { clockedBrowser } from "../support/clocked-browser";
import { DASHBOARD_NOW, dashboardWorld } from "../support/dashboard-world";
import { createPerson, sessionCookie } from "../support/fixtures";

const world = clockedBrowser(DASHBOARD_NOW);
const cookies: Record<string, string> = {};

beforeAll(async () => {
  const { sql } = world;
  await dashboardWorld(sql);
  cookies.admin = await sessionCookie(sql, (await createPerson(sql, { roles: ["admin"], totp: true })).id);
  cookies.instructor = await sessionCookie(
    sql,
    (await createPerson(sql, { name: "Instructrice", roles: ["instructor"], scope: departementScope("35"), totp: true })).id,
  );
});

async function expectAccessible(page: Page) {
  expect(await seriousAccessibilityViolations(page), page.url()).toEqual([]);
}

describe("the dashboards", () => {
  test("the admin's: national figures, one département chosen, a table downloaded", async () => {
    const { page, scriptErrors } = await pageWithSession(world.browser, world.server.url, cookies.admin);
    await page.goto(`${world.server.url}/admin`);
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
    const { page, scriptErrors } = await pageWithSession(world.browser, world.server.url, cookies.instructor);
    await page.goto(`${world.server.url}/instruction`);
    await page.getByRole("link", { name: "Le suivi de la distribution dans votre département" }).click();
    await page.getByRole("heading", { level: 1, name: "Suivi de la distribution" }).waitFor();
    await page.getByText("Campagne des commandes : 35 — Ille-et-Vilaine.").waitFor();
    await expect(page.getByRole("link", { name: "France Services de Rennes" }).count()).resolves.toBe(1);
    await expect(page.getByText("Bibliothèque de Bellevue").count()).resolves.toBe(0);
    await expectAccessible(page);
    expect(scriptErrors).toEqual([]);
  });
});
