// The structure's orders over HTTP against the built portal: the ordering page and its form
// (idempotent: the same form sent ten times is one order), the order's page with its timeline,
// the receipt of a shipment, its documents, and the cancellation; hostile input a 4xx that
// changes nothing, and anyone outside the ordering structure told the order does not exist.
import { beforeAll, describe, expect, test } from "vitest";
import { toParisLocal } from "~/infra/paris-time";
import { formatEuros } from "~/money/euros";
import { approveOrder } from "~/orders/orders.server";
import { createPerson, createStructure, sessionCookie } from "../../support/fixtures";
import { makerFor, shareOf, type TestMaker } from "../../support/fulfilment-world";
import { ordersWorld, verifiedStructure, type OrdersWorld } from "../../support/orders-world";
import { portalForThisFile } from "../../support/portal";
import { textOf } from "../accounts/http-client";

const portal = portalForThisFile();
type Who = { cookie: string };
let world: OrdersWorld;
let structure: { id: number; memberId: number; legalName: string };
let member: Who;
let maker: TestMaker & { cookie: string };
let stranger: Who;
let instructor: Who;

beforeAll(async () => {
  const { sql } = portal;
  world = await ordersWorld(sql);
  structure = await verifiedStructure(sql);
  member = { cookie: await sessionCookie(sql, structure.memberId) };
  const made = await makerFor(sql, world, { kitIds: [world.coffret.kitId, world.jeu.kitId], departements: ["35"] });
  maker = { ...made, cookie: await sessionCookie(sql, made.memberId) };
  const other = await verifiedStructure(sql);
  stranger = { cookie: await sessionCookie(sql, other.memberId) };
  const person = await createPerson(sql, { roles: ["instructor"], scope: "departement:35", totp: true });
  instructor = { cookie: await sessionCookie(sql, person.id) };
});

const get = (who: Who, path: string) => fetch(`${portal.server.url}${path}`, { redirect: "manual", headers: { Cookie: who.cookie } });
function post(who: Who, path: string, body: [string, string][] | string, contentType = "application/x-www-form-urlencoded") {
  return fetch(`${portal.server.url}${path}`, {
    method: "POST",
    body: typeof body === "string" ? body : new URLSearchParams(body),
    redirect: "manual",
    headers: { Origin: portal.server.url, "Content-Type": contentType, Cookie: who.cookie },
  });
}

/** The ordering form as the page gives it: its key, and a quantity for each kit (blank unless told). */
async function orderForm(who: Who, quantities: { coffret?: string; jeu?: string }, structureId = structure.id): Promise<[string, string][]> {
  const html = await (await get(who, `/structure/commandes?structure=${structureId}`)).text();
  const key = /name="idempotencyKey" value="([^"]+)"/.exec(html)![1];
  return [
    ["structureId", String(structureId)],
    ["idempotencyKey", key],
    ["kitId", String(world.coffret.kitId)],
    ["quantity", quantities.coffret ?? ""],
    ["kitId", String(world.jeu.kitId)],
    ["quantity", quantities.jeu ?? ""],
  ];
}

/** Everything the structure's routes can change: a refusal must leave it as it was. */
const snapshot = async () =>
  (
    await portal.sql`
      select (select coalesce(string_agg(id || status, ',' order by id), '') from orders) as orders,
             (select count(*)::int from order_lines) as lines, (select count(*)::int from ledger_entries) as entries,
             (select coalesce(string_agg(id || status, ',' order by id), '') from fulfilments) as shares,
             (select count(*)::int from shipment_receipts) as receipts, (select count(*)::int from order_documents) as documents,
             (select sum(reserved_cents)::text || '/' || sum(committed_cents)::text || '/' || sum(spent_cents)::text from allocations) as counters,
             (select coalesce(sum(used_cents), 0)::text from structure_campaign_usage) as usage`
  )[0];

describe("ordering from /structure/commandes", () => {
  test("the page shows the allowance left, the département's envelope and each kit with its price, lead time and quantity field", async () => {
    const response = await get(member, "/structure/commandes");
    expect(response.status).toBe(200);
    const text = await textOf(response);
    expect(text).toContain("Ce que votre structure peut encore commander");
    expect(text).toContain("2 000,00 € sur un plafond de 2 000,00 €, 20 kits sur 20 kits");
    const [left] = await portal.sql<{ cents: number }[]>`
      select cap_cents - reserved_cents - committed_cents - spent_cents as cents from allocations
      where campaign_id = ${world.campaign.id} and departement_code = '35'`;
    expect(text).toContain(
      `L'enveloppe du département 35, partagée entre ses structures, dispose encore de ${formatEuros(left.cents)}.`.replace(/\s/g, " "),
    );
    expect(text).toContain("199,00 € l'unité — fabriqué en 15 jours");
    expect(text).toContain("64,50 € l'unité — fabriqué en 15 jours");
    expect(text).toContain("Aucune commande pour l'instant.");
  });

  test("a member of two structures sees the first one's orders, chooses the other with ?structure=, and no one else's", async () => {
    const first = await verifiedStructure(portal.sql);
    const second = await createStructure(portal.sql, { status: "verified", memberId: first.memberId });
    const who = { cookie: await sessionCookie(portal.sql, first.memberId) };
    const byDefault = await textOf(await get(who, "/structure/commandes"));
    expect(byDefault).toContain(`Commandes de ${first.legalName} — Espace structure`);
    expect(byDefault).toContain("Vous êtes membre de plusieurs structures.");
    const chosen = await (await get(who, `/structure/commandes?structure=${second.id}`)).text();
    expect(chosen).toContain(`<title>Commandes de ${second.legalName} — Espace structure`);
    expect(chosen).toContain(`name="structureId" value="${second.id}"`);
    expect((await get(who, `/structure/commandes?structure=${structure.id}`)).status).toBe(404);
  });

  test("the same form sent ten times, one after the other and at once, is one order, and each sending gets the same answer", async () => {
    const before = await snapshot();
    const form = await orderForm(member, { coffret: "2", jeu: "3" });
    const first = await post(member, "/structure/commandes", form);
    expect(first.status).toBe(302);
    const location = first.headers.get("Location")!;
    expect(location).toMatch(/^\/structure\/commandes\/\d+\?fait=envoyee$/);
    const replays = [];
    for (let i = 0; i < 4; i++) replays.push(await post(member, "/structure/commandes", form));
    replays.push(...(await Promise.all(Array.from({ length: 5 }, () => post(member, "/structure/commandes", form)))));
    expect(replays.map((response) => [response.status, response.headers.get("Location")])).toEqual(Array(9).fill([302, location]));
    const orders = await portal.sql<{ id: number; totalCents: number }[]>`select id, total_cents from orders where structure_id = ${structure.id}`;
    expect(orders).toHaveLength(1);
    expect(orders[0].totalCents).toBe(2 * 19_900 + 3 * 6_450);
    expect(location).toContain(`/structure/commandes/${orders[0].id}?`);
    expect(await portal.sql`select count(*)::int as count from ledger_entries where order_id = ${orders[0].id}`).toEqual([{ count: 1 }]);
    expect((await snapshot()).lines).toBe(before.lines + 2);

    const page = await textOf(await get(member, location));
    expect(page).toContain(`Commande n° ${orders[0].id}`);
    expect(page).toContain("La commande est envoyée");
    expect(page).toMatch(/Commande envoyée \(591,50 €\)/);
    const list = await textOf(await get(member, "/structure/commandes"));
    expect(list).toContain(`Commande n° ${orders[0].id}`);
    expect(list).toContain("Envoyée");
  });

  test("quantities of zero, negative, fractional, huge or not a number: a 400 naming each field, what was typed kept, nothing written", async () => {
    const before = await snapshot();
    for (const [typed, message] of [
      ["0", "Commandez au moins un kit, ou retirez cette ligne."],
      ["-2", "La quantité ne peut pas être négative."],
      ["2,5", "La quantité est un nombre entier de kits, sans décimale."],
      ["1000000", "Au plus 1 000 kits par ligne : pour davantage, contactez l'équipe du programme."],
      ["99999999999999999999", "Au plus 1 000 kits par ligne"],
      ["trois", "Indiquez une quantité : un nombre entier de kits."],
    ]) {
      const response = await post(member, "/structure/commandes", await orderForm(member, { coffret: "1", jeu: typed }));
      expect(response.status, typed).toBe(400);
      const html = await response.text();
      expect(html).toContain('id="champ-lines.1.quantity"');
      expect(html).toContain(`value="${typed}"`);
      expect((await textOf(new Response(html))).replace(/\s/g, " ")).toContain(message.replace(/\s/g, " "));
    }
    const none = await post(member, "/structure/commandes", await orderForm(member, {}));
    expect(none.status).toBe(400);
    expect(await textOf(none)).toContain("Indiquez la quantité d'au moins un kit.");
    expect(await snapshot()).toEqual(before);
  });

  test("a structure not eligible is told every reason; outside the period, the order is refused; nothing written", async () => {
    const pending = await createStructure(portal.sql, { status: "pending", kind: "care_home" });
    const who = { cookie: await sessionCookie(portal.sql, pending.memberId) };
    const before = await snapshot();
    const refused = await post(who, "/structure/commandes", await orderForm(who, { jeu: "1" }, pending.id));
    expect(refused.status).toBe(400);
    const text = await textOf(refused);
    expect(text).toContain("Votre structure ne peut pas commander dans cette campagne");
    expect(text).toContain("La structure n'est pas encore vérifiée");
    expect(text).toContain("Les EHPAD et résidences autonomie ne sont pas retenus pour cette campagne.");

    const form = await orderForm(member, { jeu: "1" });
    const [{ closesAt }] = await portal.sql<{ closesAt: Date }[]>`select closes_at from distribution_campaigns where id = ${world.campaign.id}`;
    await portal.sql`update distribution_campaigns set closes_at = now() - interval '1 minute' where id = ${world.campaign.id}`;
    try {
      const late = await post(member, "/structure/commandes", form);
      expect(late.status).toBe(409);
      expect(await textOf(late)).toContain("Les commandes sont closes : la commande n'a pas été envoyée.");
    } finally {
      await portal.sql`update distribution_campaigns set closes_at = ${closesAt} where id = ${world.campaign.id}`;
    }
    expect(await snapshot()).toEqual(before);
  });

  test("hostile input: another structure's id, huge ids, NUL, prototype keys, a truncated body, a bad key: each a 4xx, nothing written", async () => {
    const before = await snapshot();
    const form = await orderForm(member, { jeu: "1" });
    const replace = (name: string, value: string) => form.map(([key, old]) => [key, key === name ? value : old] as [string, string]);
    expect((await post(member, "/structure/commandes", replace("structureId", String((await verifiedStructure(portal.sql)).id)))).status).toBe(404);
    expect((await post(member, "/structure/commandes", replace("structureId", "99999999999999999999"))).status).toBe(400);
    expect((await post(member, "/structure/commandes", replace("kitId", "99999999999999999999"))).status).toBe(400);
    expect((await post(member, "/structure/commandes", replace("quantity", "1\u0000"))).status).toBe(400);
    expect((await post(member, "/structure/commandes", [...form, ["__proto__", "x"], ["constructor", "y"]])).status).toBe(302);
    expect((await post(member, "/structure/commandes", replace("idempotencyKey", "court"))).status).toBe(400);
    expect((await post(member, "/structure/commandes", form.slice(0, 5))).status).toBe(400);
    expect(
      (await post(member, "/structure/commandes", "------x\r\nContent-Disposition: form-data; name=", "multipart/form-data; boundary=----x")).status,
    ).toBe(400);
    expect((await get(member, "/structure/commandes?structure=99999999999999999999")).status).toBe(200);
    expect((await get(stranger, `/structure/commandes?structure=${structure.id}`)).status).toBe(404);
    // The one sending with prototype keys went through as the order it is: nothing else was written.
    const after = await snapshot();
    expect(after.lines).toBe(before.lines + 1);
  });
});

describe("following an order", () => {
  let orderId: number;
  let shipmentId: number;

  beforeAll(async () => {
    const response = await post(member, "/structure/commandes", await orderForm(member, { coffret: "1", jeu: "2" }));
    orderId = Number(/commandes\/(\d+)/.exec(response.headers.get("Location")!)![1]);
    await approveOrder({ orderId, actorId: world.adminId, now: new Date() }, portal.sql);
    const share = await shareOf(
      portal.sql,
      { orderId, structureId: structure.id, memberId: structure.memberId, departementCode: "35" },
      maker,
      "shipped",
    );
    shipmentId = share.shipmentId!;
  });

  test("another structure's member, a maker, an instructor: told the order, its documents and its shipment do not exist", async () => {
    for (const who of [stranger, maker, instructor]) {
      expect((await get(who, `/structure/commandes/${orderId}`)).status).toBe(404);
      const receipt = await post(who, `/structure/commandes/${orderId}`, [
        ["intent", "receive"],
        ["shipmentId", String(shipmentId)],
        ["receivedOn", toParisLocal(new Date()).slice(0, 10)],
        ["signatoryName", "Intrus"],
        ["signatoryRole", "Intrus"],
        ["kitId", String(world.coffret.kitId)],
        ["received", "1"],
        ["kitId", String(world.jeu.kitId)],
        ["received", "2"],
      ]);
      expect(receipt.status).toBe(404);
      expect(
        (
          await post(who, `/structure/commandes/${orderId}`, [
            ["intent", "cancel"],
            ["confirm", "oui"],
          ])
        ).status,
      ).toBe(404);
    }
    for (const id of ["0", "-1", "99999999999999999999", "1e3", "abc"]) expect((await get(member, `/structure/commandes/${id}`)).status).toBe(404);
    expect(await portal.sql`select received from shipments where id = ${shipmentId}`).toEqual([{ received: false }]);
  });

  test("the page shows the share, the shipment with its carrier and tracking number, and the receipt form; a short receipt needs reservations", async () => {
    const page = await textOf(await get(member, `/structure/commandes/${orderId}`));
    expect(page).toContain("Colissimo, numéro de suivi 6A12345678901");
    expect(page).toContain(`Confirmer la réception de la livraison n° ${shipmentId}`);
    expect(page).toContain("Attribuée au fabricant Fablab");
    const before = await snapshot();
    const short = await post(member, `/structure/commandes/${orderId}`, [
      ["intent", "receive"],
      ["shipmentId", String(shipmentId)],
      ["receivedOn", toParisLocal(new Date()).slice(0, 10)],
      ["signatoryName", "Claire Martin"],
      ["signatoryRole", "Directrice"],
      ["kitId", String(world.coffret.kitId)],
      ["received", "1"],
      ["kitId", String(world.jeu.kitId)],
      ["received", "1"],
      ["reservations", ""],
    ]);
    expect(short.status).toBe(400);
    const html = await short.text();
    expect(html).toContain("Il manque des kits : décrivez dans les réserves ce qui manque ou est abîmé.");
    expect(html).toContain(`href="#champ-recu-${shipmentId}-reservations"`);
    expect(html).toContain(`id="champ-recu-${shipmentId}-reservations"`);
    const future = await post(member, `/structure/commandes/${orderId}`, [
      ["intent", "receive"],
      ["shipmentId", String(shipmentId)],
      ["receivedOn", "2999-01-01"],
      ["signatoryName", "Claire Martin"],
      ["signatoryRole", "Directrice"],
      ["kitId", String(world.coffret.kitId)],
      ["received", "1"],
      ["kitId", String(world.jeu.kitId)],
      ["received", "deux"],
    ]);
    expect(future.status).toBe(400);
    expect(await textOf(future)).toContain("Indiquez un nombre entier de kits reçus.");
    const unsigned = await post(member, `/structure/commandes/${orderId}`, [
      ["intent", "receive"],
      ["shipmentId", String(shipmentId)],
      ["receivedOn", toParisLocal(new Date()).slice(0, 10)],
      ["kitId", String(world.coffret.kitId)],
      ["received", "1"],
      ["kitId", String(world.jeu.kitId)],
      ["received", "2"],
    ]);
    expect(unsigned.status).toBe(400);
    expect(await textOf(unsigned)).toContain("Indiquez le nom de la personne qui signe (de 2 à 200 caractères).");
    expect(await snapshot()).toEqual(before);
  });

  test("the receipt is confirmed once; its certificate downloads for the structure only; the purchase order is not the structure's", async () => {
    const receipt: [string, string][] = [
      ["intent", "receive"],
      ["shipmentId", String(shipmentId)],
      ["receivedOn", toParisLocal(new Date()).slice(0, 10)],
      ["signatoryName", "Claire Martin"],
      ["signatoryRole", "Directrice"],
      ["kitId", String(world.coffret.kitId)],
      ["received", "1"],
      ["kitId", String(world.jeu.kitId)],
      ["received", "1"],
      ["reservations", "Un jeu manque."],
    ];
    const done = await post(member, `/structure/commandes/${orderId}`, receipt);
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe(`/structure/commandes/${orderId}?fait=reception&livraison=${shipmentId}#livraison-${shipmentId}`);
    const before = await snapshot();
    const again = await post(member, `/structure/commandes/${orderId}`, receipt);
    expect(again.status).toBe(409);
    expect(await textOf(again)).toContain("La réception de cette livraison a déjà été confirmée.");
    expect(await snapshot()).toEqual(before);

    const page = await textOf(await get(member, `/structure/commandes/${orderId}`));
    expect(page).toContain("Livrée");
    expect(page).toContain("Réserves : « Un jeu manque. »");
    const [certificate] = await portal.sql<
      { id: number }[]
    >`select id from order_documents where kind = 'service_certificate' and order_id = ${orderId}`;
    const pdf = await get(member, `/structure/commandes/${orderId}/documents/${certificate.id}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    expect(pdf.headers.get("Content-Disposition")).toContain("attestation-de-service-fait");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    for (const who of [stranger, maker, instructor])
      expect((await get(who, `/structure/commandes/${orderId}/documents/${certificate.id}`)).status).toBe(404);
    const [purchase] = await portal.sql<{ id: number }[]>`
      insert into order_documents (kind, order_id, fulfilment_id, sha256, content, issued_at)
      select 'purchase_order', order_id, id, repeat('a', 64), '\\x25504446'::bytea, now() from fulfilments where order_id = ${orderId} returning id`;
    expect((await get(member, `/structure/commandes/${orderId}/documents/${purchase.id}`)).status).toBe(404);
    expect((await get(member, `/structure/commandes/${orderId + 1}/documents/${certificate.id}`)).status).toBe(404);
    expect((await get(member, `/structure/commandes/${orderId}/documents/99999999999999999999`)).status).toBe(404);
  });

  test("cancelling: a confirmation step, then the order cancelled and its funds given back; once delivered, refused", async () => {
    const response = await post(member, "/structure/commandes", await orderForm(member, { jeu: "1" }));
    const fresh = Number(/commandes\/(\d+)/.exec(response.headers.get("Location")!)![1]);
    const page = await textOf(await get(member, `/structure/commandes/${fresh}`));
    expect(page).toContain("Annuler la commande…");
    const confirm = await textOf(await get(member, `/structure/commandes/${fresh}?annuler=1`));
    expect(confirm).toContain(`Annuler la commande n° ${fresh} ?`);
    expect((await post(member, `/structure/commandes/${fresh}`, [["intent", "cancel"]])).status).toBe(400);
    const cancelled = await post(member, `/structure/commandes/${fresh}`, [
      ["intent", "cancel"],
      ["confirm", "oui"],
    ]);
    expect(cancelled.status).toBe(302);
    expect(await portal.sql`select status from orders where id = ${fresh}`).toEqual([{ status: "cancelled" }]);
    expect(await textOf(await get(member, `/structure/commandes/${fresh}`))).not.toContain("Annuler la commande…");

    const before = await snapshot();
    const late = await post(member, `/structure/commandes/${orderId}`, [
      ["intent", "cancel"],
      ["confirm", "oui"],
    ]);
    expect(late.status).toBe(409);
    expect(await snapshot()).toEqual(before);
  });
});
