// The catalogue in a real browser: an admin adds laureates and sets a price (with a mistake first);
// a visitor filters the public catalogue and opens a kit by keyboard alone, and with scripts off
// the filters still work. Every page accessible (axe), no script error.
import type postgres from "postgres";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { setOffer } from "../../app/catalogue/kits.server";
import { fsBlobStore } from "../../app/infra/blobs/fs-blob-store.server";
import { connect } from "../../app/infra/postgres.server";
import { launchBrowser, seriousAccessibilityViolations, watchScriptErrors } from "../support/browser";
import { laureatesWorld, openCampaign, type LaureatesWorld } from "../support/catalogue-world";
import { createPerson, processedFile, sessionCookie } from "../support/fixtures";
import { noisyJpeg } from "../support/media-fixtures";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let browser: Browser;
let sql: postgres.Sql;
let cookie: string;
let world: LaureatesWorld;
let campaignId: number;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(inject("pgAdminUrl")), launchBrowser()]);
  sql = connect(server.databaseUrl, { max: 2 });
  const store = fsBlobStore(`${server.dataDir}/blobs`);
  world = await laureatesWorld(sql, {
    addFiles: async (proposalId, ownerId) =>
      processedFile(sql, store, { proposalId, ownerId, kind: "photo", filename: "kit.jpg", bytes: await noisyJpeg(400, 300) }),
  });
  campaignId = (await openCampaign(sql, "Distribution 2026")).id;
  cookie = await sessionCookie(sql, (await createPerson(sql, { roles: ["admin"], totp: true })).id);
});
afterAll(async () => {
  await sql?.end();
  await browser?.close();
  await server?.stop();
});

async function newPage(options: { signedIn?: boolean; javaScriptEnabled?: boolean } = {}): Promise<{ page: Page; scriptErrors: string[] }> {
  const context = await browser.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true });
  if (options.signedIn) {
    const [name, value] = cookie.split("=");
    await context.addCookies([{ name, value, url: server.url }]);
  }
  const page = await context.newPage();
  return { page, scriptErrors: watchScriptErrors(page, { refusedForms: true }) };
}

async function expectAccessible(page: Page) {
  expect(await seriousAccessibilityViolations(page), page.url()).toEqual([]);
}

/** Presses Tab until the focused element is the one described (its tag and accessible text). */
async function tabUntil(page: Page, what: string, matches: (tag: string, text: string) => boolean) {
  for (let presses = 0; presses < 80; presses++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const element = document.activeElement;
      return element ? { tag: element.tagName.toLowerCase(), text: (element.textContent ?? "").trim() } : null;
    });
    if (focused && matches(focused.tag, focused.text)) return;
  }
  throw new Error(`${what} never received focus by Tab`);
}

describe("the catalogue", () => {
  test("an admin adds the laureates and sets the coffret's price, after a mistake", async () => {
    const { page, scriptErrors } = await newPage({ signedIn: true });
    await page.goto(`${server.url}/admin/catalogue`);
    await expectAccessible(page);
    for (const title of [world.coffret.title, world.jeu.title]) {
      await page.getByRole("button", { name: `Ajouter au catalogue : ${title}` }).click();
      await page.getByText("Le kit est au catalogue").waitFor();
    }
    await expectAccessible(page);

    await page.getByRole("link", { name: `Fixer l'offre : ${world.coffret.title}` }).click();
    await page.getByRole("heading", { name: `Offre — ${world.coffret.title}` }).waitFor();
    await expectAccessible(page);
    await page.getByLabel("Prix unitaire (€)").fill("deux cents");
    await page.getByRole("button", { name: "Enregistrer l'offre" }).click();
    await page.locator("[data-error-summary]").getByText("Le montant doit être un nombre en euros").waitFor();
    await expectAccessible(page);
    await page.getByLabel("Prix unitaire (€)").fill("205,50");
    await page.getByLabel("Délai de fabrication (jours)").fill("14");
    await page.getByRole("button", { name: "Enregistrer l'offre" }).click();
    await page.getByText("L'offre du kit dans la campagne est enregistrée.").waitFor();
    await page.getByText(/Commandable — 205,50\s€, 14 jours/).waitFor();
    await expectAccessible(page);
    expect(scriptErrors).toEqual([]);
  });

  test("a visitor filters by theme and opens a kit, by keyboard alone", async () => {
    // The jeu is offered too, so that filtering has something to leave out.
    const [{ id: kitId }] = await sql<{ id: number }[]>`select id from catalogue_kits where proposal_id = ${world.jeu.id}`;
    await setOffer({ campaignId, kitId, unitPriceCents: 6_450, leadTimeDays: 10, orderable: true, actorId: world.adminId, now: new Date() }, sql);

    const { page, scriptErrors } = await newPage();
    await page.goto(`${server.url}/`);
    await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Le catalogue" }).click();
    await page.getByRole("heading", { level: 1, name: "Le catalogue des kits" }).waitFor();
    await expect.poll(async () => page.locator(".fr-card").count(), { timeout: 30_000 }).toBe(2);
    await expectAccessible(page);

    await tabUntil(page, "the theme filter", (tag) => tag === "select");
    await page.keyboard.type("Achats");
    await expect(page.getByLabel("Thème").inputValue()).resolves.toBe("Achats en ligne");
    await tabUntil(page, "the filter button", (tag, text) => tag === "button" && text === "Filtrer");
    await page.keyboard.press("Enter");
    await page.waitForURL(/theme=Achats/);
    await page.getByText("1 kit correspondant aux filtres").waitFor();
    await expect(page.getByRole("link", { name: world.coffret.title }).count()).resolves.toBe(0);
    await expectAccessible(page);

    await tabUntil(page, "the jeu's link", (tag, text) => tag === "a" && text === world.jeu.title);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: world.jeu.title }).waitFor();
    await page.getByText("Où le fabriquer").waitFor();
    await expect(page.getByRole("img", { name: "Le kit ouvert sur une table." }).count()).resolves.toBe(1);
    await expectAccessible(page);
    expect(await page.title()).toBe(`${world.jeu.title} — Le catalogue des kits — Kits d'inclusion numérique`);
    expect(scriptErrors).toEqual([]);
  });

  test("with scripts off, the filters still work", async () => {
    const { page } = await newPage({ javaScriptEnabled: false });
    await page.goto(`${server.url}/catalogue`);
    await page.getByLabel("Public").selectOption("Personnes âgées");
    await page.getByRole("button", { name: "Filtrer" }).click();
    await page.waitForURL(/public=Personnes/);
    await page.getByRole("link", { name: world.coffret.title }).waitFor();
    await expect(page.getByRole("link", { name: world.jeu.title }).count()).resolves.toBe(0);
    await expect.poll(() => page.getByText(/Prix unitaire : 205,50\s€/).count()).toBe(1);
  });
});
