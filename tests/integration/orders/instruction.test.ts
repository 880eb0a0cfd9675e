// The instruction of orders on PostgreSQL: the queue and its filters within an instructor's
// départements, an order's file, the approval of a selection (each order on its own), closing a
// delivered order, and the e-mails each step queues in its transaction.
import { beforeAll, describe, expect, test } from "vitest";
import { verifyLedger } from "~/envelope/ledger.server";
import { db } from "~/infra/db.server";
import { Conflict } from "~/infra/domain-errors";
import { approveOrders, closeOrder } from "~/orders/instruction.server";
import { allocationFigures, orderForInstruction, orderQueue, type OrderQueueFilters } from "~/orders/order-queues.server";
import { approveOrder, OrderNotFound, rejectOrder, submitOrder } from "~/orders/orders.server";
import { createPerson, createStructure } from "../../support/fixtures";
import { approvedOrder, makerFor, shareOf } from "../../support/fulfilment-world";
import { instructorOf, newKey, ordersWorld, verifiedStructure, type OrdersWorld } from "../../support/orders-world";
import { rejectionOf } from "../../support/rejection";

let world: OrdersWorld;
let instructor35: number;
let instructor29: number;
const DAY = 86_400_000;

beforeAll(async () => {
  world = await ordersWorld(db);
  instructor35 = await instructorOf(db, "35");
  instructor29 = await instructorOf(db, "29");
});

type Orderer = { id: number; memberId: number };

const submit = (structure: Orderer, options: { quantity?: number; now?: Date } = {}) =>
  submitOrder({
    structureId: structure.id,
    memberId: structure.memberId,
    idempotencyKey: newKey(),
    lines: [{ kitId: world.jeu.kitId, quantity: options.quantity ?? 1 }],
    now: options.now ?? world.now,
  });

const noFilter: OrderQueueFilters = { status: "all", departement: null, kind: null, olderThanDays: null, search: null };

async function queueIds(reach: "all" | string[], filters: Partial<OrderQueueFilters>, now = world.now) {
  const queue = await orderQueue({ reach, filters: { ...noFilter, ...filters }, page: 1, now });
  return queue.orders.items.map((order) => order.id);
}

const mailsTo = async (userId: number) =>
  db<{ subject: string; textBody: string }[]>`
    select subject, text_body from mail_outbox where to_address = (select email from users where id = ${userId}) order by id`;

describe("the queue", () => {
  let rennes: { id: number; memberId: number; legalName: string };
  let brest: { id: number; memberId: number; legalName: string };
  let franceServices: { id: number; memberId: number; legalName: string };
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    rennes = await createStructure(db, { communeCode: "35238", status: "verified", legalName: "Médiathèque des Champs Libres" });
    brest = await createStructure(db, { communeCode: "29019", status: "verified", legalName: "Bibliothèque de Bellevue" });
    franceServices = await createStructure(db, {
      communeCode: "35238",
      status: "verified",
      kind: "france_services",
      legalName: "France Services de Rennes",
      siret: "13002526500013",
    });
    ids.rennesOld = (await submit(rennes)).id;
    ids.brest = (await submit(brest)).id;
    ids.rennesRecent = (await submit(rennes, { now: new Date(world.now.getTime() + 5 * DAY) })).id;
    ids.franceServices = (await submit(franceServices)).id;
    ids.rejected = (await submit(rennes)).id;
    await rejectOrder({ orderId: ids.rejected, actorId: world.adminId, reason: "Commande en double.", now: world.now });
  });

  test("waiting orders come oldest first; the admin filters by status, département, kind, age and text", async () => {
    const waiting = await queueIds("all", { status: "submitted" });
    expect(waiting.filter((id) => Object.values(ids).includes(id))).toEqual([ids.rennesOld, ids.brest, ids.franceServices, ids.rennesRecent]);
    expect(await queueIds("all", { status: "rejected" })).toEqual([ids.rejected]);
    expect(await queueIds("all", { status: "submitted", departement: "29" })).toEqual([ids.brest]);
    expect(await queueIds("all", { status: "submitted", kind: "france_services" })).toEqual([ids.franceServices]);
    // Ten days on, only what was sent more than seven days before.
    const tenDaysOn = new Date(world.now.getTime() + 10 * DAY);
    expect(await queueIds("all", { status: "submitted", olderThanDays: 7 }, tenDaysOn)).not.toContain(ids.rennesRecent);
    expect(await queueIds("all", { status: "submitted", olderThanDays: 7 }, tenDaysOn)).toContain(ids.rennesOld);
    expect(await queueIds("all", { search: "champs libres" })).toEqual([ids.rennesRecent, ids.rejected, ids.rennesOld]);
    expect(await queueIds("all", { search: "130 025 265" })).toEqual([ids.franceServices]);
    expect(await queueIds("all", { search: `n° ${ids.brest}` })).toEqual([ids.brest]);
    expect(await queueIds("all", { search: "100%_" })).toEqual([]);
  });

  test("an instructor sees their département's orders only, even when filtering on another one", async () => {
    const of35 = await queueIds(["35"], {});
    expect(of35).toEqual(expect.arrayContaining([ids.rennesOld, ids.rennesRecent, ids.franceServices, ids.rejected]));
    expect(of35).not.toContain(ids.brest);
    // Another département in the address is no filter: still the orders of 35 only.
    expect(await queueIds(["35"], { departement: "29" })).toEqual(of35);
    expect(await queueIds(["35"], { search: String(ids.brest) })).toEqual([]);
    const queue = await orderQueue({ reach: ["35"], filters: noFilter, page: 1, now: world.now });
    expect(queue.departements).toEqual([{ code: "35", name: "Ille-et-Vilaine" }]);
    expect(queue.allocation?.departements).toEqual([{ code: "35", name: "Ille-et-Vilaine" }]);
  });

  test("an order's file is read within reach only: another département's instructor is told it does not exist", async () => {
    const file = await orderForInstruction({ orderId: ids.brest, reach: ["29"] });
    expect(file.structure.legalName).toBe("Bibliothèque de Bellevue");
    expect(file.rules.version).toBe(1);
    expect(file.lines).toEqual([{ kitId: world.jeu.kitId, title: expect.stringMatching(/^Jeu /), quantity: 1, unitPriceCents: 6_450 }]);
    expect(file.allocation.departements).toEqual([{ code: "29", name: "Finistère" }]);
    expect(await rejectionOf(orderForInstruction({ orderId: ids.brest, reach: ["35"] }))).toBeInstanceOf(OrderNotFound);
    expect(await rejectionOf(orderForInstruction({ orderId: 99_999_999, reach: "all" }))).toBeInstanceOf(OrderNotFound);
    const [outcome] = await approveOrders({ orderIds: [ids.brest], actorId: instructor35, reach: ["35"], now: world.now });
    expect(outcome).toEqual({ orderId: ids.brest, approved: false, reason: "Commande introuvable." });
    // An admin acting in a space narrowed to 35 (the instruction screens) does not reach it either.
    const narrowed = await approveOrders({ orderIds: [ids.brest], actorId: world.adminId, reach: ["35"], now: world.now });
    expect(narrowed).toEqual([{ orderId: ids.brest, approved: false, reason: "Commande introuvable." }]);
    expect((await orderForInstruction({ orderId: ids.brest, reach: "all" })).order.status).toBe("submitted");
  });
});

describe("approving a selection", () => {
  test("an order already rejected and one beyond the envelope are refused with their reasons; the others are approved, counters = ledger", async () => {
    const structures = [await verifiedStructure(db), await verifiedStructure(db), await verifiedStructure(db)];
    const orders = [];
    for (const structure of structures) orders.push(await submit(structure, { quantity: 2 }));
    const rejected = await submit(await verifiedStructure(db));
    await rejectOrder({ orderId: rejected.id, actorId: instructor35, reason: "Structure déjà équipée.", now: world.now });
    // An order for more than the département's whole envelope, nothing reserved for it: written by hand, since submitting reserves.
    const before = await allocationFigures({ campaignId: world.campaign.id, reach: ["35"], departement: null });
    const beyond = structures[0];
    const [{ id: beyondId }] = await db<{ id: number }[]>`
      insert into orders (structure_id, campaign_id, departement_code, rule_version, status, idempotency_key, total_cents, total_units,
                          submitted_by, submitted_at, status_at)
      values (${beyond.id}, ${world.campaign.id}, '35', 1, 'submitted', ${newKey()}, ${before.capCents + 100}, 1, ${beyond.memberId},
              ${world.now}, ${world.now})
      returning id`;

    const asked = [orders[0].id, rejected.id, orders[1].id, orders[1].id, beyondId, orders[2].id];
    const outcomes = await approveOrders({ orderIds: asked, actorId: instructor35, reach: ["35"], now: world.now });
    expect(outcomes).toEqual([
      { orderId: orders[0].id, approved: true },
      { orderId: rejected.id, approved: false, reason: "Seule une commande envoyée, pas encore instruite, peut être approuvée." },
      { orderId: orders[1].id, approved: true },
      {
        orderId: beyondId,
        approved: false,
        reason: `Les compteurs du département 35 ne couvrent pas la commande n° ${beyondId} : rien n'a été modifié.`,
      },
      { orderId: orders[2].id, approved: true },
    ]);
    const statuses = await db`select id, status from orders where id = any(${[...asked]}::bigint[]) order by id`;
    expect(statuses).toEqual(
      [
        ...orders.map((order) => ({ id: order.id, status: "approved" })),
        { id: rejected.id, status: "rejected" },
        { id: beyondId, status: "submitted" },
      ].sort((a, b) => a.id - b.id),
    );
    const after = await allocationFigures({ campaignId: world.campaign.id, reach: ["35"], departement: null });
    const approvedCents = orders.reduce((sum, order) => sum + order.totalCents, 0);
    expect(after.committedCents - before.committedCents).toBe(approvedCents);
    expect(before.reservedCents - after.reservedCents).toBe(approvedCents);
    expect(await verifyLedger(world.campaign.id)).toEqual([]);
    const audited =
      await db`select subject from audit_log where action = 'order.approved' and subject = any(${asked.map((id) => `order:${id}`)}::text[]) order by id`;
    expect(audited).toEqual(orders.map((order) => ({ subject: `order:${order.id}` })));
  });

  test("an empty selection or more than a hundred orders is refused before anything is approved", async () => {
    const order = await submit(await verifiedStructure(db));
    expect(await rejectionOf(approveOrders({ orderIds: [], actorId: world.adminId, reach: "all", now: world.now }))).toMatchObject({
      message: "Cochez au moins une commande à approuver.",
    });
    const many = [order.id, ...Array.from({ length: 100 }, (_, i) => 1_000_000 + i)];
    expect(await rejectionOf(approveOrders({ orderIds: many, actorId: world.adminId, reach: "all", now: world.now }))).toMatchObject({
      message: "Approuvez au plus 100 commandes à la fois.",
    });
    expect((await orderForInstruction({ orderId: order.id, reach: "all" })).order.status).toBe("submitted");
  });
});

describe("closing a delivered order", () => {
  test("an instructor of the département closes it once; another's is told it does not exist; an undelivered order cannot be closed", async () => {
    const order = await approvedOrder(db, world, [{ kitId: world.coffret.kitId, quantity: 1 }]);
    expect(await rejectionOf(closeOrder({ orderId: order.orderId, actorId: instructor35, now: world.now }))).toBeInstanceOf(Conflict);
    const maker = await makerFor(db, world, { kitIds: [world.coffret.kitId], departements: ["35"] });
    await shareOf(db, order, maker, "delivered");
    expect(await rejectionOf(closeOrder({ orderId: order.orderId, actorId: instructor29, now: world.now }))).toBeInstanceOf(OrderNotFound);
    expect((await closeOrder({ orderId: order.orderId, actorId: instructor35, now: world.now })).status).toBe("closed");
    const again = await rejectionOf(closeOrder({ orderId: order.orderId, actorId: instructor35, now: world.now }));
    expect((again as Conflict).message).toBe("Seule une commande livrée peut être close.");
    expect(await db`select action from audit_log where subject = ${`order:${order.orderId}`} and action = 'order.closed'`).toHaveLength(1);
    const mails = await mailsTo(order.memberId);
    expect(mails.at(-1)?.subject).toBe(`Votre commande n° ${order.orderId} est close`);
  });
});

describe("the e-mails of each step", () => {
  test("a submission tells the département's instructors only; approval and rejection tell the structure's members, with the link to the order", async () => {
    const otherInstructor35 = (await createPerson(db, { roles: ["instructor"], scope: "departement:35" })).id;
    const structure = await verifiedStructure(db);
    const before29 = (await mailsTo(instructor29)).length;
    const beforeAdmin = (await mailsTo(world.adminId)).length;
    const order = await submit(structure);
    for (const instructor of [instructor35, otherInstructor35]) {
      const mail = (await mailsTo(instructor)).at(-1)!;
      expect(mail.subject).toMatch(new RegExp(`^Commande n° ${order.id} de « Médiathèque .+ » à instruire$`));
      expect(mail.textBody).toContain(`/instruction/commandes/${order.id}`);
      expect(mail.textBody).toContain("1 kit pour 64,50");
    }
    expect(await mailsTo(instructor29)).toHaveLength(before29);
    expect(await mailsTo(world.adminId)).toHaveLength(beforeAdmin);

    await approveOrder({ orderId: order.id, actorId: instructor35, now: world.now });
    const approved = (await mailsTo(structure.memberId)).at(-1)!;
    expect(approved.subject).toBe(`Votre commande n° ${order.id} est approuvée`);
    expect(approved.textBody).toContain(`/structure/commandes/${order.id}`);

    const refused = await submit(structure);
    await rejectOrder({ orderId: refused.id, actorId: instructor35, reason: "Le kit demandé est déjà dans vos locaux.", now: world.now });
    const rejection = (await mailsTo(structure.memberId)).at(-1)!;
    expect(rejection.subject).toBe(`Votre commande n° ${refused.id} est refusée`);
    expect(rejection.textBody).toContain("Le kit demandé est déjà dans vos locaux.");
    expect(rejection.textBody).toContain(`/structure/commandes/${refused.id}`);
  });

  test("a step that is refused queues no e-mail", async () => {
    const structure = await verifiedStructure(db);
    const order = await submit(structure);
    await approveOrder({ orderId: order.id, actorId: instructor35, now: world.now });
    const [{ count: before }] = await db<{ count: number }[]>`select count(*)::int as count from mail_outbox`;
    await rejectionOf(approveOrder({ orderId: order.id, actorId: instructor35, now: world.now }));
    await rejectionOf(rejectOrder({ orderId: order.id, actorId: instructor35, reason: "Trop tard pour refuser.", now: world.now }));
    expect(await db`select count(*)::int as count from mail_outbox`).toEqual([{ count: before }]);
  });
});

describe("the queue at size", () => {
  test("the count stops 20 pages past the page read: « plus de », exact again once the pages reach the end", async () => {
    const structures = [
      await createStructure(db, { communeCode: "35238", status: "verified" }),
      await createStructure(db, { communeCode: "29019", status: "verified" }),
      await createStructure(db, { communeCode: "35238", status: "verified" }),
    ];
    for (let i = 0; i < 7; i++) for (const structure of structures) await submit(structure);
    const [{ total }]: [{ total: number }] = await db`
      select count(*)::int as total from orders where status <> 'cart' and campaign_id = (select max(id) from distribution_campaigns)`;
    expect(total).toBeGreaterThan(21);
    const first = await orderQueue({ reach: "all", filters: noFilter, page: 1, pageSize: 1, now: world.now });
    expect(first.orders).toMatchObject({ total: 20, pageCount: 20, more: true });
    const last = await orderQueue({ reach: "all", filters: noFilter, page: total - 19, pageSize: 1, now: world.now });
    expect(last.orders).toMatchObject({ total, pageCount: total });
    expect(last.orders.more).toBeUndefined();
    expect(last.orders.items).toHaveLength(1);
  });
});
