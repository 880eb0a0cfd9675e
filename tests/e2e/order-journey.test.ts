// The whole chain in a real browser, each person in their own space: a structure orders two kits,
// the département's instructor approves, the admin routes, the maker accepts, builds and ships in
// two parcels with their tracking numbers, the structure confirms each receipt. The three kinds of
// PDF are downloaded as each person would and read back; axe on every page; no script error.
import type postgres from "postgres";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { connect } from "../../app/infra/postgres.server";
import { launchBrowser, pageWithSession, seriousAccessibilityViolations } from "../support/browser";
import { createPerson, sessionCookie } from "../support/fixtures";
import { makerFor } from "../support/fulfilment-world";
import { ordersWorld, realKitPhotos, verifiedStructure, type OrdersWorld } from "../support/orders-world";
import { expectSays, pdfText } from "../support/pdf-text";
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

/** The PDF behind a download link of the page, fetched with the page's session, as text. */
async function pdfBehind(page: Page, link: string | RegExp) {
  const href = await page.getByRole("link", { name: link }).first().getAttribute("href");
  const response = await page.request.get(new URL(href!, server.url).toString());
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  return pdfText(await response.body());
}

describe("an order from the structure's form to its confirmed receipt", () => {
  test("structure, instructor, admin and maker each do their part in their own space", async () => {
    const structure = await verifiedStructure(sql);
    const { id: instructorId } = await createPerson(sql, { name: "Instructrice 35", roles: ["instructor"], scope: "departement:35", totp: true });
    const maker = await makerFor(sql, world, { kitIds: [world.coffret.kitId, world.jeu.kitId], departements: ["35"], unitsPerMonth: 20 });
    const [makerRow] = await sql<{ name: string; siret: string }[]>`select name, siret from makers where id = ${maker.makerId}`;
    const open = async (userId: number) => pageWithSession(browser, server.url, await sessionCookie(sql, userId));
    const structureSide = await open(structure.memberId);
    const instructorSide = await open(instructorId);
    const adminSide = await open(world.adminId);
    const makerSide = await open(maker.memberId);

    // The structure orders two coffrets and one game.
    let page = structureSide.page;
    await page.goto(`${server.url}/structure/commandes`);
    await page.getByRole("heading", { level: 1, name: "Commandes de kits" }).waitFor();
    await expectAccessible(page);
    await page.getByLabel(/^Quantité de « Coffret/).fill("2");
    await page.getByLabel(/^Quantité de « Jeu/).fill("1");
    await page.getByRole("button", { name: "Envoyer la commande" }).click();
    await page.getByText("La commande est envoyée").waitFor();
    const orderId = Number(/commandes\/(\d+)/.exec(page.url())![1]);
    await expectAccessible(page);

    // The instructor of Ille-et-Vilaine approves it from the département's queue.
    page = instructorSide.page;
    await page.goto(`${server.url}/instruction/commandes`);
    await page.getByRole("link", { name: `Commande n° ${orderId}` }).click();
    await page.getByRole("heading", { level: 1, name: `Commande n° ${orderId}` }).waitFor();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Approuver la commande" }).click();
    await page
      .getByText(/approuvée/)
      .first()
      .waitFor();
    await expectAccessible(page);

    // The admin routes the approved orders: the Rennes maker gets the share.
    page = adminSide.page;
    await page.goto(`${server.url}/admin/routage`);
    await page.getByLabel("Graine (facultatif)").fill("7");
    await page.getByRole("button", { name: "Router les commandes approuvées" }).click();
    await page
      .getByRole("link", { name: /part n° \d+ : changer de fabricant/ })
      .first()
      .waitFor();
    await expectAccessible(page);

    // The maker accepts, builds, ships the coffrets then the game.
    page = makerSide.page;
    await page.goto(`${server.url}/fabricant/commandes`);
    await page.getByRole("link", { name: `Commande n° ${orderId}` }).click();
    await page.getByRole("heading", { level: 1, name: `Commande n° ${orderId}` }).waitFor();
    await expectAccessible(page);
    const purchaseOrder = await pdfBehind(page, "Télécharger le bon de commande (PDF)");
    expectSays(purchaseOrder.text, ["Bon de commande", makerRow.name, structure.legalName, "Coffret", "462,50"]);
    expect(purchaseOrder.text.replace(/\s/g, "")).toContain(makerRow.siret);
    await page.getByRole("button", { name: "Accepter la commande" }).click();
    await page.getByText("Vous avez accepté cette commande").waitFor();
    await page.getByRole("button", { name: "Commencer la fabrication" }).click();
    await page.getByText("La commande est en fabrication").waitFor();
    await page.getByLabel("Transporteur").selectOption("colissimo");
    await page.getByLabel(/^Numéro de suivi/).fill("6A 123 456 789 01");
    await page.getByLabel(/^Unités de « Coffret/).fill("2");
    await page.getByLabel(/^Unités de « Jeu/).fill("0");
    await page.getByRole("button", { name: "Enregistrer l'expédition" }).click();
    await page.getByText("L'expédition est enregistrée").waitFor();
    await expectAccessible(page);
    await page.getByLabel("Transporteur").selectOption("chronopost");
    await page.getByLabel(/^Numéro de suivi/).fill("XY123456789FR");
    await page.getByRole("button", { name: "Enregistrer l'expédition" }).click();
    const shipments = page.getByRole("table", { name: `Expéditions de la commande n° ${orderId}` });
    await expect.poll(() => shipments.getByRole("row").count(), { timeout: 30_000 }).toBe(3);
    await expectAccessible(page);

    // The structure sees both parcels with their tracking numbers and confirms each.
    page = structureSide.page;
    await page.goto(`${server.url}/structure/commandes/${orderId}`);
    await page.getByText("6A 123 456 789 01").first().waitFor();
    await page.getByText("XY123456789FR").first().waitFor();
    await expectAccessible(page);
    const [first, second] = await sql<{ id: number }[]>`
      select s.id from shipments s join fulfilments f on f.id = s.fulfilment_id where f.order_id = ${orderId} order by s.id`;
    const deliveryNote = await pdfBehind(page, `Bon de livraison — livraison n° ${first.id}`);
    expectSays(deliveryNote.text, ["Bon de livraison", "Colissimo", "6A 123 456 789 01", structure.legalName]);
    for (const shipment of [first, second]) {
      const form = page.getByRole("form", { name: `Confirmer la réception de la livraison n° ${shipment.id}` });
      await form.getByLabel("Nom de la personne qui signe").fill("Claire Martin");
      await form.getByLabel("Sa fonction").fill("Directrice de la médiathèque");
      await form.getByRole("button", { name: "Confirmer la réception" }).click();
      await page.getByText(`La réception de la livraison n° ${shipment.id} est confirmée.`).waitFor();
    }
    await page.getByText("Livrée").first().waitFor();
    await expectAccessible(page);
    const certificate = await pdfBehind(page, `Attestation de service fait — livraison n° ${first.id}`);
    expectSays(certificate.text, ["Attestation de service fait", "Claire Martin", "Directrice de la médiathèque", "398,00"]);

    // The money followed: the order's total spent on the département, nothing left committed.
    const [allocation] = await sql<{ committedCents: number; spentCents: number }[]>`
      select committed_cents, spent_cents from allocations where campaign_id = ${world.campaign.id} and departement_code = '35'`;
    expect(allocation).toEqual({ committedCents: 0, spentCents: 46_250 });
    for (const side of [structureSide, instructorSide, adminSide, makerSide]) expect(side.scriptErrors).toEqual([]);
  });
});
