// Orders on PostgreSQL: a submission reserves its total on the département's allocation and on the
// structure's cap, a replay finds the same order, approval commits, rejection and cancellation
// release; every refusal leaves orders, ledger, counters and audit as they were.
import { beforeAll, describe, expect, test } from "vitest";
import { setOffer } from "~/catalogue/kits.server";
import { setRules } from "~/eligibility/rules.server";
import { EnvelopeExhausted, moveFunds, verifyLedger } from "~/envelope/ledger.server";
import { db } from "~/infra/db.server";
import { Conflict, NotFound, Refused } from "~/infra/domain-errors";
import {
  AllowanceExhausted,
  approveOrder,
  cancelOrder,
  NotEligible,
  OrderNotFound,
  rejectOrder,
  submitOrder,
  type Order,
} from "~/orders/orders.server";
import { createPerson, createStructure } from "../../support/fixtures";
import { approvedOrder, makerFor, shareOf, type TestMaker } from "../../support/fulfilment-world";
import { instructorOf, newKey, ordersWorld, verifiedStructure, type OrdersWorld } from "../../support/orders-world";
import { rejectionOf } from "../../support/rejection";

let world: OrdersWorld;
let instructor35: number;
let instructor75: number;

beforeAll(async () => {
  world = await ordersWorld(db);
  instructor35 = await instructorOf(db, "35");
  instructor75 = await instructorOf(db, "75");
});

const submit = (structure: { id: number; memberId: number }, lines = [{ kitId: world.coffret.kitId, quantity: 2 }], overrides = {}) =>
  submitOrder({ structureId: structure.id, memberId: structure.memberId, idempotencyKey: newKey(), lines, now: world.now, ...overrides });

async function allocation(departementCode: string) {
  const [row] = await db<{ capCents: number; reservedCents: number; committedCents: number; spentCents: number }[]>`
    select cap_cents, reserved_cents, committed_cents, spent_cents from allocations
    where campaign_id = ${world.campaign.id} and departement_code = ${departementCode}`;
  return row;
}

async function usage(structureId: number) {
  const [row] = await db<{ usedCents: number; usedUnits: number }[]>`
    select used_cents, used_units from structure_campaign_usage where structure_id = ${structureId} and campaign_id = ${world.campaign.id}`;
  return row ?? { usedCents: 0, usedUnits: 0 };
}

/** One jeu, under the key given: what a form sent again sends. */
const sendJeu = (structure: { id: number; memberId: number }, idempotencyKey: string) =>
  submitOrder({
    structureId: structure.id,
    memberId: structure.memberId,
    idempotencyKey,
    lines: [{ kitId: world.jeu.kitId, quantity: 1 }],
    now: world.now,
  });

/** Everything an order step may write: a refused step must leave it as it was. */
async function everything() {
  const [row] = await db`
    select (select count(*) from orders)::int as orders, (select count(*) from order_lines)::int as lines,
           (select string_agg(id || status, ',' order by id) from orders) as statuses,
           (select count(*) from ledger_entries)::int as entries, (select count(*) from audit_log)::int as audit,
           (select sum(reserved_cents)::text || '/' || sum(committed_cents)::text from allocations) as counters,
           (select coalesce(sum(used_cents), 0)::text || '/' || coalesce(sum(used_units), 0)::text from structure_campaign_usage) as usage`;
  return row;
}

async function refusedWithNothingChanged(work: () => Promise<unknown>): Promise<unknown> {
  const before = await everything();
  const refusal = await rejectionOf(work());
  expect(await everything()).toEqual(before);
  return refusal;
}

describe("submitting an order", () => {
  test("reserves its total on the département and on the structure's cap, with the prices of the offers", async () => {
    const structure = await verifiedStructure(db);
    const before = await allocation("35");
    const order = await submit(structure, [
      { kitId: world.coffret.kitId, quantity: 2 },
      { kitId: world.jeu.kitId, quantity: 3 },
    ]);
    expect(order).toMatchObject({ status: "submitted", departementCode: "35", totalCents: 2 * 19_900 + 3 * 6_450, totalUnits: 5, ruleVersion: 1 });
    expect((await allocation("35")).reservedCents).toBe(before.reservedCents + order.totalCents);
    expect(await usage(structure.id)).toEqual({ usedCents: order.totalCents, usedUnits: 5 });
    expect(await db`select kit_id, quantity, unit_price_cents from order_lines where order_id = ${order.id} order by unit_price_cents`).toEqual([
      { kitId: world.jeu.kitId, quantity: 3, unitPriceCents: 6_450 },
      { kitId: world.coffret.kitId, quantity: 2, unitPriceCents: 19_900 },
    ]);
    expect(await db`select kind, reserved_delta from ledger_entries where order_id = ${order.id}`).toEqual([
      { kind: "reservation", reservedDelta: order.totalCents },
    ]);
    expect(await db`select action from audit_log where subject = ${`order:${order.id}`}`).toEqual([{ action: "order.submitted" }]);
    expect(await verifyLedger(world.campaign.id)).toEqual([]);
  });

  test("sent again with the same key, sequentially or at once, it is the same order and nothing more is reserved", async () => {
    const structure = await verifiedStructure(db);
    const idempotencyKey = newKey();
    const send = () => sendJeu(structure, idempotencyKey);
    const first = await send();
    const replays = await Promise.all([send(), send(), send(), send()]);
    expect(replays.map((order) => order.id)).toEqual([first.id, first.id, first.id, first.id]);
    expect(await db`select count(*)::int as count from orders where structure_id = ${structure.id}`).toEqual([{ count: 1 }]);
    expect(await usage(structure.id)).toEqual({ usedCents: 6_450, usedUnits: 1 });
    expect(await db`select count(*)::int as count from ledger_entries where order_id = ${first.id}`).toEqual([{ count: 1 }]);
  });

  test("first sent several times at once, it is one order, counted, reserved, mailed and audited once", async () => {
    const structure = await verifiedStructure(db);
    const idempotencyKey = newKey();
    const send = () => sendJeu(structure, idempotencyKey);
    const orders = await Promise.all([send(), send(), send(), send(), send(), send()]);
    const [order] = orders;
    expect(orders.map((sent) => sent.id)).toEqual(orders.map(() => order.id));
    expect(await db`select count(*)::int as count from orders where structure_id = ${structure.id}`).toEqual([{ count: 1 }]);
    expect(await usage(structure.id)).toEqual({ usedCents: 6_450, usedUnits: 1 });
    expect(await db`select count(*)::int as count from ledger_entries where order_id = ${order.id}`).toEqual([{ count: 1 }]);
    expect(await db`select count(*)::int as count from audit_log where subject = ${`order:${order.id}`}`).toEqual([{ count: 1 }]);
    const [{ mails, instructors }] = await db`
      select (select count(*)::int from mail_outbox where subject like ${`Commande n° ${order.id} %`}) as mails,
             (select count(*)::int from memberships where role = 'instructor' and scope = 'departement:35') as instructors`;
    expect(instructors).toBeGreaterThan(0);
    expect(mails).toBe(instructors);
  });

  test("the same key from another structure is another order", async () => {
    const [a, b] = [await verifiedStructure(db), await verifiedStructure(db)];
    const idempotencyKey = newKey();
    const lines = [{ kitId: world.jeu.kitId, quantity: 1 }];
    const first = await submitOrder({ structureId: a.id, memberId: a.memberId, idempotencyKey, lines, now: world.now });
    const second = await submitOrder({ structureId: b.id, memberId: b.memberId, idempotencyKey, lines, now: world.now });
    expect(second.id).not.toBe(first.id);
  });

  test("a structure not yet verified, or of a kind the rules leave out, is told why and nothing is written", async () => {
    const pending = await createStructure(db, { status: "pending" });
    const notVerified = await refusedWithNothingChanged(() => submit(pending));
    expect(notVerified).toBeInstanceOf(NotEligible);
    expect((notVerified as NotEligible).details()).toEqual([
      "La structure n'est pas encore vérifiée : elle pourra commander une fois sa vérification faite.",
    ]);
    const careHome = await createStructure(db, { status: "verified", kind: "care_home" });
    const otherKind = await refusedWithNothingChanged(() => submit(careHome));
    expect((otherKind as NotEligible).details()).toEqual(["Les EHPAD et résidences autonomie ne sont pas retenus pour cette campagne."]);
  });

  test("outside the ordering period, nothing is written", async () => {
    const structure = await verifiedStructure(db);
    const late = await refusedWithNothingChanged(() => submit(structure, undefined, { now: world.campaign.closesAt }));
    expect(late).toBeInstanceOf(Conflict);
    expect((late as Conflict).message).toBe("Les commandes sont closes : la commande n'a pas été envoyée.");
    const early = await refusedWithNothingChanged(() => submit(structure, undefined, { now: new Date(world.campaign.opensAt.getTime() - 1) }));
    expect((early as Conflict).message).toBe("Les commandes ne sont pas encore ouvertes : la commande n'a pas été envoyée.");
  });

  test("a kit withdrawn from the campaign, or not in the catalogue, is refused and nothing is written", async () => {
    const structure = await verifiedStructure(db);
    const offer = {
      campaignId: world.campaign.id,
      kitId: world.jeu.kitId,
      unitPriceCents: 6_450,
      leadTimeDays: 15,
      actorId: world.adminId,
      now: world.now,
    };
    await setOffer({ ...offer, orderable: false }, db);
    try {
      const withdrawn = await refusedWithNothingChanged(() => submit(structure, [{ kitId: world.jeu.kitId, quantity: 1 }]));
      expect(withdrawn).toBeInstanceOf(Refused);
      expect((withdrawn as Refused).message).toBe("Un kit de la commande n'est pas proposé dans cette campagne : retirez-le du panier.");
    } finally {
      await setOffer({ ...offer, orderable: true }, db);
    }
    const unknown = await refusedWithNothingChanged(() => submit(structure, [{ kitId: 987_654_321, quantity: 1 }]));
    expect((unknown as Refused).field).toBe("lines");
  });

  test("quantities of zero, negative, fractional or huge are refused in French before anything is written", async () => {
    const structure = await verifiedStructure(db);
    for (const [quantity, message] of [
      [0, "Commandez au moins un kit, ou retirez cette ligne."],
      [-2, "La quantité ne peut pas être négative."],
      [2.5, "La quantité est un nombre entier de kits, sans décimale."],
      [1_000_000, "Au plus 1\u202f000 kits par ligne : pour davantage, contactez l'équipe du programme."],
    ] as const) {
      const refusal = await refusedWithNothingChanged(() => submit(structure, [{ kitId: world.coffret.kitId, quantity }]));
      expect(refusal).toBeInstanceOf(Refused);
      expect((refusal as Refused).message).toBe(message);
    }
  });

  test("a person who is not a member of the structure is told it does not exist", async () => {
    const structure = await verifiedStructure(db);
    const stranger = await verifiedStructure(db);
    const refusal = await refusedWithNothingChanged(() =>
      submitOrder({
        structureId: structure.id,
        memberId: stranger.memberId,
        idempotencyKey: newKey(),
        lines: [{ kitId: world.jeu.kitId, quantity: 1 }],
        now: world.now,
      }),
    );
    expect(refusal).toBeInstanceOf(NotFound);
  });

  test("beyond the structure's cap (2 000 € or 20 kits), the order is refused and nothing is written", async () => {
    const structure = await verifiedStructure(db);
    await submit(structure, [{ kitId: world.coffret.kitId, quantity: 9 }]); // 1 791 €
    const overCents = await refusedWithNothingChanged(() => submit(structure, [{ kitId: world.coffret.kitId, quantity: 2 }]));
    expect(overCents).toBeInstanceOf(AllowanceExhausted);
    const other = await verifiedStructure(db);
    const overUnits = await refusedWithNothingChanged(() => submit(other, [{ kitId: world.jeu.kitId, quantity: 21 }]));
    expect(overUnits).toBeInstanceOf(AllowanceExhausted);
    expect((overUnits as AllowanceExhausted).message).toBe(
      "Cette commande dépasserait ce que votre structure peut commander pendant la campagne (2\u202f000,00\u00a0€ et 20 kits, commandes en cours comprises) : réduisez les quantités.",
    );
  });

  test("beyond what the département has left, the order is refused and nothing is written", async () => {
    // Lozère's allocation, brought down to 300 € by a move to the reserve.
    const lozere = await createPerson(db, { roles: ["admin"] });
    const { capCents } = await allocation("48");
    await moveFunds({
      campaignId: world.campaign.id,
      from: { departementCode: "48" },
      to: "reserve",
      cents: capCents - 300_00,
      reason: "Essai",
      actorId: lozere.id,
      now: world.now,
    });
    const structure = await verifiedStructure(db, "48095");
    await submit(structure, [{ kitId: world.coffret.kitId, quantity: 1 }]);
    const refusal = await refusedWithNothingChanged(() => submit(structure, [{ kitId: world.coffret.kitId, quantity: 1 }]));
    expect(refusal).toBeInstanceOf(EnvelopeExhausted);
    expect((refusal as EnvelopeExhausted).message).toBe(
      "L'enveloppe du département 48 ne permet plus cette commande : il y reste 101,00\u00a0€, la commande en demande 199,00\u00a0€.",
    );
  });
});

describe("deciding on an order", () => {
  let order: Order;
  let structure: { id: number; memberId: number };

  beforeAll(async () => {
    structure = await verifiedStructure(db);
  });

  const fresh = async () => (order = await submit(structure, [{ kitId: world.jeu.kitId, quantity: 2 }]));

  test("an instructor of the département approves: the reserved total is committed, once", async () => {
    await fresh();
    const before = await allocation("35");
    const approved = await approveOrder({ orderId: order.id, actorId: instructor35, now: world.now });
    expect(approved.status).toBe("approved");
    const after = await allocation("35");
    expect([after.reservedCents - before.reservedCents, after.committedCents - before.committedCents]).toEqual([-12_900, 12_900]);
    const again = await refusedWithNothingChanged(() => approveOrder({ orderId: order.id, actorId: instructor35, now: world.now }));
    expect(again).toBeInstanceOf(Conflict);
    expect(await verifyLedger(world.campaign.id)).toEqual([]);
  });

  test("an instructor of another département, or a member of the structure, is told the order does not exist", async () => {
    await fresh();
    for (const actorId of [instructor75, structure.memberId]) {
      expect(await refusedWithNothingChanged(() => approveOrder({ orderId: order.id, actorId, now: world.now }))).toBeInstanceOf(OrderNotFound);
      expect(
        await refusedWithNothingChanged(() => rejectOrder({ orderId: order.id, actorId, reason: "Hors périmètre.", now: world.now })),
      ).toBeInstanceOf(OrderNotFound);
    }
    for (const orderId of [0, -1, 2 ** 62, 1.5]) {
      expect(await rejectionOf(approveOrder({ orderId, actorId: world.adminId, now: world.now }))).toBeInstanceOf(OrderNotFound);
    }
  });

  test("a rejection needs its reason, and releases the reserved total and the structure's cap", async () => {
    await fresh();
    const short = await refusedWithNothingChanged(() => rejectOrder({ orderId: order.id, actorId: instructor35, reason: " ", now: world.now }));
    expect((short as Refused).field).toBe("reason");
    const before = await allocation("35");
    const usedBefore = await usage(structure.id);
    await rejectOrder({ orderId: order.id, actorId: world.adminId, reason: "Kits déjà reçus par ailleurs.", now: world.now });
    expect((await allocation("35")).reservedCents).toBe(before.reservedCents - 12_900);
    expect((await usage(structure.id)).usedCents).toBe(usedBefore.usedCents - 12_900);
    expect(await db`select status, rejection_reason from orders where id = ${order.id}`).toEqual([
      { status: "rejected", rejectionReason: "Kits déjà reçus par ailleurs." },
    ]);
    expect(await refusedWithNothingChanged(() => cancelOrder({ orderId: order.id, actorId: structure.memberId, now: world.now }))).toBeInstanceOf(
      Conflict,
    );
  });

  test("the structure cancels before approval (reserved released) and after it (committed released)", async () => {
    await fresh();
    let before = await allocation("35");
    await cancelOrder({ orderId: order.id, actorId: structure.memberId, now: world.now });
    expect((await allocation("35")).reservedCents).toBe(before.reservedCents - 12_900);
    await fresh();
    await approveOrder({ orderId: order.id, actorId: instructor35, now: world.now });
    before = await allocation("35");
    const cancelled = await cancelOrder({ orderId: order.id, actorId: world.adminId, now: world.now });
    expect(cancelled.status).toBe("cancelled");
    expect((await allocation("35")).committedCents).toBe(before.committedCents - 12_900);
    expect(await db`select kind from ledger_entries where order_id = ${order.id} order by id`).toEqual([
      { kind: "reservation" },
      { kind: "commitment" },
      { kind: "release" },
    ]);
    expect(await verifyLedger(world.campaign.id)).toEqual([]);
  });

  test("a member of another structure, or an instructor, cannot cancel it", async () => {
    await fresh();
    const other = await verifiedStructure(db);
    for (const actorId of [other.memberId, instructor35]) {
      expect(await refusedWithNothingChanged(() => cancelOrder({ orderId: order.id, actorId, now: world.now }))).toBeInstanceOf(OrderNotFound);
    }
  });
});

describe("a change of the rules while ordering is open", () => {
  test("a lowered cap applies to the next order, never to one already placed, and a replay still finds its order", async () => {
    const structure = await verifiedStructure(db);
    const idempotencyKey = newKey();
    const lines = [{ kitId: world.coffret.kitId, quantity: 7 }]; // 1 393 €
    const placed = await submitOrder({ structureId: structure.id, memberId: structure.memberId, idempotencyKey, lines, now: world.now });
    await setRules({
      campaignId: world.campaign.id,
      allowedKinds: ["library"],
      territory: "everywhere",
      listIds: [],
      franceServicesEverywhere: false,
      capCents: 1_000_00,
      capUnits: null,
      reason: "Plafond abaissé pour la fin de campagne.",
      actorId: world.adminId,
      now: world.now,
    });
    const replay = await submitOrder({ structureId: structure.id, memberId: structure.memberId, idempotencyKey, lines, now: world.now });
    expect(replay).toEqual(placed);
    expect(await refusedWithNothingChanged(() => submit(structure, [{ kitId: world.jeu.kitId, quantity: 1 }]))).toBeInstanceOf(AllowanceExhausted);
    const other = await verifiedStructure(db);
    expect((await submit(other, [{ kitId: world.jeu.kitId, quantity: 1 }])).ruleVersion).toBe(2);
    expect(await db`select status, rule_version from orders where id = ${placed.id}`).toEqual([{ status: "submitted", ruleVersion: 1 }]);
  });
});

describe("cancelling an order routed to makers", () => {
  let maker: TestMaker;

  beforeAll(async () => {
    maker = await makerFor(db, world, { kitIds: [world.coffret.kitId, world.jeu.kitId], departements: ["35"] });
  });

  const load = async () =>
    (
      await db<{ units: number }[]>`
        select coalesce(sum(routed_units), 0)::int as units from maker_monthly_load where maker_id = ${maker.makerId}`
    )[0].units;

  test.each(["routed", "accepted"] as const)(
    "a share %s: funds, allowance, the share's units and the maker's month are given back; maker and instructors told",
    async (shareStatus) => {
      const order = await approvedOrder(db, world, [
        { kitId: world.coffret.kitId, quantity: 1 },
        { kitId: world.jeu.kitId, quantity: 2 },
      ]);
      const { fulfilmentId } = await shareOf(db, order, maker, shareStatus);
      const before = { allocation: await allocation("35"), usage: await usage(order.structureId), load: await load() };
      const cancelled = await cancelOrder({ orderId: order.orderId, actorId: order.memberId, now: world.now });
      expect(cancelled.status).toBe("cancelled");
      const total = 19_900 + 2 * 6_450;
      expect((await allocation("35")).committedCents).toBe(before.allocation.committedCents - total);
      expect(await usage(order.structureId)).toEqual({ usedCents: before.usage.usedCents - total, usedUnits: before.usage.usedUnits - 3 });
      expect(await load()).toBe(before.load - 3);
      expect(await db`select status from fulfilments where id = ${fulfilmentId}`).toEqual([{ status: "cancelled" }]);
      expect(await db`select sum(routed_units)::int as routed from order_lines where order_id = ${order.orderId}`).toEqual([{ routed: 0 }]);
      expect(await verifyLedger(world.campaign.id)).toEqual([]);
      const told = await db<{ toAddress: string; subject: string }[]>`
        select to_address, subject from mail_outbox where subject = ${`Commande n° ${order.orderId} annulée`} order by id`;
      const [makerMember] = await db<{ email: string }[]>`select email from users where id = ${maker.memberId}`;
      const [instructor] = await db<{ email: string }[]>`select email from users where id = ${instructor35}`;
      expect(told.map((mail) => mail.toAddress)).toEqual(expect.arrayContaining([makerMember.email, instructor.email]));
    },
  );

  test("refused once a share is in production, or shipped: nothing changes", async () => {
    for (const shareStatus of ["in_production", "shipped"] as const) {
      const order = await approvedOrder(db, world, [{ kitId: world.jeu.kitId, quantity: 1 }]);
      await shareOf(db, order, maker, shareStatus);
      const before = await db`select (select json_agg(f order by f.id) from fulfilments f) as shares,
                                     (select json_agg(l order by l.kit_id) from maker_monthly_load l) as loads`;
      const refusal = await refusedWithNothingChanged(() => cancelOrder({ orderId: order.orderId, actorId: order.memberId, now: world.now }));
      expect(refusal).toBeInstanceOf(Conflict);
      expect((refusal as Conflict).message).toBe("Cette commande ne peut plus être annulée : sa fabrication a commencé, ou elle est close.");
      expect(
        await db`select (select json_agg(f order by f.id) from fulfilments f) as shares,
                             (select json_agg(l order by l.kit_id) from maker_monthly_load l) as loads`,
      ).toEqual(before);
    }
  });

  test("one share in production among others: refused, though the order's own status (the least advanced share) would allow it", async () => {
    const order = await approvedOrder(db, world, [
      { kitId: world.coffret.kitId, quantity: 1 },
      { kitId: world.jeu.kitId, quantity: 1 },
    ]);
    const other = await makerFor(db, world, { kitIds: [world.jeu.kitId], departements: ["35"] });
    const { fulfilmentId } = await shareOf(db, order, maker, "in_production");
    // The jeu goes to the other maker, still to accept: the order reads "routed".
    await db`delete from fulfilment_lines where fulfilment_id = ${fulfilmentId} and kit_id = ${world.jeu.kitId}`;
    const [second]: [{ id: number }] = await db`
      insert into fulfilments (order_id, maker_id, status, month, routing_run_id, distance_km, routed_at, status_at)
      select order_id, ${other.makerId}, 'routed', month, routing_run_id, 0, now(), now() from fulfilments where id = ${fulfilmentId} returning id`;
    await db`insert into fulfilment_lines (fulfilment_id, order_id, kit_id, quantity) values (${second.id}, ${order.orderId}, ${world.jeu.kitId}, 1)`;
    await db`update orders set status = 'routed' where id = ${order.orderId}`;
    const refusal = await refusedWithNothingChanged(() => cancelOrder({ orderId: order.orderId, actorId: world.adminId, now: world.now }));
    expect(refusal).toBeInstanceOf(Conflict);
    expect(await db`select status from fulfilments where order_id = ${order.orderId} order by id`).toEqual([
      { status: "in_production" },
      { status: "routed" },
    ]);
  });
});
