// The envelope under load, through the domain function: 100 concurrent clients send 5,000 orders
// (and 500 replays of them) to four départements whose allocations are far smaller than the demand.
// Not a cent over any cap, counters equal to the ledger, one order per key, each département filled
// to within one order of its cap. The same workload through a naive read-then-write reservation,
// written below, must overspend: proof that these checks can see an overspend.
import { beforeAll, describe, expect, test } from "vitest";
import { setRules } from "~/eligibility/rules.server";
import type { Campaign } from "~/envelope/campaigns.server";
import { EnvelopeExhausted, appendMovement, moveFunds, verifyLedger } from "~/envelope/ledger.server";
import { connect, db } from "~/infra/db.server";
import { AllowanceExhausted, submitOrder, type Order } from "~/orders/orders.server";
import { openCampaign } from "../../support/catalogue-world";
import { newKey, ordersWorld, verifiedStructure, type OrdersWorld } from "../../support/orders-world";

const CLIENTS = 100;
const ORDERS = 5_000;
const REPLAYS = ORDERS / 10;
const STRUCTURES_PER_DEPARTEMENT = 30;
// Département → a commune in it, and the cap its allocation is brought down to.
const DEPARTEMENTS = [
  { code: "35", commune: "35238", capCents: 30_000_00 },
  { code: "48", commune: "48095", capCents: 12_345_67 },
  { code: "13", commune: "13055", capCents: 50_000_00 },
  { code: "69", commune: "69123", capCents: 20_000_00 },
];

type Structure = { id: number; memberId: number; departement: string };
type Request = { structure: Structure; key: string; lines: { kitId: number; quantity: number }[] };
type Outcome = { request: Request; order?: Order; error?: unknown };

let world: OrdersWorld;
let structures: Structure[];
// The clients' own pool: 100 clients share 30 connections, as a server's requests share its pool.
let pool: ReturnType<typeof connect>;

// A fixed-seed generator: the same workload on every run, and the same for both reservations.
function seeded(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

function workload(): Request[] {
  const random = seeded(20_211_115);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const requests: Request[] = Array.from({ length: ORDERS }, () => ({
    structure: pick(structures),
    key: newKey(),
    lines: [{ kitId: pick([world.coffret.kitId, world.jeu.kitId]), quantity: 1 + Math.floor(random() * 3) }],
  }));
  const replays = Array.from({ length: REPLAYS }, () => pick(requests));
  const all = [...requests, ...replays];
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all;
}

async function run(requests: Request[], send: (request: Request) => Promise<Order>): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  const client = async () => {
    while (next < requests.length) {
      const request = requests[next++];
      try {
        outcomes.push({ request, order: await send(request) });
      } catch (error) {
        outcomes.push({ request, error });
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return outcomes;
}

/** A campaign with its rules and the four allocations brought down to their test caps. */
async function preparedCampaign(campaign: Campaign) {
  for (const { code, capCents } of DEPARTEMENTS) {
    const [{ cap }] = await db<{ cap: number }[]>`
      select cap_cents as cap from allocations where campaign_id = ${campaign.id} and departement_code = ${code}`;
    await moveFunds(
      {
        campaignId: campaign.id,
        from: { departementCode: code },
        to: "reserve",
        cents: cap - capCents,
        reason: "Essai de charge",
        actorId: world.adminId,
        now: world.now,
      },
      db,
    );
  }
}

type Figures = {
  overspentCents: Record<string, number>;
  countersMatchOrders: boolean;
  ledgerDifferences: number;
  duplicateOrders: number;
  structuresOverCap: number;
};

/** What the run left, read from the database: every figure the issue asks to hold. */
async function figures(campaignId: number, outcomes: Outcome[]): Promise<Figures> {
  const rows = await db<{ code: string; capCents: number; reservedCents: number; ordersCents: number }[]>`
    select a.departement_code as code, a.cap_cents, a.reserved_cents,
           coalesce((select sum(o.total_cents) from orders o where o.campaign_id = a.campaign_id and o.departement_code = a.departement_code), 0)::bigint
             as orders_cents
    from allocations a where a.campaign_id = ${campaignId} and a.departement_code = any(${DEPARTEMENTS.map((d) => d.code)})`;
  const idsByKey = new Map<string, Set<number>>();
  for (const { request, order } of outcomes) if (order) idsByKey.set(request.key, (idsByKey.get(request.key) ?? new Set()).add(order.id));
  const [{ orders }] = await db<{ orders: number }[]>`select count(*)::int as orders from orders where campaign_id = ${campaignId}`;
  const [{ over }] = await db<{ over: number }[]>`
    select count(*)::int as over from structure_campaign_usage u
    where u.campaign_id = ${campaignId} and (u.used_cents > u.cap_cents or u.used_cents <> (
      select coalesce(sum(o.total_cents), 0) from orders o where o.structure_id = u.structure_id and o.campaign_id = u.campaign_id))`;
  return {
    overspentCents: Object.fromEntries(rows.map((row) => [row.code, Math.max(0, row.ordersCents - row.capCents)])),
    countersMatchOrders: rows.every((row) => row.reservedCents === row.ordersCents),
    ledgerDifferences: (await verifyLedger(campaignId)).length,
    duplicateOrders: orders - idsByKey.size + [...idsByKey.values()].filter((ids) => ids.size > 1).length,
    structuresOverCap: over,
  };
}

beforeAll(async () => {
  world = await ordersWorld(db, { capCents: 2_000_00, capUnits: null });
  await preparedCampaign(world.campaign);
  structures = [];
  for (const { code, commune } of DEPARTEMENTS) {
    for (let i = 0; i < STRUCTURES_PER_DEPARTEMENT; i++) structures.push({ ...(await verifiedStructure(db, commune)), departement: code });
  }
  pool = connect(process.env.DATABASE_URL!, { max: 30 });
  return () => pool.end({ timeout: 5 });
}, 120_000);

describe("the envelope under load", () => {
  test("5,000 orders from 100 clients never overspend a département or a structure", { timeout: 600_000 }, async () => {
    const requests = workload();
    const outcomes = await run(requests, (request) =>
      submitOrder(
        {
          structureId: request.structure.id,
          memberId: request.structure.memberId,
          idempotencyKey: request.key,
          lines: request.lines,
          campaignId: world.campaign.id,
          now: world.now,
        },
        pool,
      ),
    );
    expect(outcomes.length).toBe(ORDERS + REPLAYS);
    const unexpected = outcomes.filter(({ error }) => error && !(error instanceof EnvelopeExhausted) && !(error instanceof AllowanceExhausted));
    expect(unexpected.map(({ error }) => String(error))).toEqual([]);

    expect(await figures(world.campaign.id, outcomes)).toEqual({
      overspentCents: { "13": 0, "35": 0, "48": 0, "69": 0 },
      countersMatchOrders: true,
      ledgerDifferences: 0,
      duplicateOrders: 0,
      structuresOverCap: 0,
    });

    // Each département refused orders for want of funds, and what it has left is less than the
    // smallest order it refused: it is filled to within one order of its cap.
    for (const { code } of DEPARTEMENTS) {
      const refused = outcomes.filter(({ request, error }) => error instanceof EnvelopeExhausted && request.structure.departement === code);
      expect(refused.length, `refusals in ${code}`).toBeGreaterThan(0);
      const smallestRefused = Math.min(...refused.map(({ request }) => orderCents(request)));
      const [{ leftCents }] = await db<{ leftCents: number }[]>`
        select cap_cents - reserved_cents as left_cents from allocations where campaign_id = ${world.campaign.id} and departement_code = ${code}`;
      expect(leftCents, `left in ${code}`).toBeLessThan(smallestRefused);
    }
    // The structures' caps were reached too, and held.
    expect(outcomes.some(({ error }) => error instanceof AllowanceExhausted)).toBe(true);
  });

  test("the same workload through a naive read-then-write reservation overspends, and the same checks see it", { timeout: 600_000 }, async () => {
    const campaign = await openCampaign(db, "Campagne naïve", { now: world.now });
    await setRules(
      {
        campaignId: campaign.id,
        allowedKinds: ["library"],
        territory: "everywhere",
        listIds: [],
        franceServicesEverywhere: false,
        capCents: null,
        capUnits: null,
        reason: "Règles de l'essai naïf.",
        actorId: world.adminId,
        now: world.now,
      },
      db,
    );
    await preparedCampaign(campaign);
    const outcomes = await run(workload(), (request) => naiveSubmit(campaign.id, request));
    const seen = await figures(campaign.id, outcomes);
    expect(Object.values(seen.overspentCents).some((cents) => cents > 0)).toBe(true);
    expect(seen.countersMatchOrders).toBe(false);
    expect(seen.ledgerDifferences).toBeGreaterThan(0);
  });
});

const prices = () =>
  new Map([
    [world.coffret.kitId, world.coffret.unitPriceCents],
    [world.jeu.kitId, world.jeu.unitPriceCents],
  ]);

function orderCents(request: Request) {
  const price = prices();
  return request.lines.reduce((sum, line) => sum + line.quantity * price.get(line.kitId)!, 0);
}

// The race this portal must not ship: read what is left, decide in TypeScript, write the sum.
async function naiveSubmit(campaignId: number, request: Request): Promise<Order> {
  const totalCents = orderCents(request);
  const code = request.structure.departement;
  return pool.begin(async (tx) => {
    const [created]: [Order?] = await tx`
      insert into orders (structure_id, campaign_id, departement_code, rule_version, status, idempotency_key, total_cents, total_units,
                          submitted_by, submitted_at, status_at)
      values (${request.structure.id}, ${campaignId}, ${code}, 1, 'submitted', ${request.key}, ${totalCents}, ${request.lines[0].quantity},
              ${request.structure.memberId}, ${world.now}, ${world.now})
      on conflict (structure_id, idempotency_key) do nothing
      returning id`;
    if (!created) {
      const [sent]: [Order] = await tx`select id from orders where structure_id = ${request.structure.id} and idempotency_key = ${request.key}`;
      return sent;
    }
    const [allocation]: [{ capCents: number; reservedCents: number }] = await tx`
      select cap_cents, reserved_cents from allocations where campaign_id = ${campaignId} and departement_code = ${code}`;
    if (allocation.reservedCents + totalCents > allocation.capCents) throw new EnvelopeExhausted("Enveloppe épuisée.");
    await tx`update allocations set reserved_cents = ${allocation.reservedCents + totalCents} where campaign_id = ${campaignId} and departement_code = ${code}`;
    await appendMovement(tx, {
      campaignId,
      kind: "reservation",
      orderId: created.id,
      actorId: request.structure.memberId,
      at: world.now,
      entries: [{ departementCode: code, reservedDelta: totalCents }],
    });
    return created;
  });
}
