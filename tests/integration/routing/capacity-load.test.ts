// The makers' monthly capacity under load, through the domain functions: 20 concurrent clients run
// the routing 8 times and move 60 shares by overrides, against makers whose months are far smaller
// than the demand. Not a unit over any month's capacity, not a unit routed twice, counters equal to
// the shares' lines. The same demand through a naive read-then-write routing, written below, must
// break it: proof that these checks can see an overfilled month.
import { beforeAll, describe, expect, test } from "vitest";
import { connect, db, type Sql } from "~/infra/db.server";
import { Conflict, Refused } from "~/infra/domain-errors";
import { parisMonth } from "~/infra/paris-time";
import { planRoutes, type LineToRoute, type MakerOffer } from "~/routing/route-plan";
import { overrideRoute, routeOrders } from "~/routing/routing.server";
import { approvedOrder, makerFor } from "../../support/fulfilment-world";
import { ordersWorld, type OrdersWorld } from "../../support/orders-world";

const CLIENTS = 20;
const RUNS = 8;
const OVERRIDES = 60;
const ORDERS = 60;
// 6 makers × 12 units a month per kit against ~60 units asked per kit: a little room, fought over.
const UNITS_PER_MONTH = 12;
const COMMUNES = ["35238", "29019", "13055", "69123", "48095", "75056"];
const DEPARTEMENTS = ["35", "29", "13", "69", "48", "75"];

let pool: ReturnType<typeof connect>;

beforeAll(() => {
  pool = connect(process.env.DATABASE_URL!, { max: 12 });
  return () => pool.end({ timeout: 5 });
});

function seeded(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

/** A fresh campaign: six makers of 12 units a month per kit, each delivering everywhere, and 60 approved orders of 1 to 3 units. */
async function scenario(): Promise<{ world: OrdersWorld; makerIds: number[] }> {
  const world = await ordersWorld(db);
  const makerIds: number[] = [];
  for (const commune of COMMUNES) {
    const maker = await makerFor(db, world, {
      kitIds: [world.coffret.kitId, world.jeu.kitId],
      departements: DEPARTEMENTS,
      commune,
      unitsPerMonth: UNITS_PER_MONTH,
    });
    makerIds.push(maker.makerId);
  }
  const random = seeded(20_211_201);
  for (let i = 0; i < ORDERS; i++) {
    const kitId = random() < 0.5 ? world.coffret.kitId : world.jeu.kitId;
    await approvedOrder(db, world, [{ kitId, quantity: 1 + Math.floor(random() * 3) }], COMMUNES[i % COMMUNES.length]);
  }
  return { world, makerIds };
}

async function concurrently(tasks: (() => Promise<unknown>)[]): Promise<unknown[]> {
  const errors: unknown[] = [];
  let next = 0;
  const client = async () => {
    while (next < tasks.length) {
      const task = tasks[next++];
      try {
        await task();
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return errors;
}

/** What the campaign's makers' months and order lines hold, from the shares themselves. */
async function figures(campaignId: number) {
  const [months] = await db<{ overCapacity: number; countersDiffer: number }[]>`
    with live as (
      select f.maker_id, fl.kit_id, f.month, sum(fl.quantity)::int as units
      from fulfilments f join fulfilment_lines fl on fl.fulfilment_id = f.id join orders o on o.id = f.order_id
      where o.campaign_id = ${campaignId} and f.status not in ('refused', 'cancelled') group by 1, 2, 3)
    select coalesce(sum(greatest(live.units - coalesce(l.capacity, c.units_per_month), 0)), 0)::int as over_capacity,
           count(*) filter (where live.units <> coalesce(l.routed_units, 0))::int as counters_differ
    from live join maker_capacity c using (maker_id, kit_id)
    left join maker_monthly_load l on l.maker_id = live.maker_id and l.kit_id = live.kit_id and l.month = live.month`;
  const [lines] = await db<{ routedTwice: number; countersDiffer: number; routedUnits: number }[]>`
    with live as (
      select ol.order_id, ol.kit_id, ol.quantity, ol.routed_units,
             (select coalesce(sum(fl.quantity), 0)::int from fulfilment_lines fl join fulfilments f on f.id = fl.fulfilment_id
              where fl.order_id = ol.order_id and fl.kit_id = ol.kit_id and f.status not in ('refused', 'cancelled')) as in_shares
      from order_lines ol join orders o on o.id = ol.order_id where o.campaign_id = ${campaignId})
    select coalesce(sum(greatest(in_shares - quantity, 0)), 0)::int as routed_twice,
           count(*) filter (where in_shares <> routed_units)::int as counters_differ,
           coalesce(sum(in_shares), 0)::int as routed_units
    from live`;
  return {
    overCapacity: months.overCapacity,
    monthCountersDiffer: months.countersDiffer,
    routedTwice: lines.routedTwice,
    lineCountersDiffer: lines.countersDiffer,
    routedUnits: lines.routedUnits,
  };
}

describe("the makers' months under load", () => {
  test("concurrent runs and overrides never fill a month past its capacity nor route a unit twice", { timeout: 600_000 }, async () => {
    const { world, makerIds } = await scenario();
    const random = seeded(42);
    const run = (seed: number) => () => routeOrders({ campaignId: world.campaign.id, seed, actorId: world.adminId, now: world.now }, pool);
    // Half the runs first, so the overrides have shares to move from the start.
    await run(1)();
    const override = () => async () => {
      const shares = await pool<{ id: number }[]>`
        select f.id from fulfilments f join orders o on o.id = f.order_id where o.campaign_id = ${world.campaign.id} and f.status = 'routed' order by f.id`;
      const share = shares[Math.floor(random() * shares.length)];
      const makerId = makerIds[Math.floor(random() * makerIds.length)];
      await overrideRoute({ fulfilmentId: share.id, makerId, reason: "Essai de charge.", actorId: world.adminId, now: world.now }, pool);
    };
    const tasks = [...Array.from({ length: RUNS - 1 }, (_, i) => run(i + 2)), ...Array.from({ length: OVERRIDES }, override)];
    for (let i = tasks.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [tasks[i], tasks[j]] = [tasks[j], tasks[i]];
    }
    const errors = await concurrently(tasks);
    // Refusals (a month too full, the same maker, a share already moved) are answers; anything else is a fault.
    expect(errors.filter((error) => !(error instanceof Refused)).map(String)).toEqual([]);
    expect(errors.length).toBeLessThan(OVERRIDES);

    const seen = await figures(world.campaign.id);
    expect(seen).toEqual({
      overCapacity: 0,
      monthCountersDiffer: 0,
      routedTwice: 0,
      lineCountersDiffer: 0,
      routedUnits: await routable(world, makerIds.length),
    });
    // Overrides fought over the little room left: some months were filled to the last unit.
    const [{ full }] = await db<{ full: number }[]>`
      select count(*)::int as full from maker_monthly_load where maker_id = any(${makerIds}::bigint[]) and routed_units = capacity`;
    expect(full).toBeGreaterThan(0);
    expect(errors.some((error) => error instanceof Conflict)).toBe(true);
    const [{ moved }] = await db<{ moved: number }[]>`
      select count(*)::int as moved from fulfilments f join orders o on o.id = f.order_id
      where o.campaign_id = ${world.campaign.id} and f.override_reason is not null`;
    expect(moved).toBeGreaterThan(5);
  });

  test("the same demand through a naive read-then-write routing overfills months, and the same checks see it", { timeout: 600_000 }, async () => {
    const { world } = await scenario();
    const errors = await concurrently(Array.from({ length: RUNS }, (_, seed) => () => naiveRoute(world, seed)));
    expect(errors.length).toBeLessThan(RUNS - 1);
    const seen = await figures(world.campaign.id);
    expect(seen.overCapacity + seen.routedTwice).toBeGreaterThan(0);
    expect(seen.monthCountersDiffer + seen.lineCountersDiffer).toBeGreaterThan(0);
  });
});

/** What a maximum routing holds: per kit, the units asked or the months' capacity, whichever is smaller (every maker delivers everywhere). */
async function routable(world: OrdersWorld, makers: number): Promise<number> {
  const [{ units }] = await db<{ units: number }[]>`
    select coalesce(sum(least(asked, ${makers * UNITS_PER_MONTH})), 0)::int as units from (
      select sum(ol.quantity) as asked from order_lines ol join orders o on o.id = ol.order_id where o.campaign_id = ${world.campaign.id} group by ol.kit_id) k`;
  return units;
}

// The race this portal must not ship: read what each month has left, plan, write the sums read + n.
async function naiveRoute(world: OrdersWorld, seed: number) {
  const month = parisMonth(world.now);
  await pool.begin(async (tx: Sql) => {
    const [run]: [{ id: number }] = await tx`
      insert into routing_runs (campaign_id, seed, run_at, summary) values (${world.campaign.id}, ${seed}, ${world.now}, '{}') returning id`;
    const lines = await tx<LineToRoute[]>`
      select ol.order_id, ol.kit_id, ol.quantity - ol.routed_units as units, o.departement_code as departement
      from order_lines ol join orders o on o.id = ol.order_id
      where o.campaign_id = ${world.campaign.id} and o.status = 'approved' and ol.routed_units < ol.quantity order by ol.order_id`;
    const offers = await tx<MakerOffer[]>`
      select c.maker_id, c.kit_id, mc.departement_code as maker_departement, c.paused,
             array(select v.departement_code from maker_coverage v where v.maker_id = c.maker_id and v.kit_id = c.kit_id) as departements,
             (c.units_per_month - coalesce(l.routed_units, 0))::int as remaining_units
      from maker_capacity c join makers m on m.id = c.maker_id join communes mc on mc.insee_code = m.commune_code
      left join maker_monthly_load l on l.maker_id = c.maker_id and l.kit_id = c.kit_id and l.month = ${month}
      where c.kit_id in (${world.coffret.kitId}, ${world.jeu.kitId})`;
    const plan = planRoutes(lines, offers, seed);
    const sorted = [...plan.routes].sort((a, b) => a.makerId - b.makerId || a.kitId - b.kitId || a.orderId - b.orderId);
    const loads = new Map(offers.map((offer) => [`${offer.makerId}|${offer.kitId}`, UNITS_PER_MONTH - offer.remainingUnits]));
    for (const route of sorted) {
      const key = `${route.makerId}|${route.kitId}`;
      const load = loads.get(key)! + route.units;
      loads.set(key, load);
      await tx`
        insert into maker_monthly_load (maker_id, kit_id, month, capacity, routed_units) values (${route.makerId}, ${route.kitId}, ${month}, ${UNITS_PER_MONTH}, ${load})
        on conflict (maker_id, kit_id, month) do update set routed_units = ${load}`;
      const [share]: [{ id: number }] = await tx`
        insert into fulfilments (order_id, maker_id, status, month, routing_run_id, distance_km, routed_at, status_at)
        values (${route.orderId}, ${route.makerId}, 'routed', ${month},
                ${run.id}, ${route.distanceKm}, ${world.now}, ${world.now})
        on conflict (order_id, maker_id) where status not in ('refused', 'cancelled') do update set status_at = excluded.status_at
        returning id`;
      await tx`
        insert into fulfilment_lines (fulfilment_id, order_id, kit_id, quantity) values (${share.id}, ${route.orderId}, ${route.kitId}, ${route.units})
        on conflict (fulfilment_id, kit_id) do update set quantity = fulfilment_lines.quantity + excluded.quantity`;
      const line = lines.find((l) => l.orderId === route.orderId && l.kitId === route.kitId)!;
      line.units -= route.units;
      await tx`update order_lines set routed_units = quantity - ${line.units} where order_id = ${route.orderId} and kit_id = ${route.kitId}`;
    }
  });
}
