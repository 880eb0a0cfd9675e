// A maker registers in a real browser with the keyboard, asks to build a catalogue kit, the admin
// approves it, and the maker declares the départements it delivers to and its monthly capacity,
// then pauses. Every page accessible (axe), no script error.
import type postgres from "postgres";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { addKit } from "../../app/catalogue/kits.server";
import { connect } from "../../app/infra/postgres.server";
import { launchBrowser, pageWithSession, seriousAccessibilityViolations } from "../support/browser";
import { laureatesWorld } from "../support/catalogue-world";
import { createPerson, sessionCookie } from "../support/fixtures";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let browser: Browser;
let sql: postgres.Sql;
let kitTitle: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(inject("pgAdminUrl")), launchBrowser()]);
  sql = connect(server.databaseUrl, { max: 1 });
  const world = await laureatesWorld(sql);
  await addKit({ proposalId: world.coffret.id, actorId: world.adminId, now: new Date() }, sql);
  kitTitle = world.coffret.title;
});
afterAll(async () => {
  await sql?.end();
  await browser?.close();
  await server?.stop();
});

const signedInPage = async (userId: number) => pageWithSession(browser, server.url, await sessionCookie(sql, userId));

async function expectAccessible(page: Page) {
  expect(await seriousAccessibilityViolations(page), page.url()).toEqual([]);
}

/** Types into the focused field, then moves on with Tab. */
async function typeAndTab(page: Page, text: string) {
  await page.keyboard.type(text);
  await page.keyboard.press("Tab");
}

// The space also lists each kit in its table of monthly capacity: the kit's row is the one of the maker's own table.
const kitRow = (page: Page) =>
  page.getByRole("table", { name: "Kits de Tiers-lieu de la Châtaigneraie" }).getByRole("row", { name: new RegExp(kitTitle) });

const focusedValue = (page: Page) => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value);

describe("a maker", () => {
  test("registers by keyboard, asks to build a kit, is approved, then declares its coverage and capacity", async () => {
    const person = await createPerson(sql, { name: "Jeanne Couderc" });
    const { page, scriptErrors } = await signedInPage(person.id);
    await page.goto(`${server.url}/bienvenue/fabricant`);
    await page.getByRole("link", { name: "Inscrire un fabricant" }).click();
    await page.getByRole("heading", { level: 1, name: "Inscrire un fabricant" }).waitFor();
    expect(await page.title()).toBe("Inscrire un fabricant — Espace fabricant — Kits d'inclusion numérique");
    await expectAccessible(page);

    await page.getByLabel("SIRET").focus();
    await typeAndTab(page, "130 025 265 00013");
    await typeAndTab(page, "Tiers-lieu de la Châtaigneraie");
    await page.keyboard.press("ArrowDown"); // the kind: a native select, chosen with the arrows
    await expect(page.getByLabel("Type de fabricant").inputValue()).resolves.not.toBe("");
    await page.getByLabel("Type de fabricant").selectOption("third_place");
    await page.getByLabel("Rechercher la commune (nom ou code postal)").focus();
    await typeAndTab(page, "Aurillac");
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Rechercher");
    await page.keyboard.press("Enter");
    // After the search, the keyboard is on the list of communes found.
    await expect.poll(() => focusedValue(page), { timeout: 30_000 }).toBe("15014");
    await expect(page.getByLabel("Nom du fabricant").inputValue()).resolves.toBe("Tiers-lieu de la Châtaigneraie");
    await expectAccessible(page);
    await page.keyboard.press("Tab");
    await typeAndTab(page, "Jeanne Couderc");
    await typeAndTab(page, "04 71 00 00 00");
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Inscrire le fabricant");
    await page.keyboard.press("Enter");
    await page.getByText("Le fabricant « Tiers-lieu de la Châtaigneraie » est inscrit.").waitFor();
    expect(await page.title()).toBe("Espace fabricant — Kits d'inclusion numérique");
    await expectAccessible(page);

    // Asks to build the kit: checkbox with Space, button with Enter.
    await page.getByRole("checkbox", { name: kitTitle }).focus();
    await page.keyboard.press("Space");
    await page.getByRole("button", { name: "Demander à fabriquer ces kits" }).focus();
    await page.keyboard.press("Enter");
    await page.getByText("Votre demande est transmise").waitFor();
    await expect(kitRow(page).textContent()).resolves.toContain("En attente de validation");
    await expectAccessible(page);

    // The admin approves it.
    const admin = await createPerson(sql, { roles: ["admin"], totp: true });
    const { page: adminPage, scriptErrors: adminErrors } = await signedInPage(admin.id);
    await adminPage.goto(`${server.url}/admin/fabricants`);
    await adminPage.getByRole("heading", { name: `Tiers-lieu de la Châtaigneraie — ${kitTitle}` }).waitFor();
    await expectAccessible(adminPage);
    await adminPage.getByRole("button", { name: `Approuver : Tiers-lieu de la Châtaigneraie, ${kitTitle}` }).click();
    await adminPage.getByText("La demande est approuvée").waitFor();
    await adminPage.getByRole("heading", { name: "Aucune demande en attente" }).waitFor();
    await expectAccessible(adminPage);

    // Back in its space the maker declares the départements and the capacity.
    await page.reload();
    await page.getByRole("heading", { level: 3, name: kitTitle }).waitFor();
    const save = page.getByRole("button", { name: `Enregistrer la couverture et la capacité : ${kitTitle}` });
    await save.click();
    await page.getByText("Indiquez combien d'unités vous pouvez fabriquer par mois.").first().waitFor();
    await expectAccessible(page);
    await page.getByLabel("Capacité par mois (unités)").focus();
    await page.keyboard.type("12");
    for (const departement of ["15 — Cantal", "63 — Puy-de-Dôme"]) {
      await page.getByRole("checkbox", { name: departement }).focus();
      await page.keyboard.press("Space");
    }
    await expect(page.getByRole("group", { name: "Auvergne-Rhône-Alpes" }).getByRole("checkbox", { name: "15 — Cantal" }).isChecked()).resolves.toBe(
      true,
    );
    await save.focus();
    await page.keyboard.press("Enter");
    await page.getByText("Les départements livrés et la capacité par mois sont enregistrés.").waitFor();
    await expect(kitRow(page).textContent()).resolves.toContain("2 départements, 12 unités par mois");
    await expectAccessible(page);

    await page.getByRole("button", { name: `Mettre en pause : ${kitTitle}` }).click();
    await page.getByText("La fabrication de ce kit est en pause.").first().waitFor();
    await expect(kitRow(page).textContent()).resolves.toContain("en pause");
    // The one refused form (400, on purpose above) is the only thing the console reports.
    expect([...scriptErrors, ...adminErrors]).toEqual(["Failed to load resource: the server responded with a status of 400 (Bad Request)"]);
  });
});
