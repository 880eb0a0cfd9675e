// Feedback on use in a real browser: a structure's member answers the questionnaire (an error
// first, then by the radio group, the field, a checkbox and a comment), the admin publishes it,
// the catalogue and the designer show it; the designer approves a maker of their kit. Every page
// accessible (axe), no script error.
import type postgres from "postgres";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { connect } from "../../app/infra/postgres.server";
import { registerMaker, requestKits } from "../../app/makers/makers.server";
import { launchBrowser, pageWithSession, seriousAccessibilityViolations } from "../support/browser";
import { createPerson, sessionCookie, validSiret } from "../support/fixtures";
import { approvedOrder, makerFor, shareOf } from "../support/fulfilment-world";
import { ordersWorld, type OrdersWorld } from "../support/orders-world";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let browser: Browser;
let sql: postgres.Sql;
let world: OrdersWorld;
let memberId: number;
let feedbackId: number;
let designerId: number;
let kitSlug: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(inject("pgAdminUrl")), launchBrowser()]);
  sql = connect(server.databaseUrl, { max: 2 });
  world = await ordersWorld(sql);
  const maker = await makerFor(sql, world, { kitIds: [world.coffret.kitId], departements: ["35", "22"] });
  const order = await approvedOrder(sql, world, [{ kitId: world.coffret.kitId, quantity: 1 }]);
  await shareOf(sql, order, maker, "delivered");
  memberId = order.memberId;
  [{ id: feedbackId }] = await sql<{ id: number }[]>`
    insert into kit_feedback (order_id, kit_id, ask_after, asked_at) values (${order.orderId}, ${world.coffret.kitId}, now(), now()) returning id`;
  [{ ownerId: designerId, slug: kitSlug }] = await sql<{ ownerId: number; slug: string }[]>`
    select p.owner_id, k.slug from catalogue_kits k join proposals p on p.id = k.proposal_id where k.id = ${world.coffret.kitId}`;
  const person = await createPerson(sql, { roles: [] });
  const makerId = await registerMaker(
    {
      siret: validSiret(),
      name: "Fablab de Lannion",
      kind: "fablab",
      commune: "22113",
      contactName: "Loïc",
      contactPhone: "0296000000",
      actorId: person.id,
      now: world.now,
    },
    sql,
  );
  await requestKits({ makerId, userId: person.id, kitIds: [world.coffret.kitId], now: world.now }, sql);
});
afterAll(async () => {
  await sql?.end();
  await browser?.close();
  await server?.stop();
});

// Some forms are sent wrong on purpose: their 400 answer is no error.
const signedInPage = async (userId: number) => pageWithSession(browser, server.url, await sessionCookie(sql, userId), { refusedForms: true });

async function expectAccessible(page: Page) {
  expect(await seriousAccessibilityViolations(page), page.url()).toEqual([]);
}

describe("feedback on use", () => {
  test("a member answers, the admin publishes, the catalogue and the designer show it", async () => {
    const { page, scriptErrors } = await signedInPage(memberId);
    await page.goto(`${server.url}/structure/retours/${feedbackId}`);
    await page.getByRole("heading", { level: 1, name: /Votre retour sur le kit « Coffret/ }).waitFor();
    expect(await page.title()).toMatch(/^Votre retour sur le kit « Coffret .* » — Espace structure — Kits d'inclusion numérique$/);
    await expectAccessible(page);

    // Sent without a rating: the errors, by field, in the summary.
    await page.getByLabel("Nombre de personnes accompagnées avec le kit").fill("beaucoup");
    await page.getByRole("button", { name: "Envoyer mon retour" }).click();
    await page.getByText("Le formulaire contient des erreurs").waitFor();
    await expect(page.getByRole("link", { name: "Note : Choisissez une note de 1 à 5." }).count()).resolves.toBe(1);
    await expectAccessible(page);

    const rating = page.getByRole("group", { name: /Dans l'ensemble, quelle note donnez-vous au kit/ });
    // DSFR draws its own radio buttons and checkboxes: a person clicks their labels.
    await rating.locator("label", { hasText: /^4 sur 5/ }).click();
    await page.getByLabel("Nombre de personnes accompagnées avec le kit").fill("28");
    await page.getByText("Réseaux sociaux", { exact: true }).click();
    await page.getByLabel("Commentaire (facultatif)").fill("Parfait pour nos ateliers du jeudi.");
    await page.getByRole("button", { name: "Envoyer mon retour" }).click();
    await page.getByText("Merci ! Votre retour est enregistré").waitFor();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Vos retours sur les kits reçus" }).click();
    await page.getByRole("heading", { level: 1, name: "Vos retours sur les kits reçus" }).waitFor();
    await expect(page.getByRole("cell", { name: /^Donnée le/ }).count()).resolves.toBe(1);
    await expectAccessible(page);
    expect(scriptErrors).toEqual([]);

    const admin = await createPerson(sql, { roles: ["admin"], totp: true });
    const adminPage = await signedInPage(admin.id);
    await adminPage.page.goto(`${server.url}/admin/retours`);
    await adminPage.page.getByRole("heading", { level: 1, name: "Retours d'usage" }).waitFor();
    await expectAccessible(adminPage.page);
    await adminPage.page.getByRole("button", { name: /^Publier : retour de/ }).click();
    await adminPage.page.getByText("Le retour est publié").waitFor();
    await expectAccessible(adminPage.page);
    expect(adminPage.scriptErrors).toEqual([]);

    const visitor = await browser.newPage();
    await visitor.goto(`${server.url}/catalogue/${kitSlug}`);
    await visitor.getByRole("heading", { level: 2, name: "Où le fabriquer" }).waitFor();
    await expect(visitor.getByRole("listitem").filter({ hasText: "Côtes-d'Armor (22) — 1 fabricant" }).count()).resolves.toBe(1);
    await expect(visitor.getByText("Parfait pour nos ateliers du jeudi.").count()).resolves.toBe(1);
    await expectAccessible(visitor);
    await visitor.goto(`${server.url}/catalogue`);
    await visitor.getByLabel("Fabriqué dans le département").selectOption("22");
    await visitor.getByRole("button", { name: "Filtrer" }).click();
    await visitor.getByText("1 kit correspondant aux filtres").waitFor();
    await expectAccessible(visitor);
    await visitor.close();

    const designer = await signedInPage(designerId);
    await designer.page.goto(`${server.url}/candidat/retours`);
    await designer.page.getByRole("heading", { level: 1, name: "Les retours sur mes kits" }).waitFor();
    await expect(designer.page.getByText("Parfait pour nos ateliers du jeudi.").count()).resolves.toBe(1);
    await expectAccessible(designer.page);
    expect(designer.scriptErrors).toEqual([]);
  });

  test("the designer reaches the makers' requests from their space and approves one", async () => {
    const { page, scriptErrors } = await signedInPage(designerId);
    await page.goto(`${server.url}/candidat`);
    await page.getByRole("link", { name: "Les fabricants qui demandent à fabriquer mes kits" }).click();
    await page.getByRole("heading", { level: 1, name: "Les fabricants de mes kits" }).waitFor();
    expect(await page.title()).toBe("Les fabricants de mes kits — Espace candidat — Kits d'inclusion numérique");
    await expectAccessible(page);
    await page.getByRole("button", { name: /^Refuser : Fablab de Lannion/ }).click();
    await page.getByText("Indiquez la raison du refus").first().waitFor();
    await expectAccessible(page);
    await page.getByRole("button", { name: /^Approuver : Fablab de Lannion/ }).click();
    await page.getByText("La demande est approuvée").waitFor();
    await page.getByText("Aucune demande en attente").waitFor();
    await expectAccessible(page);
    expect(scriptErrors).toEqual([]);
  });
});
