// The instruction of orders over HTTP against the built portal (run `npx remix build` first): who
// may see which queue and which order, the decisions with their e-mails, the approval of a
// selection, and hostile requests that must change nothing.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { departementScope } from "~/accounts/roles";
import { connect } from "~/infra/postgres.server";
import { createPerson, createStructure, sessionCookie } from "../../support/fixtures";
import { approvedOrder, makerFor, shareOf, type TestMaker } from "../../support/fulfilment-world";
import { jeuOrder } from "../../support/jeu-order";
import { ordersWorld, type OrdersWorld } from "../../support/orders-world";
import { rawRequest } from "../../support/raw-http";
import { startTestServer, type TestServer } from "../../support/server";
import { textOf } from "../accounts/http-client";

let server: TestServer;
let sql: ReturnType<typeof connect>;
let world: OrdersWorld;
const cookies: Record<string, string> = {};
type Orderer = { id: number; memberId: number; legalName: string };
let rennes: Orderer;
let brest: Orderer;
let maker: TestMaker;

beforeAll(async () => {
  server = await startTestServer(inject("pgAdminUrl"));
  sql = connect(server.databaseUrl, { max: 2 });
  world = await ordersWorld(sql);
  const person = async (key: string, options: Parameters<typeof createPerson>[1]) =>
    (cookies[key] = await sessionCookie(sql, (await createPerson(sql, { name: `Personne ${key}`, ...options })).id));
  await person("admin", { roles: ["admin"], totp: true });
  await person("instructor35", { roles: ["instructor"], scope: departementScope("35"), totp: true });
  await person("instructor29", { roles: ["instructor"], scope: departementScope("29"), totp: true });
  rennes = await createStructure(sql, { communeCode: "35238", status: "verified", legalName: "Médiathèque des Champs Libres" });
  brest = await createStructure(sql, { communeCode: "29019", status: "verified", legalName: "Bibliothèque de Bellevue" });
  cookies.member = await sessionCookie(sql, rennes.memberId);
  maker = await makerFor(sql, world, { kitIds: [world.jeu.kitId], departements: ["35"] });
  cookies.maker = await sessionCookie(sql, maker.memberId);
});

afterAll(async () => {
  await sql?.end();
  await server?.stop();
});

const submit = (structure: Orderer, quantity = 1) => jeuOrder(sql, world, structure, quantity);

function get(path: string, who: string | null) {
  return fetch(server.url + path, { headers: who ? { Cookie: cookies[who] } : {}, redirect: "manual" });
}

function post(path: string, who: string | null, fields: [string, string][] | Record<string, string> | string) {
  return fetch(server.url + path, {
    method: "POST",
    body: typeof fields === "string" ? fields : new URLSearchParams(fields),
    redirect: "manual",
    headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded", ...(who ? { Cookie: cookies[who] } : {}) },
  });
}

const QUEUE = "/instruction/commandes?index";

/** What a request may have changed about orders: a refused one must leave it as it was. */
async function everything() {
  const [row] = await sql`
    select (select string_agg(id || status, ',' order by id) from orders) as statuses, (select count(*) from ledger_entries)::int as entries,
           (select count(*) from audit_log)::int as audit, (select count(*) from mail_outbox)::int as mails`;
  return row;
}

async function expectUnchanged(before: Awaited<ReturnType<typeof everything>>) {
  expect(await everything()).toEqual(before);
}

describe("who sees which orders", () => {
  let ofRennes: number;
  let ofBrest: number;
  beforeAll(async () => {
    ofRennes = await submit(rennes);
    ofBrest = await submit(brest);
  });

  test("an instructor of 35 sees the orders of 35 with its allocation; an order of 29 is not found, by page or by post", async () => {
    const page = await textOf(await get("/instruction/commandes", "instructor35"));
    expect(page).toContain("Médiathèque des Champs Libres");
    expect(page).not.toContain("Bibliothèque de Bellevue");
    expect(page).toContain("Enveloppe du département 35 — Ille-et-Vilaine");
    expect(page).toContain(`Sélectionner la commande n° ${ofRennes} de Médiathèque des Champs Libres`);
    expect(await textOf(await get("/instruction/commandes?departement=29&statut=all", "instructor35"))).not.toContain("Bellevue");

    const before = await everything();
    const other = await get(`/instruction/commandes/${ofBrest}`, "instructor35");
    expect(other.status).toBe(404);
    const notFound = await other.text();
    expect(notFound).toContain("Commande introuvable.");
    expect(notFound).not.toContain("Bellevue");
    for (const intent of ["approve", "reject", "close"]) {
      const response = await post(`/instruction/commandes/${ofBrest}`, "instructor35", { intent, reason: "Hors de mon département." });
      expect(response.status, intent).toBe(404);
    }
    const bulk = await post(QUEUE, "instructor35", [["orderIds", String(ofBrest)]]);
    expect(bulk.status).toBe(200);
    expect(await textOf(bulk)).toContain(`Commande n° ${ofBrest} : Commande introuvable.`);
    await expectUnchanged(before);
  });

  test("the admin sees every département's orders, national figures, and one département's when filtering", async () => {
    const all = await textOf(await get("/admin/commandes", "admin"));
    expect(all).toContain("Médiathèque des Champs Libres");
    expect(all).toContain("Bibliothèque de Bellevue");
    expect(all).toContain("Enveloppe nationale (101 départements)");
    const only29 = await textOf(await get("/admin/commandes?departement=29", "admin"));
    expect(only29).toContain("Bibliothèque de Bellevue");
    expect(only29).not.toContain("Médiathèque des Champs Libres");
    expect(only29).toContain("Enveloppe du département 29 — Finistère");
    const file = await get(`/admin/commandes/${ofBrest}`, "admin");
    expect(file.status).toBe(200);
    const html = await file.text();
    expect(html).toMatch(new RegExp(`<h1[^>]*>Commande n° (<!-- -->)?${ofBrest}</h1>`));
    expect(html).toContain(`<title>Commande n° ${ofBrest} — Commandes — Administration — Kits d&#x27;inclusion numérique</title>`);
  });

  test("anonymous visitors are sent to sign in; a structure's member, a maker and an instructor in the admin space are refused", async () => {
    const before = await everything();
    for (const path of ["/instruction/commandes", `/instruction/commandes/${ofRennes}`, "/admin/commandes", `/admin/commandes/${ofRennes}`]) {
      const anonymous = await get(path, null);
      expect(anonymous.status, path).toBe(302);
      expect(anonymous.headers.get("location"), path).toMatch(/^\/connexion\?redirectTo=/);
      for (const who of ["member", "maker"]) expect((await get(path, who)).status, `${who} ${path}`).toBe(403);
    }
    expect((await get("/admin/commandes", "instructor35")).status).toBe(403);
    expect((await get(`/admin/commandes/${ofRennes}`, "instructor35")).status).toBe(403);
    for (const who of [null, "member", "maker", "instructor35"]) {
      expect((await post("/admin/commandes?index", who, { orderIds: String(ofRennes) })).status).toBeGreaterThanOrEqual(300);
      expect((await post(`/admin/commandes/${ofRennes}`, who, { intent: "approve" })).status).toBeGreaterThanOrEqual(300);
    }
    for (const who of [null, "member", "maker"]) {
      const response = await post(QUEUE, who, { orderIds: String(ofRennes) });
      expect([302, 403], String(who)).toContain(response.status);
    }
    await expectUnchanged(before);
  });
});

describe("decisions over HTTP", () => {
  test("a rejection without its reason is refused by field; with it, the structure is told why and the queue says so", async () => {
    const orderId = await submit(rennes);
    const path = `/instruction/commandes/${orderId}`;
    const before = await everything();
    const empty = await post(path, "instructor35", { intent: "reject", reason: "Non" });
    expect(empty.status).toBe(400);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain("Indiquez la raison du refus (5 caractères au moins)");
    expect(emptyHtml).toContain(">Non</textarea>");
    await expectUnchanged(before);

    const rejected = await post(path, "instructor35", { intent: "reject", reason: "Votre structure a déjà reçu ces kits." });
    expect(rejected.status).toBe(302);
    const notice = new URL(rejected.headers.get("location")!, server.url);
    expect([notice.pathname, notice.searchParams.get("fait"), notice.searchParams.get("commande")]).toEqual([
      "/instruction/commandes",
      "rejected",
      String(orderId),
    ]);
    expect(await textOf(await get(`${notice.pathname}${notice.search}`, "instructor35"))).toContain(`La commande n° ${orderId} est refusée`);
    const [mail] = await sql<{ subject: string; textBody: string }[]>`
      select subject, text_body from mail_outbox where to_address = (select email from users where id = ${rennes.memberId}) order by id desc limit 1`;
    expect(mail.subject).toBe(`Votre commande n° ${orderId} est refusée`);
    expect(mail.textBody).toContain("Votre structure a déjà reçu ces kits.");
    // Decided: the page offers no decision any more, and a second one is a 409.
    expect(await textOf(await get(path, "instructor35"))).not.toContain("Approuver la commande");
    expect((await post(path, "instructor35", { intent: "approve" })).status).toBe(409);
  });

  test("the selection is approved order by order, each once, and the page sums it up", async () => {
    const first = await submit(rennes);
    const second = await submit(rennes);
    const decided = await submit(rennes);
    await post(`/admin/commandes/${decided}`, "admin", { intent: "approve" });
    const response = await post(QUEUE, "instructor35", [
      ["orderIds", String(first)],
      ["orderIds", String(second)],
      ["orderIds", String(first)],
      ["orderIds", String(decided)],
      ["__proto__", "x"],
      ["constructor", "y"],
    ]);
    expect(response.status).toBe(200);
    const page = await textOf(response);
    expect(page).toContain("2 commandes approuvées ; 1 commande non approuvée :");
    expect(page).toContain(`Commande n° ${decided} : Seule une commande envoyée, pas encore instruite, peut être approuvée.`);
    const approvals = await sql`
      select subject from audit_log where action = 'order.approved' and subject = any(${[`order:${first}`, `order:${second}`]}::text[])`;
    expect(approvals).toHaveLength(2);
    expect(await sql`select count(*)::int as count from ledger_entries where order_id = ${first} and kind = 'commitment'`).toEqual([{ count: 1 }]);
  });
});

describe("closing over HTTP", () => {
  test("a delivered order offers « Clore la commande »; closing it tells the structure; an approved one cannot be closed", async () => {
    const order = await approvedOrder(sql, world, [{ kitId: world.jeu.kitId, quantity: 1 }]);
    const path = `/admin/commandes/${order.orderId}`;
    expect(await textOf(await get(path, "admin"))).not.toContain("Clore la commande");
    expect((await post(path, "admin", { intent: "close" })).status).toBe(409);
    await shareOf(sql, order, maker, "delivered");
    expect(await textOf(await get(path, "admin"))).toContain("Clore la commande");
    const closed = await post(path, "admin", { intent: "close" });
    expect(closed.status).toBe(302);
    expect(closed.headers.get("location")).toBe(`/admin/commandes?fait=closed&commande=${order.orderId}`);
    expect(await sql`select status from orders where id = ${order.orderId}`).toEqual([{ status: "closed" }]);
    const [mail] = await sql<{ subject: string }[]>`
      select subject from mail_outbox where to_address = (select email from users where id = ${order.memberId}) order by id desc limit 1`;
    expect(mail.subject).toBe(`Votre commande n° ${order.orderId} est close`);
  });
});

describe("hostile requests change nothing", () => {
  test("huge, malformed or unknown ids answer 404; a NUL in the address, 400", async () => {
    const before = await everything();
    for (const id of ["99999999999999999999", "abc", "0", "-1", "1e3", "__proto__", "987654321"]) {
      expect((await get(`/instruction/commandes/${id}`, "instructor35")).status, id).toBe(404);
      expect((await post(`/instruction/commandes/${id}`, "instructor35", { intent: "approve" })).status, id).toBe(404);
      expect((await post(`/admin/commandes/${id}`, "admin", { intent: "close" })).status, id).toBe(404);
    }
    expect((await get("/instruction/commandes/%00", "instructor35")).status).toBe(400);
    expect((await post("/instruction/commandes/%00", "instructor35", { intent: "approve" })).status).toBe(400);
    await expectUnchanged(before);
  });

  test("absurd selections, NUL characters, prototype keys, unknown decisions and truncated bodies answer 4xx", async () => {
    const orderId = await submit(rennes);
    const before = await everything();
    const tenThousand = Array.from({ length: 10_000 }, (_, i) => `orderIds=${i === 0 ? orderId : 1_000_000 + i}`).join("&");
    const queueBodies = [
      "",
      "orderIds=",
      "orderIds=__proto__",
      "orderIds=99999999999999999999",
      `orderIds=${orderId}%00`,
      "__proto__=1&constructor=2",
      tenThousand,
      Array.from({ length: 101 }, () => `orderIds=${orderId}`).join("&"),
    ];
    for (const body of queueBodies) {
      const response = await post(QUEUE, "instructor35", body);
      expect(response.status, body.slice(0, 60)).toBeGreaterThanOrEqual(400);
      expect(response.status, body.slice(0, 60)).toBeLessThan(500);
    }
    const path = `/instruction/commandes/${orderId}`;
    for (const body of [
      "",
      "intent=__proto__",
      "intent=constructor&__proto__=x",
      "intent=reject&reason=Pas%00ici",
      `intent=reject&reason=${"x".repeat(2001)}`,
      "intent=reject",
    ]) {
      const response = await post(path, "instructor35", body);
      expect(response.status, body.slice(0, 60)).toBeGreaterThanOrEqual(400);
      expect(response.status, body.slice(0, 60)).toBeLessThan(500);
    }
    const headers = { Origin: server.url, Cookie: cookies.instructor35, "Content-Type": "multipart/form-data; boundary=x" };
    for (const target of [QUEUE, path]) {
      const truncated = await rawRequest(server.url + target, { headers, body: '--x\r\nContent-Disposition: form-data; name="orderIds"\r\n\r\n1' });
      expect(truncated.status, target).toBeGreaterThanOrEqual(400);
      expect(truncated.status, target).toBeLessThan(500);
    }
    await expectUnchanged(before);
  });
});
