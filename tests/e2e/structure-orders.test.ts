// A structure orders two kits from /structure/commandes in a real browser, follows the order, confirms
// the receipt of its shipment, and cancels another order after its confirmation step. Every page
// accessible (axe), no script error.
import type postgres from "postgres";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { connect } from "../../app/infra/postgres.server";
import { approveOrder } from "../../app/orders/orders.server";
import { launchBrowser, pageWithSession, seriousAccessibilityViolations } from "../support/browser";
import { sessionCookie } from "../support/fixtures";
import { makerFor, shareOf } from "../support/fulfilment-world";
import { ordersWorld, realKitPhotos, verifiedStructure, type OrdersWorld } from "../support/orders-world";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let browser: Browser;
let sql: postgres.Sql;
let world: OrdersWorld;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(inject("pgAdminUrl")), launchBrowser()]);
  sql = connect(server.databaseUrl, { max: 2 });
  world = await ordersWorld(sql, { addFiles: realKitPhotos(sql, `${server.dataDir}/blobs`) });
});
afterAll(async () => {
  await sql?.end();
  await browser?.close();
  await server?.stop();
});

async function expectAccessible(page: Page) {
  expect(await seriousAccessibilityViolations(page), page.url()).toEqual([]);
}

describe("a structure's orders", () => {
  test("orders two kits, follows the order, confirms the receipt of its shipment; cancels another after confirming", async () => {
    const structure = await verifiedStructure(sql);
    const { page, scriptErrors } = await pageWithSession(browser, server.url, await sessionCookie(sql, structure.memberId), { refusedForms: true });
    await page.goto(`${server.url}/structure`);
    await page.getByRole("link", { name: "Commandes de la structure" }).click();
    await page.getByRole("heading", { level: 1, name: "Commandes de kits" }).waitFor();
    expect(await page.title()).toBe(`Commandes de ${structure.legalName} — Espace structure — Kits d'inclusion numérique`);
    await expectAccessible(page);

    // A quantity that is not a whole number: the summary names the field, focus goes to it.
    await page.getByLabel(/^Quantité de « Coffret/).fill("1,5");
    await page.getByRole("button", { name: "Envoyer la commande" }).click();
    await page.getByRole("heading", { name: "Le formulaire contient des erreurs" }).waitFor();
    await expect(page.getByRole("link", { name: /Quantité de « Coffret .* : La quantité est un nombre entier de kits/ }).count()).resolves.toBe(1);
    await expectAccessible(page);

    await page.getByLabel(/^Quantité de « Coffret/).fill("2");
    await page.getByLabel(/^Quantité de « Jeu/).fill("1");
    await page.getByRole("button", { name: "Envoyer la commande" }).click();
    await page.getByText("La commande est envoyée").waitFor();
    await page.getByRole("heading", { level: 1, name: /^Commande n° \d+$/ }).waitFor();
    const orderId = Number(/commandes\/(\d+)/.exec(page.url())![1]);
    await expect(page.getByRole("cell", { name: /^462,50\s€$/ }).count()).resolves.toBe(1);
    await expectAccessible(page);

    // Approved, routed and shipped in one parcel (their own screens have their own tests).
    await approveOrder({ orderId, actorId: world.adminId, now: new Date() }, sql);
    const maker = await makerFor(sql, world, { kitIds: [world.coffret.kitId, world.jeu.kitId], departements: ["35"] });
    const { shipmentId } = await shareOf(
      sql,
      { orderId, structureId: structure.id, memberId: structure.memberId, departementCode: "35" },
      maker,
      "shipped",
    );
    await page.reload();
    await page.getByRole("heading", { name: `Confirmer la réception de la livraison n° ${shipmentId}` }).waitFor();
    await expectAccessible(page);
    await page.getByLabel("Nom de la personne qui signe").fill("Claire Martin");
    await page.getByLabel("Sa fonction").fill("Directrice de la médiathèque");
    await page.getByRole("button", { name: "Confirmer la réception" }).click();
    await page.getByText(`La réception de la livraison n° ${shipmentId} est confirmée.`).waitFor();
    await page.getByRole("link", { name: /Attestation de service fait — livraison n° \d+/ }).waitFor();
    await expectAccessible(page);

    await page.getByRole("link", { name: `Commandes de ${structure.legalName}` }).click();
    await page.getByRole("link", { name: `Commande n° ${orderId}` }).waitFor();
    await page.getByLabel(/^Quantité de « Jeu/).fill("3");
    await page.getByRole("button", { name: "Envoyer la commande" }).click();
    await page.getByText("La commande est envoyée").waitFor();
    await page.getByRole("link", { name: "Annuler la commande…" }).click();
    await page.getByRole("heading", { name: /^Annuler la commande n° \d+ \?$/ }).waitFor();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Oui, annuler la commande" }).click();
    await page.getByText("La commande est annulée").waitFor();
    await expect(page.getByText("Annulée").first().isVisible()).resolves.toBe(true);
    await expectAccessible(page);
    expect(scriptErrors).toEqual([]);
  });
});
