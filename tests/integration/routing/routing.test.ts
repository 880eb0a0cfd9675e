// Routing on PostgreSQL: a run gives approved orders to the nearest makers with capacity, writes
// the shares, their purchase orders, the makers' months and the e-mails, and explains what it
// could not route; an override moves a share to another maker; a withdrawal takes a maker's open
// shares back. Two runs at once never route a unit twice nor fill a month past its capacity.
import { beforeEach, describe, expect, test } from "vitest";
import { connect, db } from "~/infra/db.server";
import { Conflict, NotFound, Refused } from "~/infra/domain-errors";
import { parisMonth } from "~/infra/paris-time";
import { overrideRoute, routeOrders, shareForOverride, withdrawMaker } from "~/routing/routing.server";
import { approvedOrder, makerFor, shareOf } from "../../support/fulfilment-world";
import { instructorOf, ordersWorld, type OrdersWorld } from "../../support/orders-world";

const RENNES = "35238";
const BREST = "29019";
const MARSEILLE = "13055";

let world: OrdersWorld;

beforeEach(async () => {
  world = await ordersWorld(db);
});

const run = (seed = 42, now = world.now) => routeOrders({ campaignId: world.campaign.id, seed, actorId: world.adminId, now });

async function sharesOf(orderId: number) {
  return db<{ id: number; makerId: number; status: string; distanceKm: number; routingRunId: number | null; overrideReason: string | null }[]>`
    select id, maker_id, status, distance_km, routing_run_id, override_reason from fulfilments where order_id = ${orderId} order by id`;
}

async function linesOf(fulfilmentId: number) {
  return db<
    { kitId: number; quantity: number }[]
  >`select kit_id, quantity from fulfilment_lines where fulfilment_id = ${fulfilmentId} order by kit_id`;
}

/** Every invariant routing must hold, read back from the tables: empty when all hold. */
async function broken(): Promise<string[]> {
  const lines = await db<{ orderId: number; kitId: number }[]>`
    select ol.order_id, ol.kit_id from order_lines ol
    where ol.routed_units <> (select coalesce(sum(fl.quantity), 0) from fulfilment_lines fl join fulfilments f on f.id = fl.fulfilment_id
                              where fl.order_id = ol.order_id and fl.kit_id = ol.kit_id and f.status not in ('refused', 'cancelled'))
       or ol.routed_units > ol.quantity`;
  const months = await db<{ makerId: number; kitId: number; month: string }[]>`
    select l.maker_id, l.kit_id, l.month::text from maker_monthly_load l
    where l.routed_units <> (select coalesce(sum(fl.quantity), 0) from fulfilment_lines fl join fulfilments f on f.id = fl.fulfilment_id
                             where f.maker_id = l.maker_id and fl.kit_id = l.kit_id and f.month = l.month and f.status not in ('refused', 'cancelled'))
       or l.routed_units > l.capacity`;
  return [...lines.map((l) => `order ${l.orderId} kit ${l.kitId}`), ...months.map((m) => `maker ${m.makerId} kit ${m.kitId} ${m.month}`)];
}

describe("routeOrders", () => {
  test("an approved order goes to the nearest covering maker, with its purchase order, its month counted and its members told", async () => {
    const brest = await makerFor(db, world, { kitIds: [world.coffret.kitId, world.jeu.kitId], departements: ["35", "29"], commune: BREST });
    const rennes = await makerFor(db, world, { kitIds: [world.coffret.kitId, world.jeu.kitId], departements: ["35"] });
    const order = await approvedOrder(db, world, [
      { kitId: world.coffret.kitId, quantity: 3 },
      { kitId: world.jeu.kitId, quantity: 2 },
    ]);

    const result = await run(1234);

    expect(result.summary).toMatchObject({ routedUnits: 5, totalCost: 0, shares: 1, unrouted: [] });
    const [share] = await sharesOf(order.orderId);
    expect(share).toMatchObject({ makerId: rennes.makerId, status: "routed", distanceKm: 0, routingRunId: result.id });
    expect(await linesOf(share.id)).toEqual([
      { kitId: world.coffret.kitId, quantity: 3 },
      { kitId: world.jeu.kitId, quantity: 2 },
    ]);
    const [{ status }] = await db<{ status: string }[]>`select status from orders where id = ${order.orderId}`;
    expect(status).toBe("routed");
    const loads =
      await db`select maker_id, kit_id, routed_units, capacity from maker_monthly_load where month = ${parisMonth(world.now)} and maker_id = ${rennes.makerId} order by kit_id`;
    expect(loads.map((l) => ({ ...l }))).toEqual([
      { makerId: rennes.makerId, kitId: world.coffret.kitId, routedUnits: 3, capacity: 100 },
      { makerId: rennes.makerId, kitId: world.jeu.kitId, routedUnits: 2, capacity: 100 },
    ]);
    const [run_] = await db<{ seed: number }[]>`select seed from routing_runs where id = ${result.id}`;
    expect(run_.seed).toBe(1234);
    const [document] = await db<
      { sha256: string }[]
    >`select sha256 from order_documents where kind = 'purchase_order' and fulfilment_id = ${share.id}`;
    const [audit] = await db<{ data: { purchaseOrderSha256: string; seed: number } }[]>`
      select data from audit_log where action = 'fulfilment.routed' and subject = ${`fulfilment:${share.id}`}`;
    expect(audit.data).toMatchObject({ purchaseOrderSha256: document.sha256, seed: 1234 });
    const mails = await db<{ toAddress: string; textBody: string }[]>`
      select to_address, text_body from mail_outbox where subject like ${`Commande n° ${order.orderId} :%`}`;
    const [member] = await db<{ email: string }[]>`select email from users where id = ${rennes.memberId}`;
    expect(mails.map((m) => m.toAddress)).toEqual([member.email]);
    expect(mails[0].textBody).toContain(`/fabricant/commandes/${share.id}`);
    expect(brest.makerId).not.toBe(rennes.makerId);
    expect(await broken()).toEqual([]);
  });

  test("units beyond a month's capacity are explained; next month, a share still counted on this one does not grow", async () => {
    const maker = await makerFor(db, world, { kitIds: [world.coffret.kitId], departements: ["35"], unitsPerMonth: 2 });
    const order = await approvedOrder(db, world, [{ kitId: world.coffret.kitId, quantity: 3 }]);

    const first = await run();
    expect(first.summary.routedUnits).toBe(2);
    expect(first.summary.unrouted).toEqual([
      {
        orderId: order.orderId,
        kitId: world.coffret.kitId,
        departement: "35",
        units: 1,
        cause: "capacity",
        reason: "Le seul fabricant qui livre ce kit dans le département 35 a épuisé sa capacité de ce mois : il manque 1 unité pour cette ligne.",
      },
    ]);
    expect((await db`select status from orders where id = ${order.orderId}`)[0].status).toBe("approved");
    expect((await run()).summary.routedUnits).toBe(0);

    const nextMonth = new Date(world.now.getTime() + 32 * 24 * 3600_000);
    const later = await run(7, nextMonth);
    expect(later.summary.routedUnits).toBe(0);
    expect(later.summary.unrouted.map((u) => [u.orderId, u.units, u.cause])).toEqual([[order.orderId, 1, "busy"]]);
    const shares = await sharesOf(order.orderId);
    expect(shares.map((s) => s.makerId)).toEqual([maker.makerId]);
    expect(await linesOf(shares[0].id)).toEqual([{ kitId: world.coffret.kitId, quantity: 2 }]);

    // Another maker takes the rest, in a share of its own with its own purchase order.
    const other = await makerFor(db, world, { kitIds: [world.coffret.kitId], departements: ["35"], commune: BREST });
    expect((await run(8, nextMonth)).summary).toMatchObject({ routedUnits: 1, unrouted: [] });
    expect((await sharesOf(order.orderId)).map((s) => s.makerId)).toEqual([maker.makerId, other.makerId]);
    const [{ documents }] = await db<
      { documents: number }[]
    >`select count(*)::int as documents from order_documents where order_id = ${order.orderId}`;
    expect(documents).toBe(2);
    expect((await db`select status from orders where id = ${order.orderId}`)[0].status).toBe("routed");
    expect(await broken()).toEqual([]);
  });

  test("a second run in the same month adds to the maker's share still to be accepted, without a second purchase order", async () => {
    const maker = await makerFor(db, world, { kitIds: [world.coffret.kitId, world.jeu.kitId], departements: ["35"] });
    const order = await approvedOrder(db, world, [{ kitId: world.coffret.kitId, quantity: 2 }]);
    await run();
    await db`insert into order_lines (order_id, kit_id, quantity, unit_price_cents) values (${order.orderId}, ${world.jeu.kitId}, 1, 6450)`;
    await db`update orders set status = 'approved' where id = ${order.orderId}`;
    await run();
    const shares = await sharesOf(order.orderId);
    expect(shares.map((s) => [s.makerId, s.status])).toEqual([[maker.makerId, "routed"]]);
    expect(await linesOf(shares[0].id)).toEqual([
      { kitId: world.coffret.kitId, quantity: 2 },
      { kitId: world.jeu.kitId, quantity: 1 },
    ]);
    const [{ documents }] = await db<
      { documents: number }[]
    >`select count(*)::int as documents from order_documents where order_id = ${order.orderId}`;
    expect(documents).toBe(1);
    const [{ action }] = await db`select action from audit_log where subject = ${`fulfilment:${shares[0].id}`} order by id desc limit 1`;
    expect(action).toBe("fulfilment.grown");
    expect(await broken()).toEqual([]);
  });

  test("a run with nothing to route is recorded with its seed and an empty summary", async () => {
    const result = await run(5);
    expect(result).toEqual({ id: result.id, seed: 5, summary: { routedUnits: 0, totalCost: 0, shares: 0, unrouted: [] } });
    const [row] = await db<{ seed: number; summary: unknown }[]>`select seed, summary from routing_runs where id = ${result.id}`;
    expect(row).toEqual({ seed: 5, summary: result.summary });
    // Without a seed, one is drawn and kept, so the run can be replayed.
    const drawn = await routeOrders({ campaignId: world.campaign.id, actorId: world.adminId, now: world.now });
    expect((await db<{ seed: number }[]>`select seed from routing_runs where id = ${drawn.id}`)[0].seed).toBe(drawn.seed);
    await expect(routeOrders({ campaignId: world.campaign.id, seed: -1, actorId: world.adminId, now: world.now })).rejects.toBeInstanceOf(Refused);
  });

  test("no maker, paused makers: each line says why, nothing is written for it", async () => {
    const paused = await makerFor(db, world, { kitIds: [world.jeu.kitId], departements: ["35"] });
    await db`update maker_capacity set paused = true where maker_id = ${paused.makerId}`;
    const order = await approvedOrder(db, world, [
      { kitId: world.coffret.kitId, quantity: 1 },
      { kitId: world.jeu.kitId, quantity: 1 },
    ]);
    const result = await run();
    expect(result.summary.unrouted.map((u) => [u.kitId, u.cause, u.reason])).toEqual([
      [world.coffret.kitId, "no_maker", "Aucun fabricant ne livre ce kit dans le département 35."],
      [world.jeu.kitId, "paused", "Le seul fabricant qui livre ce kit dans le département 35 est en pause."],
    ]);
    expect(await sharesOf(order.orderId)).toEqual([]);
  });

  test("a maker who already accepted a share of the order is not given more of it", async () => {
    const near = await makerFor(db, world, { kitIds: [world.coffret.kitId, world.jeu.kitId], departements: ["35"] });
    const far = await makerFor(db, world, { kitIds: [world.jeu.kitId], departements: ["35"], commune: MARSEILLE });
    const order = await approvedOrder(db, world, [{ kitId: world.coffret.kitId, quantity: 2 }]);
    await shareOf(db, order, near, "accepted", world.now);
    await db`insert into order_lines (order_id, kit_id, quantity, unit_price_cents) values (${order.orderId}, ${world.jeu.kitId}, 1, 6450)`;
    await db`update orders set status = 'approved' where id = ${order.orderId}`;

    await run();
    const shares = await sharesOf(order.orderId);
    expect(shares.map((s) => [s.makerId, s.status])).toEqual([
      [near.makerId, "accepted"],
      [far.makerId, "routed"],
    ]);
    expect(shares[1].distanceKm).toBeGreaterThan(600);
  });

  test("two runs at once never route a unit twice nor fill a month past its capacity", async () => {
    for (const commune of [RENNES, BREST])
      await makerFor(db, world, { kitIds: [world.coffret.kitId, world.jeu.kitId], departements: ["35", "29"], commune, unitsPerMonth: 9 });
    for (let i = 0; i < 12; i++)
      await approvedOrder(
        db,
        world,
        [
          { kitId: world.coffret.kitId, quantity: 2 },
          { kitId: world.jeu.kitId, quantity: 1 },
        ],
        i % 2 ? RENNES : BREST,
      );
    const pool = connect(process.env.DATABASE_URL!, { max: 4 });
    try {
      const runs = await Promise.all(
        [1, 2].map((seed) => routeOrders({ campaignId: world.campaign.id, seed, actorId: world.adminId, now: world.now }, pool)),
      );
      expect(runs[0].summary.routedUnits + runs[1].summary.routedUnits).toBe(30);
    } finally {
      await pool.end({ timeout: 5 });
    }
    expect(await broken()).toEqual([]);
    const [{ live }] = await db<{ live: number }[]>`
      select count(*)::int as live from fulfilments f join orders o on o.id = f.order_id where o.campaign_id = ${world.campaign.id} and f.status = 'routed'`;
    expect(live).toBeGreaterThan(0);
  });
});

describe("overrideRoute", () => {
  test("an instructor of the département gives a share to another maker, with the reason; its units move with it", async () => {
    const rennes = await makerFor(db, world, { kitIds: [world.coffret.kitId], departements: ["35"] });
    const brest = await makerFor(db, world, { kitIds: [world.coffret.kitId], departements: ["35"], commune: BREST, unitsPerMonth: 5 });
    const order = await approvedOrder(db, world, [{ kitId: world.coffret.kitId, quantity: 4 }]);
    await run();
    const [share] = await sharesOf(order.orderId);
    const instructor = await instructorOf(db, "35");

    const view = await shareForOverride({ fulfilmentId: share.id, actorId: instructor, now: world.now });
    expect(view.candidates.map((c) => [c.makerId, c.remaining[0].units])).toEqual([[brest.makerId, 5]]);

    const moved = await overrideRoute({
      fulfilmentId: share.id,
      makerId: brest.makerId,
      reason: "Le fablab de Rennes est fermé.",
      actorId: instructor,
      now: world.now,
    });
    const shares = await sharesOf(order.orderId);
    expect(shares.map((s) => [s.id, s.makerId, s.status, s.overrideReason])).toEqual([
      [share.id, rennes.makerId, "cancelled", null],
      [moved.fulfilmentId, brest.makerId, "routed", "Le fablab de Rennes est fermé."],
    ]);
    const loads =
      await db`select maker_id, routed_units from maker_monthly_load where maker_id in ${db([rennes.makerId, brest.makerId])} order by maker_id`;
    expect(loads.map((l) => [l.makerId, l.routedUnits])).toEqual([
      [rennes.makerId, 0],
      [brest.makerId, 4],
    ]);
    expect(await broken()).toEqual([]);
    const [{ count }] = await db<
      { count: number }[]
    >`select count(*)::int from audit_log where action = 'fulfilment.overridden' and subject = ${`fulfilment:${share.id}`}`;
    expect(count).toBe(1);
  });

  test("refused, nothing changed: another département's instructor, a maker not covering, a month too full, a share in production", async () => {
    const rennes = await makerFor(db, world, { kitIds: [world.coffret.kitId], departements: ["35"] });
    const marseille = await makerFor(db, world, { kitIds: [world.coffret.kitId], departements: ["13"], commune: MARSEILLE });
    const small = await makerFor(db, world, { kitIds: [world.coffret.kitId], departements: ["35"], commune: BREST, unitsPerMonth: 1 });
    const order = await approvedOrder(db, world, [{ kitId: world.coffret.kitId, quantity: 3 }]);
    await run();
    const [share] = await sharesOf(order.orderId);
    const override = (makerId: number, actorId = world.adminId, fulfilmentId = share.id) =>
      overrideRoute({ fulfilmentId, makerId, reason: "Raison de l'essai.", actorId, now: world.now });
    const before = await db`select id, maker_id, status from fulfilments order by id`;

    await expect(override(small.makerId, await instructorOf(db, "75"))).rejects.toBeInstanceOf(NotFound);
    await expect(override(marseille.makerId)).rejects.toBeInstanceOf(Refused);
    await expect(override(rennes.makerId)).rejects.toBeInstanceOf(Refused);
    await expect(override(small.makerId)).rejects.toBeInstanceOf(Conflict);
    await expect(override(small.makerId, world.adminId, 2 ** 60)).rejects.toBeInstanceOf(NotFound);
    await expect(
      overrideRoute({ fulfilmentId: share.id, makerId: small.makerId, reason: "  ", actorId: world.adminId, now: world.now }),
    ).rejects.toBeInstanceOf(Refused);
    expect(await db`select id, maker_id, status from fulfilments order by id`).toEqual(before);
    expect(await broken()).toEqual([]);

    await db`update fulfilments set status = 'in_production' where id = ${share.id}`;
    await db`update maker_capacity set units_per_month = 10 where maker_id = ${small.makerId}`;
    await expect(override(small.makerId)).rejects.toBeInstanceOf(Conflict);
  });
});

describe("withdrawMaker", () => {
  test("an admin takes back a maker's open shares, its kits are paused, and the next run routes them elsewhere", async () => {
    const gone = await makerFor(db, world, { kitIds: [world.coffret.kitId], departements: ["35"] });
    const other = await makerFor(db, world, { kitIds: [world.coffret.kitId], departements: ["35"], commune: BREST });
    const routed = await approvedOrder(db, world, [{ kitId: world.coffret.kitId, quantity: 2 }]);
    const accepted = await approvedOrder(db, world, [{ kitId: world.coffret.kitId, quantity: 1 }]);
    const building = await approvedOrder(db, world, [{ kitId: world.coffret.kitId, quantity: 1 }]);
    const routedShare = await shareOf(db, routed, gone, "routed", world.now);
    const acceptedShare = await shareOf(db, accepted, gone, "accepted", world.now);
    const buildingShare = await shareOf(db, building, gone, "in_production", world.now);

    await expect(
      withdrawMaker({ makerId: gone.makerId, reason: "Injoignable depuis un mois.", actorId: gone.memberId, now: world.now }),
    ).rejects.toBeInstanceOf(NotFound);
    const result = await withdrawMaker({ makerId: gone.makerId, reason: "Injoignable depuis un mois.", actorId: world.adminId, now: world.now });

    expect(result).toEqual({
      cancelled: [
        { fulfilmentId: routedShare.fulfilmentId, orderId: routed.orderId },
        { fulfilmentId: acceptedShare.fulfilmentId, orderId: accepted.orderId },
      ],
      inProduction: [{ fulfilmentId: buildingShare.fulfilmentId, orderId: building.orderId, status: "in_production" }],
    });
    expect((await db`select paused from maker_capacity where maker_id = ${gone.makerId}`)[0].paused).toBe(true);
    expect((await db`select status from orders where id = ${routed.orderId}`)[0].status).toBe("approved");
    expect(await broken()).toEqual([]);

    await run();
    expect((await sharesOf(routed.orderId)).map((s) => [s.makerId, s.status])).toEqual([
      [gone.makerId, "cancelled"],
      [other.makerId, "routed"],
    ]);
    expect((await db`select status from fulfilments where id = ${buildingShare.fulfilmentId}`)[0].status).toBe("in_production");
  });
});
