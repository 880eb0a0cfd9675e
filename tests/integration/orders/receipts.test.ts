// The service fait on PostgreSQL: a member of the ordering structure confirms what each shipment
// brought; the received value moves from committed to spent, the certificate is issued, and the
// order delivered once every unit is shipped and every shipment received gives back what was never
// received. Every refusal leaves orders, shares, ledger, counters, documents and audit as they were.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { verifyLedger } from "~/envelope/ledger.server";
import { db } from "~/infra/db.server";
import { Conflict, Refused } from "~/infra/domain-errors";
import { toParisLocal } from "~/infra/paris-time";
import { confirmReceipt, FEEDBACK_DELAY_MS, ShipmentNotFound, type ReceiptInput } from "~/orders/receipts.server";
import { createPerson } from "../../support/fixtures";
import { approvedOrder, makerFor, shareOf, type ApprovedOrder, type TestMaker } from "../../support/fulfilment-world";
import { ordersWorld, type OrdersWorld } from "../../support/orders-world";
import { rejectionOf } from "../../support/rejection";

let world: OrdersWorld;
let maker: TestMaker;

beforeAll(async () => {
  world = await ordersWorld(db);
  maker = await makerFor(db, world, { kitIds: [world.coffret.kitId, world.jeu.kitId], departements: ["35"] });
});

const today = () => toParisLocal(new Date()).slice(0, 10);

function receipt(order: ApprovedOrder, shipmentId: number, lines: ReceiptInput["lines"], overrides: Partial<ReceiptInput> = {}): ReceiptInput {
  return {
    shipmentId,
    memberId: order.memberId,
    receivedOn: today(),
    signatoryName: "Claire Martin",
    signatoryRole: "Directrice de la médiathèque",
    lines,
    reservations: null,
    now: new Date(),
    ...overrides,
  };
}

async function allocation() {
  const [row] = await db<{ committedCents: number; spentCents: number }[]>`
    select committed_cents, spent_cents from allocations where campaign_id = ${world.campaign.id} and departement_code = '35'`;
  return row;
}

async function usage(structureId: number) {
  const [row] = await db<{ usedCents: number; usedUnits: number }[]>`
    select used_cents, used_units from structure_campaign_usage where structure_id = ${structureId} and campaign_id = ${world.campaign.id}`;
  return row;
}

/** Everything a receipt may write: a refused one must leave it as it was. */
async function everything() {
  const [row] = await db`
    select (select string_agg(id || status, ',' order by id) from orders) as orders,
           (select string_agg(id || status, ',' order by id) from fulfilments) as shares,
           (select string_agg(id || ':' || received, ',' order by id) from shipments) as shipments,
           (select count(*)::int from shipment_receipts) as receipts, (select count(*)::int from order_documents) as documents,
           (select count(*)::int from ledger_entries) as entries, (select count(*)::int from audit_log) as audit,
           (select count(*)::int from kit_feedback) as feedback, (select count(*)::int from mail_outbox) as mails,
           (select sum(committed_cents)::text || '/' || sum(spent_cents)::text from allocations) as counters,
           (select sum(used_cents)::text || '/' || sum(used_units)::text from structure_campaign_usage) as usage`;
  return row;
}

async function refusedWithNothingChanged(work: () => Promise<unknown>): Promise<unknown> {
  const before = await everything();
  const refusal = await rejectionOf(work());
  expect(refusal).toBeInstanceOf(Error);
  expect(await everything()).toEqual(before);
  return refusal;
}

/** A share in production that ships `lines` now: one more shipment, as the maker's step leaves it. */
async function ship(fulfilmentId: number, lines: { kitId: number; quantity: number }[]) {
  const [shipment]: [{ id: number }] = await db`
    insert into shipments (fulfilment_id, carrier, tracking_number, shipped_by, shipped_at)
    values (${fulfilmentId}, 'chronopost', 'XY123456789FR', ${maker.memberId}, now()) returning id`;
  for (const line of lines) {
    await db`insert into shipment_lines (shipment_id, fulfilment_id, kit_id, quantity) values (${shipment.id}, ${fulfilmentId}, ${line.kitId}, ${line.quantity})`;
    await db`update fulfilment_lines set shipped_units = shipped_units + ${line.quantity} where fulfilment_id = ${fulfilmentId} and kit_id = ${line.kitId}`;
  }
  await db`update fulfilments set status = 'shipped' where id = ${fulfilmentId}`;
  await db`update orders set status = 'shipped' where id = (select order_id from fulfilments where id = ${fulfilmentId})`;
  return shipment.id;
}

const statusOf = async (orderId: number) => (await db<{ status: string }[]>`select status from orders where id = ${orderId}`)[0].status;

describe("confirming a receipt", () => {
  test("everything received: the value is spent, the certificate issued and audited, the order delivered, the maker told", async () => {
    const order = await approvedOrder(db, world, [
      { kitId: world.coffret.kitId, quantity: 2 },
      { kitId: world.jeu.kitId, quantity: 1 },
    ]);
    const { fulfilmentId, shipmentId } = await shareOf(db, order, maker, "shipped");
    const before = await allocation();
    const usageBefore = await usage(order.structureId);
    const now = new Date();
    const done = await confirmReceipt(
      receipt(
        order,
        shipmentId!,
        [
          { kitId: world.coffret.kitId, receivedUnits: 2 },
          { kitId: world.jeu.kitId, receivedUnits: 1 },
        ],
        { now },
      ),
    );
    const value = 2 * 19_900 + 6_450;
    expect(done).toMatchObject({ spentCents: value, orderStatus: "delivered" });
    const after = await allocation();
    expect([after.committedCents - before.committedCents, after.spentCents - before.spentCents]).toEqual([-value, value]);
    expect(await usage(order.structureId)).toEqual(usageBefore);
    expect(await verifyLedger(world.campaign.id)).toEqual([]);
    expect(await db`select status from fulfilments where id = ${fulfilmentId}`).toEqual([{ status: "delivered" }]);
    expect(await statusOf(order.orderId)).toBe("delivered");

    const [certificate] = await db<{ id: number; sha256: string; content: Buffer }[]>`
      select id, sha256, content from order_documents where kind = 'service_certificate' and shipment_id = ${shipmentId}`;
    expect(certificate.id).toBe(done.certificateId);
    expect(createHash("sha256").update(certificate.content).digest("hex")).toBe(certificate.sha256);
    const [entry] = await db<{ data: Record<string, unknown> }[]>`
      select data from audit_log where action = 'order.receipt_confirmed' and subject = ${`order:${order.orderId}`}`;
    expect(entry.data).toMatchObject({ shipmentId, spentCents: value, certificateSha256: certificate.sha256, delivered: true, releasedCents: 0 });

    const feedback = await db<
      { kitId: number; askAfter: Date }[]
    >`select kit_id, ask_after from kit_feedback where order_id = ${order.orderId} order by kit_id`;
    expect(feedback.map((row) => row.kitId).sort()).toEqual([world.coffret.kitId, world.jeu.kitId].sort());
    for (const row of feedback) expect(row.askAfter.getTime()).toBe(now.getTime() + FEEDBACK_DELAY_MS);

    const [makerEmail] = await db<{ email: string }[]>`select email from users where id = ${maker.memberId}`;
    const [mail] = await db<{ subject: string; textBody: string }[]>`
      select subject, text_body from mail_outbox where to_address = ${makerEmail.email} order by id desc limit 1`;
    expect(mail.subject).toBe(`Commande n° ${order.orderId} : livraison reçue par ${await structureName(order.structureId)}`);
    expect(mail.textBody).toContain("La structure n'a émis aucune réserve.");
  });

  test("in two shipments: the first receipt spends its part and the share stays shipped; the second delivers", async () => {
    const order = await approvedOrder(db, world, [{ kitId: world.coffret.kitId, quantity: 3 }]);
    const { fulfilmentId } = await shareOf(db, order, maker, "in_production");
    const first = await ship(fulfilmentId, [{ kitId: world.coffret.kitId, quantity: 1 }]);
    const before = await allocation();
    const partial = await confirmReceipt(receipt(order, first, [{ kitId: world.coffret.kitId, receivedUnits: 1 }]));
    expect(partial).toMatchObject({ spentCents: 19_900, orderStatus: "shipped" });
    expect(await db`select status from fulfilments where id = ${fulfilmentId}`).toEqual([{ status: "shipped" }]);
    expect((await allocation()).spentCents - before.spentCents).toBe(19_900);

    const second = await ship(fulfilmentId, [{ kitId: world.coffret.kitId, quantity: 2 }]);
    const last = await confirmReceipt(receipt(order, second, [{ kitId: world.coffret.kitId, receivedUnits: 2 }]));
    expect(last).toMatchObject({ spentCents: 39_800, orderStatus: "delivered" });
    const after = await allocation();
    expect([after.committedCents - before.committedCents, after.spentCents - before.spentCents]).toEqual([-59_700, 59_700]);
    expect(await verifyLedger(world.campaign.id)).toEqual([]);
  });

  test("units missing: reservations are required; with them, the order delivered gives back the value never received", async () => {
    const order = await approvedOrder(db, world, [
      { kitId: world.coffret.kitId, quantity: 2 },
      { kitId: world.jeu.kitId, quantity: 4 },
    ]);
    const { shipmentId } = await shareOf(db, order, maker, "shipped");
    const lines = [
      { kitId: world.coffret.kitId, receivedUnits: 2 },
      { kitId: world.jeu.kitId, receivedUnits: 1 },
    ];
    const silent = await refusedWithNothingChanged(() => confirmReceipt(receipt(order, shipmentId!, lines)));
    expect(silent).toBeInstanceOf(Refused);
    expect((silent as Refused).field).toBe("reservations");

    const before = await allocation();
    const usageBefore = await usage(order.structureId);
    const done = await confirmReceipt(receipt(order, shipmentId!, lines, { reservations: "Trois jeux manquent dans le carton." }));
    expect(done).toMatchObject({ spentCents: 2 * 19_900 + 6_450, orderStatus: "delivered" });
    const after = await allocation();
    const missing = 3 * 6_450;
    expect(after.spentCents - before.spentCents).toBe(2 * 19_900 + 6_450);
    expect(after.committedCents - before.committedCents).toBe(-(2 * 19_900 + 4 * 6_450));
    expect(await usage(order.structureId)).toEqual({ usedCents: usageBefore.usedCents - missing, usedUnits: usageBefore.usedUnits - 3 });
    expect(await db`select kind, committed_delta, spent_delta from ledger_entries where order_id = ${order.orderId} order by id`).toEqual([
      { kind: "reservation", committedDelta: 0, spentDelta: 0 },
      { kind: "commitment", committedDelta: 2 * 19_900 + 4 * 6_450, spentDelta: 0 },
      { kind: "spending", committedDelta: -(2 * 19_900 + 6_450), spentDelta: 2 * 19_900 + 6_450 },
      { kind: "release", committedDelta: -missing, spentDelta: 0 },
    ]);
    expect(await verifyLedger(world.campaign.id)).toEqual([]);
    const [makerEmail] = await db<{ email: string }[]>`select email from users where id = ${maker.memberId}`;
    const [mail] = await db<
      { textBody: string }[]
    >`select text_body from mail_outbox where to_address = ${makerEmail.email} order by id desc limit 1`;
    expect(mail.textBody).toContain("Trois jeux manquent dans le carton.");
  });

  test("a second confirmation of the same shipment is refused and changes nothing", async () => {
    const order = await approvedOrder(db, world, [{ kitId: world.jeu.kitId, quantity: 2 }]);
    const { shipmentId } = await shareOf(db, order, maker, "shipped");
    const lines = [{ kitId: world.jeu.kitId, receivedUnits: 2 }];
    await confirmReceipt(receipt(order, shipmentId!, lines));
    const again = await refusedWithNothingChanged(() => confirmReceipt(receipt(order, shipmentId!, lines)));
    expect(again).toBeInstanceOf(Conflict);
    expect((again as Conflict).message).toBe("La réception de cette livraison a déjà été confirmée.");
  });

  test("two confirmations at once: one passes, the other is refused, the value is spent once", async () => {
    const order = await approvedOrder(db, world, [{ kitId: world.jeu.kitId, quantity: 1 }]);
    const { shipmentId } = await shareOf(db, order, maker, "shipped");
    const before = await allocation();
    const outcomes = await Promise.allSettled(
      [1, 2, 3].map(() => confirmReceipt(receipt(order, shipmentId!, [{ kitId: world.jeu.kitId, receivedUnits: 1 }]))),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    expect((await allocation()).spentCents - before.spentCents).toBe(6_450);
    expect(await verifyLedger(world.campaign.id)).toEqual([]);
  });

  test("anyone outside the ordering structure is told the shipment does not exist", async () => {
    const order = await approvedOrder(db, world, [{ kitId: world.jeu.kitId, quantity: 1 }]);
    const { shipmentId } = await shareOf(db, order, maker, "shipped");
    const other = await approvedOrder(db, world, [{ kitId: world.jeu.kitId, quantity: 1 }]);
    const instructor = await createPerson(db, { roles: ["instructor"], scope: "departement:35" });
    for (const memberId of [other.memberId, maker.memberId, world.adminId, instructor.id]) {
      const refusal = await refusedWithNothingChanged(() =>
        confirmReceipt(receipt(order, shipmentId!, [{ kitId: world.jeu.kitId, receivedUnits: 1 }], { memberId })),
      );
      expect(refusal).toBeInstanceOf(ShipmentNotFound);
    }
    for (const id of [0, -1, 2 ** 62, 1.5]) expect(await rejectionOf(confirmReceipt(receipt(order, id, [])))).toBeInstanceOf(ShipmentNotFound);
  });

  test("a date in the future or before shipping, a bad quantity, a kit not shipped, a blank signatory: each refused by its field", async () => {
    const order = await approvedOrder(db, world, [{ kitId: world.coffret.kitId, quantity: 2 }]);
    const { shipmentId } = await shareOf(db, order, maker, "shipped");
    const good = [{ kitId: world.coffret.kitId, receivedUnits: 2 }];
    const cases: [Partial<ReceiptInput>, string | undefined][] = [
      [{ receivedOn: "2999-01-01" }, "receivedOn"],
      [{ receivedOn: "2000-01-01" }, "receivedOn"],
      [{ receivedOn: "2026-02-30" }, "receivedOn"],
      [{ receivedOn: "hier" }, "receivedOn"],
      [{ lines: [{ kitId: world.coffret.kitId, receivedUnits: 3 }] }, `received.${world.coffret.kitId}`],
      [{ lines: [{ kitId: world.coffret.kitId, receivedUnits: -1 }] }, `received.${world.coffret.kitId}`],
      [{ lines: [{ kitId: world.coffret.kitId, receivedUnits: 1.5 }] }, `received.${world.coffret.kitId}`],
      [{ lines: [] }, `received.${world.coffret.kitId}`],
      [{ lines: [...good, { kitId: world.jeu.kitId, receivedUnits: 1 }] }, undefined],
      [{ signatoryName: " " }, "signatoryName"],
      [{ signatoryRole: "x".repeat(201) }, "signatoryRole"],
    ];
    for (const [overrides, field] of cases) {
      const refusal = await refusedWithNothingChanged(() => confirmReceipt(receipt(order, shipmentId!, good, overrides)));
      expect(refusal, JSON.stringify(overrides)).toBeInstanceOf(Refused);
      expect((refusal as Refused).field, JSON.stringify(overrides)).toBe(field);
    }
  });
});

async function structureName(structureId: number) {
  return (await db<{ legalName: string }[]>`select legal_name from structures where id = ${structureId}`)[0].legalName;
}
