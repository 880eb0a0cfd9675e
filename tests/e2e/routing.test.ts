// Routing in a real browser: the admin runs it with a seed and reads why a line was not routed, an
// instructor of the département moves a share to another maker after a refused empty submit, the
// admin withdraws a maker; every page accessible (axe), no script error, and the pages hydrate.
import type postgres from "postgres";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { connect } from "../../app/infra/postgres.server";
import { launchBrowser, pageWithSession, seriousAccessibilityViolations } from "../support/browser";
import { createPerson, sessionCookie } from "../support/fixtures";
import { approvedOrder, makerFor, type TestMaker } from "../support/fulfilment-world";
import { ordersWorld } from "../support/orders-world";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let browser: Browser;
let sql: postgres.Sql;
let admin: string;
let instructor: string;
let brest: TestMaker;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(inject("pgAdminUrl")), launchBrowser()]);
  sql = connect(server.databaseUrl, { max: 1 });
  const world = await ordersWorld(sql);
  const both = [world.coffret.kitId, world.jeu.kitId];
  await makerFor(sql, world, { kitIds: both, departements: ["35"] });
  brest = await makerFor(sql, world, { kitIds: both, departements: ["35"], commune: "29019" });
  await approvedOrder(sql, world, [{ kitId: world.coffret.kitId, quantity: 2 }]);
  await approvedOrder(sql, world, [{ kitId: world.jeu.kitId, quantity: 1 }], "75056");
  admin = await sessionCookie(sql, (await createPerson(sql, { roles: ["admin"], totp: true })).id);
  instructor = await sessionCookie(sql, (await createPerson(sql, { roles: ["instructor"], scope: "departement:35", totp: true })).id);
});
afterAll(async () => {
  await sql?.end();
  await browser?.close();
  await server?.stop();
});

async function expectAccessible(page: Page) {
  expect(await seriousAccessibilityViolations(page), page.url()).toEqual([]);
}

describe("routing in a browser", () => {
  test("run, override, withdraw", async () => {
    const { page, scriptErrors } = await pageWithSession(browser, server.url, admin, { refusedForms: true });
    await page.goto(`${server.url}/admin/routage`);
    await expectAccessible(page);
    await page.getByLabel("Graine (facultatif)").fill("12 ans");
    await page.getByRole("button", { name: "Router les commandes approuvées" }).click();
    await page.getByRole("link", { name: /Graine : La graine est un nombre entier/ }).waitFor();
    await expectAccessible(page);
    await page.getByLabel("Graine (facultatif)").fill("2026");
    await page.getByRole("button", { name: "Router les commandes approuvées" }).click();
    await page.getByText("Le routage a confié 2 unités aux fabricants (graine 2026).").waitFor();
    await expect(page.getByRole("cell", { name: "Aucun fabricant ne livre ce kit dans le département 75." }).count()).resolves.toBe(1);
    await expectAccessible(page);
    expect(await page.title()).toBe("Routage des commandes — Administration — Kits d'inclusion numérique");

    // Client-side navigation to the share's page: the page hydrated.
    await page.getByRole("link", { name: /part n° \d+ : changer de fabricant/ }).click();
    await page.getByRole("heading", { name: /Part de la commande n° \d+/ }).waitFor();
    await expectAccessible(page);
    const sharePath = new URL(page.url()).pathname.replace("/admin/", "/instruction/");

    const { page: instructorPage, scriptErrors: instructorErrors } = await pageWithSession(browser, server.url, instructor, { refusedForms: true });
    await instructorPage.goto(`${server.url}${sharePath}`);
    await expectAccessible(instructorPage);
    await instructorPage.getByRole("button", { name: "Confier la part à ce fabricant" }).click();
    await instructorPage.getByText("Le formulaire contient des erreurs").waitFor();
    await expectAccessible(instructorPage);
    await instructorPage.getByLabel("Nouveau fabricant").selectOption(String(brest.makerId));
    await instructorPage.getByLabel("Raison du changement").fill("Le fablab de Rennes est fermé pour travaux.");
    await instructorPage.getByRole("button", { name: "Confier la part à ce fabricant" }).click();
    await instructorPage.getByText("La part est confiée à ce fabricant").waitFor();
    await expect(instructorPage.getByText(`Fabricant : Fablab ${brest.memberId}`).count()).resolves.toBe(1);
    await expectAccessible(instructorPage);
    expect(instructorErrors).toEqual([]);

    await page.goto(`${server.url}/admin/fabricants`);
    await expectAccessible(page);
    await page.getByRole("link", { name: `Retirer ce fabricant : Fablab ${brest.memberId}` }).click();
    await page.getByRole("heading", { name: `Retirer Fablab ${brest.memberId}` }).waitFor();
    await expectAccessible(page);
    await page.getByLabel("Raison du retrait").fill("Injoignable depuis un mois.");
    await page.getByRole("button", { name: "Retirer ce fabricant" }).click();
    await page.getByText("1 part reprise au fabricant : leurs unités retournent au routage").waitFor();
    await expectAccessible(page);
    expect(scriptErrors).toEqual([]);
  });
});
