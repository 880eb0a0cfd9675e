// The envelope under load, through the domain function: 100 concurrent clients send 5,000 orders
// (and 500 replays of them) to four départements whose allocations are far smaller than the demand.
// Not a cent over any cap, counters equal to the ledger, one order per key, each département filled
// to within one order of its cap. The same workload through a naive read-then-write reservation,
// written below, must overspend: proof that these checks can see an overspend.
import { beforeAll, describe, expect, test } from "vitest";
import { setRules } from "~/eligibility/rules.server";
import { EnvelopeExhausted, appendMovement } from "~/envelope/ledger.server";
import { connect, db } from "~/infra/db.server";
import { AllowanceExhausted, submitOrder, type Order } from "~/orders/orders.server";
import { openCampaign } from "../../support/catalogue-world";
import {
  ORDERS,
  REPLAYS,
  expectEachDepartementFilled,
  figures,
  heldFigures,
  loadStructures,
  orderCents,
  preparedCampaign,
  run,
  workload,
  type LoadRequest,
  type LoadStructure,
} from "../../support/envelope-load";
import { ordersWorld, type OrdersWorld } from "../../support/orders-world";

let world: OrdersWorld;
let structures: LoadStructure[];
// The clients' own pool: 100 clients share 30 connections, as a server's requests share its pool.
let pool: ReturnType<typeof connect>;

beforeAll(async () => {
  world = await ordersWorld(db, { capCents: 2_000_00, capUnits: null });
  await preparedCampaign(db, world, world.campaign);
  structures = await loadStructures(db);
  pool = connect(process.env.DATABASE_URL!, { max: 30 });
  return () => pool.end({ timeout: 5 });
}, 120_000);

describe("the envelope under load", () => {
  test("5,000 orders from 100 clients never overspend a département or a structure", { timeout: 600_000 }, async () => {
    const outcomes = await run(workload(world, structures), (request) =>
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

    expect(await figures(db, world.campaign.id, outcomes)).toEqual(heldFigures);

    await expectEachDepartementFilled(db, world, outcomes, (error) => error instanceof EnvelopeExhausted);
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
    await preparedCampaign(db, world, campaign);
    const outcomes = await run(workload(world, structures), (request) => naiveSubmit(campaign.id, request));
    const seen = await figures(db, campaign.id, outcomes);
    expect(Object.values(seen.overspentCents).some((cents) => cents > 0)).toBe(true);
    expect(seen.countersMatchOrders).toBe(false);
    expect(seen.ledgerDifferences).toBeGreaterThan(0);
  });
});

// The race this portal must not ship: read what is left, decide in TypeScript, write the sum.
async function naiveSubmit(campaignId: number, request: LoadRequest): Promise<Order> {
  const totalCents = orderCents(world, request);
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
