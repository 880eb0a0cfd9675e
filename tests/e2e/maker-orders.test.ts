// A maker's orders in a real browser: the list, a share accepted, put in production and shipped in
// two parts by keyboard, a wrong tracking number sending focus to the error summary; the maker's
// space with its monthly capacity. Every page accessible (axe), no script error.
import type postgres from "postgres";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { issueOrderDocument } from "../../app/documents/order-documents.server";
import { connect } from "../../app/infra/postgres.server";
import { launchBrowser, pageWithSession, seriousAccessibilityViolations } from "../support/browser";
import { sessionCookie } from "../support/fixtures";
import { approvedOrder, makerFor, shareOf } from "../support/fulfilment-world";
import { ordersWorld } from "../support/orders-world";
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

async function expectAccessible(page: Page) {
  expect(await seriousAccessibilityViolations(page), page.url()).toEqual([]);
}

/** Whether the focused element is the error summary and lies within the viewport. */
function focusOnSummaryInView(page: Page) {
  return page.evaluate(() => {
    const focused = document.activeElement;
    if (!(focused instanceof HTMLElement) || !focused.hasAttribute("data-error-summary")) return false;
    const top = Math.round(focused.getBoundingClientRect().top);
    return top >= 0 && top < window.innerHeight;
  });
}

/** Focuses the button and presses Enter, as a keyboard user would after tabbing to it. */
async function pressButton(page: Page, name: string) {
  await page.getByRole("button", { name, exact: true }).focus();
  await page.keyboard.press("Enter");
}

describe("a maker's orders", () => {
  test("accepts a share, builds it, ships it in two parts by keyboard; errors go to the summary; every page accessible", async () => {
    const world = await ordersWorld(sql);
    const maker = await makerFor(sql, world, { kitIds: [world.coffret.kitId, world.jeu.kitId], departements: ["35"], unitsPerMonth: 40 });
    const order = await approvedOrder(sql, world, [
      { kitId: world.coffret.kitId, quantity: 3 },
      { kitId: world.jeu.kitId, quantity: 2 },
    ]);
    const { fulfilmentId } = await shareOf(sql, order, maker, "routed");
    await issueOrderDocument({ kind: "purchase_order", fulfilmentId }, new Date(), sql);
    const { page, scriptErrors } = await pageWithSession(browser, server.url, await sessionCookie(sql, maker.memberId), { refusedForms: true });
    await page.setViewportSize({ width: 1024, height: 700 });

    await page.goto(`${server.url}/fabricant`);
    await page.getByRole("heading", { level: 2, name: "Commandes et capacité" }).waitFor();
    await expect(page.getByRole("table", { name: "Unités attribuées par mois, sur la capacité du mois" }).textContent()).resolves.toContain(
      "3 sur 40",
    );
    await expectAccessible(page);
    await page.getByRole("link", { name: "Voir les commandes à fabriquer" }).click();

    await page.getByRole("heading", { level: 1, name: "Commandes à fabriquer" }).waitFor();
    expect(await page.title()).toBe("Commandes — Espace fabricant — Kits d'inclusion numérique");
    await page.getByRole("heading", { level: 2, name: "À accepter (1)" }).waitFor();
    await expectAccessible(page);
    await page.getByRole("link", { name: `Commande n° ${order.orderId}` }).click();

    await page.getByRole("heading", { level: 1, name: `Commande n° ${order.orderId}` }).waitFor();
    expect(await page.title()).toBe(`Commande n° ${order.orderId} — Espace fabricant — Kits d'inclusion numérique`);
    await expectAccessible(page);
    // A refusal without its reason: the summary takes focus.
    await pressButton(page, "Refuser la commande");
    await expect.poll(() => focusOnSummaryInView(page), { timeout: 15_000 }).toBe(true);
    await expectAccessible(page);
    await pressButton(page, "Accepter la commande");
    await page.getByText("Vous avez accepté cette commande").waitFor();
    await expectAccessible(page);
    await pressButton(page, "Commencer la fabrication");
    await page.getByText("La commande est en fabrication").waitFor();
    await expectAccessible(page);

    // The shipment form: defaults are what remains; a UPS number given for Colissimo is refused.
    await expect(
      page
        .getByLabel(/^Unités de « /)
        .first()
        .inputValue(),
    ).resolves.toBe("3");
    await page.getByLabel("Transporteur").selectOption("colissimo");
    await page.getByLabel(/^Numéro de suivi/).fill("1Z999AA10123456784");
    await page
      .getByLabel(/^Unités de « /)
      .last()
      .fill("0");
    await pressButton(page, "Enregistrer l'expédition");
    await expect.poll(() => focusOnSummaryInView(page), { timeout: 15_000 }).toBe(true);
    await expect(page.locator("[data-error-summary]").textContent()).resolves.toContain(
      "Numéro de suivi : Ce numéro ne ressemble pas à un numéro de suivi Colissimo",
    );
    await expectAccessible(page);
    // The link of the summary leads to the field.
    await page.locator("[data-error-summary] a").first().focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("champ-trackingNumber");
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type("6A 123 456 789 01");
    await pressButton(page, "Enregistrer l'expédition");
    await page.getByText("L'expédition est enregistrée").waitFor();
    await page.getByRole("heading", { level: 2, name: "Expéditions" }).waitFor();
    await expect(
      page
        .getByLabel(/^Unités de « /)
        .last()
        .inputValue(),
    ).resolves.toBe("2");
    await expectAccessible(page);

    await page.getByLabel("Transporteur").selectOption("hand_delivery");
    await pressButton(page, "Enregistrer l'expédition");
    // The notice is the same as after the first shipment: the second one shows in the table.
    const shipments = page.getByRole("table", { name: `Expéditions de la commande n° ${order.orderId}` });
    await expect.poll(() => shipments.getByRole("row").count(), { timeout: 15_000 }).toBe(3);
    await expect(page.getByRole("heading", { level: 2, name: "Expédier" }).count()).resolves.toBe(0);
    await expect(shipments.textContent()).resolves.toContain("Remise en main propre");
    await expect(shipments.getByRole("link", { name: /Bon de livraison/ }).count()).resolves.toBe(2);
    await expectAccessible(page);
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  });
});
