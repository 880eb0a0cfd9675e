// Routing over HTTP against the built portal: the admin runs it with a seed and reads what could
// not be routed and why; an instructor of the département (or an admin) moves a share to another
// maker; the admin withdraws a maker. Each page is refused to other roles, a share of another
// département is a 404, and hostile input is a 4xx that changes nothing.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { connect } from "~/infra/postgres.server";
import { createPerson, sessionCookie } from "../../support/fixtures";
import { approvedOrder, makerFor, type ApprovedOrder, type TestMaker } from "../../support/fulfilment-world";
import { ordersWorld, type OrdersWorld } from "../../support/orders-world";
import { startTestServer, type TestServer } from "../../support/server";
import { textOf } from "../accounts/http-client";

let server: TestServer;
let sql: ReturnType<typeof connect>;
let world: OrdersWorld;
let rennes: TestMaker;
let brest: TestMaker;
let marseille: TestMaker;
let order: ApprovedOrder;
let paris: ApprovedOrder;
const cookies: Record<"admin" | "instructor35" | "instructor75" | "maker" | "structure", string> = {
  admin: "",
  instructor35: "",
  instructor75: "",
  maker: "",
  structure: "",
};
type Who = keyof typeof cookies | null;

beforeAll(async () => {
  server = await startTestServer(inject("pgAdminUrl"));
  sql = connect(server.databaseUrl, { max: 2 });
  world = await ordersWorld(sql);
  const both = [world.coffret.kitId, world.jeu.kitId];
  rennes = await makerFor(sql, world, { kitIds: both, departements: ["35"] });
  brest = await makerFor(sql, world, { kitIds: both, departements: ["35", "29"], commune: "29019" });
  marseille = await makerFor(sql, world, { kitIds: both, departements: ["13"], commune: "13055" });
  order = await approvedOrder(sql, world, [{ kitId: world.coffret.kitId, quantity: 2 }]);
  paris = await approvedOrder(sql, world, [{ kitId: world.jeu.kitId, quantity: 1 }], "75056");
  const person = async (options: Parameters<typeof createPerson>[1]) => sessionCookie(sql, (await createPerson(sql, options)).id);
  cookies.admin = await person({ roles: ["admin"], totp: true });
  cookies.instructor35 = await person({ roles: ["instructor"], scope: "departement:35", totp: true });
  cookies.instructor75 = await person({ roles: ["instructor"], scope: "departement:75", totp: true });
  cookies.maker = await sessionCookie(sql, rennes.memberId);
  cookies.structure = await sessionCookie(sql, order.memberId);
});

afterAll(async () => {
  await sql?.end();
  await server?.stop();
});

const headers = (who: Who): Record<string, string> => (who ? { Cookie: cookies[who] } : {});
const get = (who: Who, path: string) => fetch(`${server.url}${path}`, { redirect: "manual", headers: headers(who) });
function post(who: Who, path: string, fields: [string, string][] | Record<string, string>) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    redirect: "manual",
    headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded", ...headers(who) },
  });
}
const truncated = (who: Who, path: string) =>
  fetch(`${server.url}${path}`, {
    method: "POST",
    body: '--x\r\nContent-Disposition: form-data; name="reason"\r\n\r\nPas de',
    redirect: "manual",
    headers: { Origin: server.url, "Content-Type": "multipart/form-data; boundary=x", ...headers(who) },
  });

/** Everything these routes can change, to see that a refusal changed nothing. */
const snapshot = async () =>
  (
    await sql`
    select (select count(*)::int from routing_runs) as runs,
           (select coalesce(json_agg(f order by f.id), '[]') from (select id, maker_id, status from fulfilments) f) as shares,
           (select coalesce(json_agg(l order by l.maker_id, l.kit_id, l.month), '[]') from maker_monthly_load l) as loads,
           (select coalesce(json_agg(c order by c.maker_id, c.kit_id), '[]') from (select maker_id, kit_id, paused from maker_capacity) c) as capacity`
  )[0];

const shareOfOrder = async (orderId: number) =>
  (await sql<{ id: number; makerId: number }[]>`select id, maker_id from fulfilments where order_id = ${orderId} and status = 'routed'`)[0];

describe("/admin/routage", () => {
  test("the admin's alone: others are refused, the anonymous sent to sign in", async () => {
    expect((await get("admin", "/admin/routage")).status).toBe(200);
    for (const who of ["instructor35", "maker", "structure"] as const) expect((await get(who, "/admin/routage")).status).toBe(403);
    expect((await get(null, "/admin/routage")).headers.get("Location")).toMatch(/^\/connexion/);
    const before = await snapshot();
    for (const who of ["instructor35", "maker", "structure"] as const) expect((await post(who, "/admin/routage", { seed: "1" })).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  test("a bad seed is refused by its field; nothing runs", async () => {
    const before = await snapshot();
    for (const seed of ["abc", "-1", "1e3", "2147483648", "99999999999999999999", "1".repeat(5000)]) {
      const answer = await post("admin", "/admin/routage", { seed });
      expect(answer.status, JSON.stringify(seed).slice(0, 40)).toBe(400);
      expect(await textOf(answer)).toContain("La graine est un nombre entier de 0 à 2 147 483 647");
    }
    // A NUL is stopped before the route, by the server's request guard.
    expect((await post("admin", "/admin/routage", { seed: "7\0" })).status).toBe(400);
    expect(
      (
        await post("admin", "/admin/routage", [
          ["__proto__", "x"],
          ["constructor", "y"],
          ["seed", "x"],
        ])
      ).status,
    ).toBe(400);
    expect((await truncated("admin", "/admin/routage")).status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  test("a run with the seed given: the notice names it, the page explains the line it could not route", async () => {
    const done = await post("admin", "/admin/routage", { seed: "77" });
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/admin/routage?fait=route&unites=2&graine=77");
    expect((await sql`select seed from routing_runs order by id desc limit 1`)[0].seed).toBe(77);
    expect((await shareOfOrder(order.orderId)).makerId).toBe(rennes.makerId);
    const html = await (await get("admin", done.headers.get("Location")!)).text();
    const page = await textOf(new Response(html));
    expect(page).toContain("Le routage a confié 2 unités aux fabricants (graine 77).");
    expect(page).toContain(`n° ${paris.orderId}`);
    expect(page).toContain("Aucun fabricant ne livre ce kit dans le département 75.");
    expect(html).toContain(`href="/admin/routage/parts/${(await shareOfOrder(order.orderId)).id}"`);
  });
});

describe("overriding a share", () => {
  test("the instructor of the département and the admin see it with its candidates; others get a 403 or a 404", async () => {
    const share = await shareOfOrder(order.orderId);
    const page = await get("instructor35", `/instruction/routage/parts/${share.id}`);
    expect(page.status).toBe(200);
    const text = await textOf(page);
    expect(text).toContain(`Part de la commande n° ${order.orderId}`);
    expect(text).toContain(`Fablab ${brest.memberId}`);
    expect(text).not.toContain(`Fablab ${marseille.memberId}`);
    expect((await get("admin", `/admin/routage/parts/${share.id}`)).status).toBe(200);
    expect((await get("instructor75", `/instruction/routage/parts/${share.id}`)).status).toBe(404);
    expect((await get("instructor35", `/admin/routage/parts/${share.id}`)).status).toBe(403);
    expect((await get("maker", `/instruction/routage/parts/${share.id}`)).status).toBe(403);
    for (const id of ["99999999999999999999", "0", "1e3", "__proto__", String(2 ** 53)])
      expect((await get("admin", `/admin/routage/parts/${id}`)).status, id).toBe(404);
    expect((await get("admin", "/admin/routage/parts/%00")).status).toBe(400);
  });

  test("hostile or wrong choices are a 4xx by field; nothing changes", async () => {
    const share = await shareOfOrder(order.orderId);
    const path = `/instruction/routage/parts/${share.id}`;
    const before = await snapshot();
    const reason = "Le fablab de Rennes est fermé.";
    const refusals: [Record<string, string> | [string, string][], number][] = [
      [{ reason }, 400],
      [{ makerId: "__proto__", reason }, 400],
      [{ makerId: "99999999999999999999", reason }, 400],
      [{ makerId: `${brest.makerId}\0`, reason }, 400],
      [{ makerId: String(brest.makerId), reason: "" }, 400],
      [{ makerId: String(brest.makerId), reason: "x".repeat(2001) }, 400],
      [{ makerId: String(rennes.makerId), reason }, 400],
      [{ makerId: String(marseille.makerId), reason }, 400],
      [{ makerId: String(2 ** 50), reason }, 400],
      [
        [
          ["makerId", String(brest.makerId)],
          ["makerId", String(marseille.makerId)],
          ["reason", reason],
        ],
        400,
      ],
    ];
    for (const [fields, status] of refusals)
      expect((await post("instructor35", path, fields)).status, JSON.stringify(fields).slice(0, 80)).toBe(status);
    expect((await post("instructor75", path, { makerId: String(brest.makerId), reason })).status).toBe(404);
    expect((await post("maker", path, { makerId: String(brest.makerId), reason })).status).toBe(403);
    expect((await truncated("instructor35", path)).status).toBe(400);
    const wrong = await post("instructor35", path, { makerId: String(marseille.makerId), reason });
    expect(await textOf(wrong)).toContain("Ce fabricant ne peut pas prendre cette part");
    expect(await snapshot()).toEqual(before);
  });

  test("the instructor moves the share to another maker, and lands on the new share's page", async () => {
    const share = await shareOfOrder(order.orderId);
    const done = await post("instructor35", `/instruction/routage/parts/${share.id}`, {
      makerId: String(brest.makerId),
      reason: "Le fablab de Rennes est fermé.",
    });
    expect(done.status).toBe(302);
    const moved = await shareOfOrder(order.orderId);
    expect(moved.makerId).toBe(brest.makerId);
    expect(done.headers.get("Location")).toBe(`/instruction/routage/parts/${moved.id}?fait=confiee`);
    expect(await textOf(await get("instructor35", done.headers.get("Location")!))).toContain("La part est confiée à ce fabricant");
    const [old] = await sql`select status from fulfilments where id = ${share.id}`;
    expect(old.status).toBe("cancelled");
  });
});

describe("withdrawing a maker", () => {
  test("the admin's page, linked from the makers' list; others refused; unknown makers 404", async () => {
    expect(await (await get("admin", "/admin/fabricants")).text()).toContain(`href="/admin/fabricants/${brest.makerId}/retrait"`);
    expect((await get("admin", `/admin/fabricants/${brest.makerId}/retrait`)).status).toBe(200);
    expect((await get("instructor35", `/admin/fabricants/${brest.makerId}/retrait`)).status).toBe(403);
    expect((await get("maker", `/admin/fabricants/${brest.makerId}/retrait`)).status).toBe(403);
    for (const id of ["99999999999999999999", "0", "abc", String(2 ** 52)])
      expect((await get("admin", `/admin/fabricants/${id}/retrait`)).status, id).toBe(404);
  });

  test("no reason, a stranger, a hostile body: refused, nothing changes; then the maker's open shares are taken back", async () => {
    const path = `/admin/fabricants/${brest.makerId}/retrait`;
    const before = await snapshot();
    expect((await post("admin", path, { reason: "" })).status).toBe(400);
    expect((await post("admin", path, { reason: "x".repeat(2001) })).status).toBe(400);
    expect((await post("admin", path, [["__proto__", "x"]])).status).toBe(400);
    expect((await truncated("admin", path)).status).toBe(400);
    expect((await post("instructor35", path, { reason: "Injoignable." })).status).toBe(403);
    expect((await post("admin", "/admin/fabricants/99999999/retrait", { reason: "Injoignable." })).status).toBe(404);
    expect(await snapshot()).toEqual(before);

    const done = await post("admin", path, { reason: "Injoignable depuis un mois." });
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe(`${path}?fait=retire&reprises=1&enFabrication=0`);
    expect(await shareOfOrder(order.orderId)).toBeUndefined();
    expect((await sql`select bool_and(paused) as paused from maker_capacity where maker_id = ${brest.makerId}`)[0].paused).toBe(true);
  });
});
