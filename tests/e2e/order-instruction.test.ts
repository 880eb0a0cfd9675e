// The instruction of orders in a real browser: an instructor ticks orders by keyboard (each
// checkbox named after its order) and approves the selection, watches the département's figures
// follow an order sent meanwhile without reloading, and rejects an order from its page; every page
// accessible (axe), no script error.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { connect } from "~/infra/postgres.server";
import { formatEuros } from "~/money/euros";
import { launchBrowser, pageWithSession, seriousAccessibilityViolations } from "../support/browser";
import { eventually } from "../support/eventually";
import { createPerson, createStructure, sessionCookie } from "../support/fixtures";
import { jeuOrder } from "../support/jeu-order";
import { ordersWorld, type OrdersWorld } from "../support/orders-world";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let browser: Browser;
let sql: ReturnType<typeof connect>;
let world: OrdersWorld;
let cookie: string;
let structure: { id: number; memberId: number; legalName: string };

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(inject("pgAdminUrl")), launchBrowser()]);
  sql = connect(server.databaseUrl, { max: 2 });
  world = await ordersWorld(sql);
  cookie = await sessionCookie(sql, (await createPerson(sql, { roles: ["instructor"], scope: "departement:35", totp: true })).id);
  structure = await createStructure(sql, { communeCode: "35238", status: "verified", legalName: "Médiathèque des Champs Libres" });
});

afterAll(async () => {
  await sql?.end();
  await browser?.close();
  await server?.stop();
});

const submit = (quantity: number) => jeuOrder(sql, world, structure, quantity);

async function expectAccessible(page: Page) {
  expect(await seriousAccessibilityViolations(page), page.url()).toEqual([]);
}

/** The allocation's figures as the page shows them, by column. */
async function figures(page: Page) {
  const cells = await page.getByRole("table", { name: "Enveloppe du département 35 — Ille-et-Vilaine" }).locator("tbody td").allTextContents();
  return { reserved: cells[1], committed: cells[2] };
}

/** Presses Tab until the focused element's accessible name (aria or label) is `name`. */
async function tabTo(page: Page, name: string) {
  for (let presses = 0; presses < 200; presses++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLInputElement | null;
      return element?.labels?.[0]?.textContent?.trim() ?? element?.textContent?.trim() ?? null;
    });
    if (focused === name) return;
  }
  throw new Error(`« ${name} » never received focus by Tab`);
}

describe("the order instruction screens", () => {
  test("tick two orders by keyboard and approve them; the figures follow an order sent meanwhile; reject one from its page", async () => {
    const [first, second, third] = [await submit(1), await submit(2), await submit(3)];
    const { page, scriptErrors } = await pageWithSession(browser, server.url, cookie, { refusedForms: true });
    await page.goto(`${server.url}/instruction`);
    await page.getByRole("link", { name: "Les commandes à instruire" }).click();
    await page.getByRole("heading", { level: 1, name: "Commandes à instruire" }).waitFor();
    await expectAccessible(page);
    const before = await figures(page);
    expect(before.reserved).toBe(formatEuros(6 * world.jeu.unitPriceCents));

    const label = (orderId: number) => `Sélectionner la commande n° ${orderId} de Médiathèque des Champs Libres`;
    for (const orderId of [first, second, third]) await expect(page.getByRole("checkbox", { name: label(orderId) }).count()).resolves.toBe(1);
    for (const orderId of [first, second]) {
      await tabTo(page, label(orderId));
      await page.keyboard.press("Space");
    }
    await tabTo(page, "Approuver la sélection");
    await page.keyboard.press("Enter");
    await page.getByText("2 commandes approuvées.").waitFor();
    await expectAccessible(page);
    expect(await figures(page)).toEqual({
      reserved: formatEuros(3 * world.jeu.unitPriceCents),
      committed: formatEuros(3 * world.jeu.unitPriceCents),
    });

    // An order sent while the page is open: the figures and the list follow, without reloading.
    const fourth = await submit(4);
    await eventually(
      "les chiffres du département suivent la nouvelle commande",
      () => figures(page),
      (shown) => shown.reserved === formatEuros(7 * world.jeu.unitPriceCents),
      45_000,
    );
    await page.getByRole("link", { name: `Commande n° ${fourth}` }).waitFor();

    await page.getByRole("link", { name: `Commande n° ${third}` }).click();
    await page.getByRole("heading", { level: 1, name: `Commande n° ${third}` }).waitFor();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Refuser la commande" }).click();
    await page.getByRole("heading", { name: "Le formulaire contient des erreurs" }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-error-summary"))).toBe(true);
    await expectAccessible(page);
    await page.getByLabel("Raison du refus").fill("La structure a déjà reçu ce kit en 2025.");
    await page.getByRole("button", { name: "Refuser la commande" }).click();
    await page.getByText(`La commande n° ${third} est refusée`).waitFor();
    expect(await figures(page)).toMatchObject({ reserved: formatEuros(4 * world.jeu.unitPriceCents) });
    await expectAccessible(page);
    expect(scriptErrors).toEqual([]);
  });

  test("the admin filters the national queue through its address (a GET form) and opens an order", async () => {
    const orderId = await submit(1);
    const adminCookie = await sessionCookie(sql, (await createPerson(sql, { roles: ["admin"], totp: true })).id);
    const { page, scriptErrors } = await pageWithSession(browser, server.url, adminCookie);
    await page.goto(`${server.url}/admin`);
    await page.getByRole("link", { name: "Commandes", exact: true }).first().click();
    await page.getByRole("heading", { level: 1, name: "Commandes" }).waitFor();
    await page.getByRole("heading", { name: "Enveloppe nationale (101 départements)" }).waitFor();
    await expectAccessible(page);
    await page.getByLabel("Département", { exact: true }).selectOption("35");
    await page.getByLabel("Type de structure", { exact: true }).selectOption("library");
    await page.getByRole("searchbox", { name: "Rechercher Raison sociale, SIRET ou numéro de commande" }).fill("champs libres");
    await page.getByRole("button", { name: "Filtrer" }).click();
    await page.getByRole("heading", { name: "Enveloppe du département 35 — Ille-et-Vilaine" }).waitFor();
    expect(new URL(page.url()).searchParams.get("recherche")).toBe("champs libres");
    await expectAccessible(page);
    await page.getByRole("link", { name: `Commande n° ${orderId}` }).click();
    await page.getByRole("heading", { level: 1, name: `Commande n° ${orderId}` }).waitFor();
    expect(await page.title()).toBe(`Commande n° ${orderId} — Commandes — Administration — Kits d'inclusion numérique`);
    await expectAccessible(page);
    expect(scriptErrors).toEqual([]);
  });
});
