// The maker's orders over HTTP against the built portal: the list and a share's page, accepting,
// starting production and shipping through the forms, the share's PDFs downloaded; anyone but the
// maker's members gets a 404 (or the login page), and hostile input a 4xx that changes nothing.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { createHash } from "node:crypto";
import { issueOrderDocument } from "~/documents/order-documents.server";
import { connect } from "~/infra/postgres.server";
import type { FulfilmentStatus } from "~/orders/fulfilment-lifecycle";
import { makerSharesPage } from "~/orders/maker-shares.server";
import { sessionCookie } from "../../support/fixtures";
import { approvedOrder, makerFor, shareOf, type ApprovedOrder, type TestMaker } from "../../support/fulfilment-world";
import { instructorOf, ordersWorld, type OrdersWorld } from "../../support/orders-world";
import { rawRequest } from "../../support/raw-http";
import { startTestServer, type TestServer } from "../../support/server";
import { textOf } from "../accounts/http-client";

let server: TestServer;
let sql: ReturnType<typeof connect>;
let world: OrdersWorld;
let maker: TestMaker;
let rival: TestMaker;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer(inject("pgAdminUrl"));
  sql = connect(server.databaseUrl, { max: 2 });
  world = await ordersWorld(sql);
  maker = await makerFor(sql, world, { kitIds: [world.coffret.kitId, world.jeu.kitId], departements: ["35"], unitsPerMonth: 1000 });
  rival = await makerFor(sql, world, { kitIds: [world.coffret.kitId], departements: ["35"] });
  cookies.maker = await sessionCookie(sql, maker.memberId);
  cookies.rival = await sessionCookie(sql, rival.memberId);
  cookies.instructor = await sessionCookie(sql, await instructorOf(sql, "35"));
});

afterAll(async () => {
  await sql?.end();
  await server?.stop();
});

const get = (cookie: string | null, path: string) => fetch(`${server.url}${path}`, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
function post(cookie: string | null, path: string, fields: [string, string][] | Record<string, string>) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    redirect: "manual",
    headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
  });
}

/** An approved order of 3 coffrets and 2 jeux of a library of Rennes, its share given to the maker in `status`. */
async function share(status: FulfilmentStatus, to = maker): Promise<{ order: ApprovedOrder; fulfilmentId: number }> {
  const order = await approvedOrder(sql, world, [
    { kitId: world.coffret.kitId, quantity: 3 },
    { kitId: world.jeu.kitId, quantity: 2 },
  ]);
  const { fulfilmentId } = await shareOf(sql, order, to, status);
  cookies[`structure${order.orderId}`] = await sessionCookie(sql, order.memberId);
  return { order, fulfilmentId };
}

/** Everything the maker's routes can change, to see that a refusal changed nothing. */
const snapshot = async () =>
  (
    await sql`
      select (select string_agg(id || status || coalesce(refusal_reason, ''), ',' order by id) from fulfilments) as shares,
             (select string_agg(fulfilment_id || ':' || kit_id || ':' || shipped_units, ',' order by fulfilment_id, kit_id) from fulfilment_lines) as shipped,
             (select string_agg(order_id || ':' || kit_id || ':' || routed_units, ',' order by order_id, kit_id) from order_lines) as routed,
             (select string_agg(id || status, ',' order by id) from orders) as orders,
             (select count(*)::int from shipments) as shipments, (select count(*)::int from order_documents) as documents,
             (select count(*)::int from audit_log) as audit, (select count(*)::int from mail_outbox) as mails`
  )[0];

describe("the maker's orders", () => {
  test("the list groups the shares by state, with the structure's commune and département, units and routing date; the filter shows one group", async () => {
    const routed = await share("routed");
    const shipped = await share("shipped");
    const refused = await share("refused");
    const page = await get(cookies.maker, "/fabricant/commandes");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<title>Commandes — Espace fabricant — Kits d&#x27;inclusion numérique</title>");
    const text = await textOf(new Response(html));
    expect(text).toMatch(new RegExp(`À accepter \\(\\d+\\).*Commande n° ${routed.order.orderId} .*Rennes \\(35 — Ille-et-Vilaine\\) 5 `));
    expect(text).toMatch(new RegExp(`Expédiées \\(\\d+\\).*Commande n° ${shipped.order.orderId} `));
    expect(text).not.toContain(`Commande n° ${refused.order.orderId} `);
    const closed = await textOf(await get(cookies.maker, "/fabricant/commandes?etat=closed"));
    expect(closed).toContain(`Commande n° ${refused.order.orderId} `);
    expect(closed).not.toContain(`Commande n° ${routed.order.orderId} `);
    // A hand-edited filter shows the default view.
    for (const etat of ["__proto__", "constructor", "x".repeat(5000)])
      expect((await get(cookies.maker, `/fabricant/commandes?etat=${etat}`)).status).toBe(200);
    // Another maker does not see them; a person who is not a maker is not let in.
    expect(await textOf(await get(cookies.rival, "/fabricant/commandes"))).not.toContain(`Commande n° ${routed.order.orderId} `);
    expect((await get(cookies[`structure${routed.order.orderId}`], "/fabricant/commandes")).status).toBe(403);
    expect((await get(null, "/fabricant/commandes")).headers.get("Location")).toMatch(/^\/connexion\?redirectTo=/);
  });

  test("the list comes a page at a time, group after group, the latest routed first; each group's count is its whole; hand-edited pages show a page", async () => {
    const own = await makerFor(sql, world, { kitIds: [world.coffret.kitId, world.jeu.kitId], departements: ["35"], unitsPerMonth: 1000 });
    const routed = [];
    for (let i = 0; i < 3; i++) routed.push((await share("routed", own)).fulfilmentId);
    const shipped = [];
    for (let i = 0; i < 2; i++) shipped.push((await share("shipped", own)).fulfilmentId);
    const pageOf = (page: number) =>
      makerSharesPage({ userId: own.memberId, groups: ["to_accept", "in_progress", "shipped", "delivered"], page, pageSize: 2 }, sql);
    const pages = await Promise.all([1, 2, 3, 4].map(pageOf));
    expect(pages.map((p) => p.shares.items.map((share) => share.id))).toEqual([[routed[2], routed[1]], [routed[0], shipped[1]], [shipped[0]], []]);
    expect(pages[1].shares).toMatchObject({ total: 5, page: 2, pageCount: 3 });
    expect(pages[1].counts).toMatchObject({ to_accept: 3, in_progress: 0, shipped: 2, delivered: 0 });

    const cookie = await sessionCookie(sql, own.memberId);
    for (const value of ["0", "-1", "abc", "2.5", "99999999999", "__proto__", "999999"]) {
      const response = await get(cookie, `/fabricant/commandes?page=${value}`);
      expect(response.status, value).toBe(200);
      const text = await textOf(response);
      expect(text, value).toContain("5 commandes.");
      expect(text, value).toContain(value === "999999" ? "Sur une autre page." : `Commande n° `);
    }
    expect((await get(cookie, "/fabricant/commandes?page=%00")).status).toBe(400);
  });

  test("accept, start production, ship in two parts: each a redirect with its notice; the PDFs download as issued", async () => {
    const { order, fulfilmentId } = await share("routed");
    const path = `/fabricant/commandes/${fulfilmentId}`;
    const purchaseOrder = await issueOrderDocument({ kind: "purchase_order", fulfilmentId }, new Date(), sql);
    const page = await textOf(await get(cookies.maker, path));
    expect(page).toContain(`Commande n° ${order.orderId}`);
    expect(page).toContain("1 place de la Mairie");
    expect(page).toContain("Camille Contact");
    expect(page).toMatch(/199,00\s€/);
    expect(page).toContain("Télécharger le bon de commande (PDF)");

    const accepted = await post(cookies.maker, path, { intent: "accept" });
    expect([accepted.status, accepted.headers.get("Location")]).toEqual([302, `${path}?fait=acceptee`]);
    expect((await post(cookies.maker, path, { intent: "accept" })).status).toBe(409);
    expect((await post(cookies.maker, path, { intent: "start" })).status).toBe(302);
    const first = await post(cookies.maker, path, {
      intent: "ship",
      carrier: "ups",
      trackingNumber: "1Z 999 AA1 01 2345 6784",
      [`units-${world.coffret.kitId}`]: "2",
      [`units-${world.jeu.kitId}`]: "",
    });
    expect([first.status, first.headers.get("Location")]).toEqual([302, `${path}?fait=expediee#expeditions`]);
    expect(
      (
        await post(cookies.maker, path, {
          intent: "ship",
          carrier: "dhl",
          trackingNumber: "1234567890",
          [`units-${world.coffret.kitId}`]: "1",
          [`units-${world.jeu.kitId}`]: "2",
        })
      ).status,
    ).toBe(302);
    expect(await sql`select status from fulfilments where id = ${fulfilmentId}`).toEqual([{ status: "shipped" }]);
    expect(await sql`select status from orders where id = ${order.orderId}`).toEqual([{ status: "shipped" }]);

    const after = await get(cookies.maker, path);
    const html = await after.text();
    expect(await textOf(new Response(html))).toContain("1Z 999 AA1 01 2345 6784");
    const links = [...html.matchAll(new RegExp(`href="(${path}/documents/(\\d+))"`, "g"))].map((match) => match[1]);
    expect(links).toHaveLength(3);
    for (const link of links) {
      const pdf = await get(cookies.maker, link);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
      expect(pdf.headers.get("Content-Disposition")).toMatch(/^attachment; filename\*=UTF-8''bon-de-(commande|livraison)-/);
      const bytes = Buffer.from(await pdf.arrayBuffer());
      expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
      const [stored] = await sql<{ sha256: string }[]>`select sha256 from order_documents where id = ${Number(link.split("/").at(-1))}`;
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(stored.sha256);
    }
    expect(links[0]).toBe(`${path}/documents/${purchaseOrder.id}`);
  });

  test("a refusal needs its reason; with it, the order is to be routed again", async () => {
    const { order, fulfilmentId } = await share("routed");
    const path = `/fabricant/commandes/${fulfilmentId}`;
    const before = await snapshot();
    const missing = await post(cookies.maker, path, { intent: "refuse", reason: "non" });
    expect(missing.status).toBe(400);
    expect(await textOf(missing)).toContain("Indiquez la raison du refus (de 5 à 2 000 caractères)");
    expect(await snapshot()).toEqual(before);
    expect((await post(cookies.maker, path, { intent: "refuse", reason: "Atelier fermé en août." })).status).toBe(302);
    expect(await sql`select status from orders where id = ${order.orderId}`).toEqual([{ status: "refused_by_maker" }]);
  });
});

describe("the maker's space", () => {
  test("links to the orders and shows, for each kit, the units routed this month and next against the capacity", async () => {
    await share("routed");
    const [coffret] = await sql<{ routedUnits: number; capacity: number }[]>`
      select routed_units, capacity from maker_monthly_load
      where maker_id = ${maker.makerId} and kit_id = ${world.coffret.kitId} and month = date_trunc('month', now() at time zone 'Europe/Paris')::date`;
    const html = await (await get(cookies.maker, "/fabricant")).text();
    expect(html).toContain('href="/fabricant/commandes"');
    const text = await textOf(new Response(html));
    const month = (offset: number) => {
      const date = new Date();
      return new Intl.DateTimeFormat("fr-FR", { month: "long", year: "numeric", timeZone: "Europe/Paris" }).format(
        new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + offset, 15)),
      );
    };
    expect(text).toContain(`Unités attribuées par mois, sur la capacité du mois Kit ${month(0)} ${month(1)}`);
    expect(text).toContain(`${coffret.routedUnits} sur 1000 0 sur 1000`);
    expect(coffret).toMatchObject({ capacity: 1000 });
  });
});

describe("who reaches a share, and hostile input", () => {
  test("another maker, the structure's member, an instructor: 404 on the page, the actions and the documents; anonymous: the login page", async () => {
    const { order, fulfilmentId } = await share("in_production");
    const path = `/fabricant/commandes/${fulfilmentId}`;
    const document = await issueOrderDocument({ kind: "purchase_order", fulfilmentId }, new Date(), sql);
    const before = await snapshot();
    for (const cookie of [cookies.rival, cookies[`structure${order.orderId}`], cookies.instructor]) {
      expect((await get(cookie, path)).status).toBe(404);
      expect((await get(cookie, `${path}/documents/${document.id}`)).status).toBe(404);
      for (const intent of ["accept", "start", "refuse"]) expect((await post(cookie, path, { intent, reason: "Pas pour nous." })).status).toBe(404);
      const ship = { intent: "ship", carrier: "dhl", trackingNumber: "1234567890", [`units-${world.coffret.kitId}`]: "1" };
      expect((await post(cookie, path, ship)).status).toBe(404);
    }
    expect((await get(null, path)).headers.get("Location")).toMatch(/^\/connexion\?redirectTo=/);
    expect((await post(null, path, { intent: "accept" })).status).toBe(302);
    expect(await snapshot()).toEqual(before);
    // Another share's document, even the maker's own, is not this share's.
    const other = await share("routed");
    const otherDocument = await issueOrderDocument({ kind: "purchase_order", fulfilmentId: other.fulfilmentId }, new Date(), sql);
    expect((await get(cookies.maker, `${path}/documents/${otherDocument.id}`)).status).toBe(404);
    expect((await get(cookies.maker, `/fabricant/commandes/${other.fulfilmentId}/documents/${otherDocument.id}`)).status).toBe(200);
  });

  test("huge or malformed ids, NUL characters, prototype keys, negative or fractional quantities, truncated bodies: 4xx, nothing changed", async () => {
    const { fulfilmentId } = await share("in_production");
    const path = `/fabricant/commandes/${fulfilmentId}`;
    const before = await snapshot();
    for (const id of ["99999999999999999999", "9007199254740993", "0", "-1", "1e3", "0x10", "__proto__"]) {
      expect((await get(cookies.maker, `/fabricant/commandes/${id}`)).status, id).toBe(404);
      expect((await post(cookies.maker, `/fabricant/commandes/${id}`, { intent: "accept" })).status, id).toBe(404);
      expect((await get(cookies.maker, `${path}/documents/${id}`)).status, id).toBe(404);
    }
    const nul = await get(cookies.maker, "/fabricant/commandes/1%00");
    expect(nul.status).toBeGreaterThanOrEqual(400);
    expect(nul.status).toBeLessThan(500);
    const kit = `units-${world.coffret.kitId}`;
    const ship = { intent: "ship", carrier: "colissimo", trackingNumber: "6A12345678901", [kit]: "1" };
    const hostile: (Record<string, string> | [string, string][])[] = [
      { ...ship, trackingNumber: "6A123456\u000078901" },
      { ...ship, [kit]: "-1" },
      { ...ship, [kit]: "1.5" },
      { ...ship, [kit]: "1e2" },
      { ...ship, [kit]: "99999" },
      { ...ship, [kit]: "4" },
      { ...ship, [kit]: "0" },
      { ...ship, carrier: "__proto__" },
      { ...ship, carrier: "constructor" },
      { intent: "ship", carrier: "colissimo", trackingNumber: "6A12345678901", "units-__proto__": "1" },
      [...Object.entries(ship), ["__proto__", "x"], ["constructor", "y"], ["hasOwnProperty", "z"]].map(([key, value]): [string, string] =>
        key === "trackingNumber" ? [key, "1Z999AA10123456784"] : [key, value],
      ),
      [...Object.entries(ship), [kit, "1"]],
      { ...ship, "units-987654321": "1", [kit]: "0" },
      { ...ship, "units-99999999999999999999": "1", [kit]: "0" },
      { intent: "__proto__" },
      { intent: "constructor" },
      {},
    ];
    for (const fields of hostile) {
      const answer = await post(cookies.maker, path, fields);
      expect(answer.status, JSON.stringify(fields)).toBeGreaterThanOrEqual(400);
      expect(answer.status, JSON.stringify(fields)).toBeLessThan(500);
    }
    const headers = { Origin: server.url, Cookie: cookies.maker, "Content-Type": "multipart/form-data; boundary=x" };
    const truncated = await rawRequest(server.url + path, { headers, body: '--x\r\nContent-Disposition: form-data; name="intent"\r\n\r\nshi' });
    expect(truncated.status).toBeGreaterThanOrEqual(400);
    expect(truncated.status).toBeLessThan(500);
    expect(await snapshot()).toEqual(before);
  });
});
