// The maker's steps on its share of an order, on PostgreSQL: every step from every state, allowed
// or refused with nothing changed; a refusal giving the units back to the order and to the maker's
// month; shipments in several parts, never more than the share, even sent at the same instant;
// the delivery note issued with each shipment; only the maker's members reach a share.
import { describe, expect, test, beforeAll } from "vitest";
import { db } from "~/infra/db.server";
import { Conflict, NotFound, Refused } from "~/infra/domain-errors";
import { parisMonth } from "~/infra/paris-time";
import { fulfilmentStatuses, type FulfilmentStatus } from "~/orders/fulfilment-lifecycle";
import { acceptShare, refuseShare, shipShare, ShareNotFound, startProduction } from "~/orders/maker-steps.server";
import { createPerson } from "../../support/fixtures";
import { approvedOrder, makerFor, shareOf, type TestMaker } from "../../support/fulfilment-world";
import { instructorOf, ordersWorld, type OrdersWorld } from "../../support/orders-world";
import { rejectionOf } from "../../support/rejection";

let world: OrdersWorld;
let maker: TestMaker;
let instructor35: number;
let instructor75: number;

beforeAll(async () => {
  world = await ordersWorld(db);
  maker = await makerFor(db, world, { kitIds: [world.coffret.kitId, world.jeu.kitId], departements: ["35"], unitsPerMonth: 10_000 });
  instructor35 = await instructorOf(db, "35");
  instructor75 = await instructorOf(db, "75");
});

/** An approved order of 3 coffrets and 2 jeux, its share given to the maker in `status`. */
async function share(
  status: FulfilmentStatus,
  lines = [
    { kitId: world.coffret.kitId, quantity: 3 },
    { kitId: world.jeu.kitId, quantity: 2 },
  ],
) {
  const order = await approvedOrder(db, world, lines);
  const { fulfilmentId } = await shareOf(db, order, maker, status);
  return { order, fulfilmentId };
}

const step = (fulfilmentId: number, actorId = maker.memberId) => ({ fulfilmentId, actorId, now: new Date() });
const shipment = (fulfilmentId: number, units: [number, number][], overrides: Partial<Parameters<typeof shipShare>[0]> = {}) =>
  shipShare({
    ...step(fulfilmentId),
    carrier: "colissimo",
    trackingNumber: "6A 123 456 789 01",
    lines: units.map(([kitId, quantity]) => ({ kitId, quantity })),
    ...overrides,
  });

/** Everything a maker's step may write: a refused step must leave it as it was. */
async function everything() {
  const [row] = await db`
    select (select string_agg(id || status || coalesce(refusal_reason, ''), ',' order by id) from fulfilments) as shares,
           (select string_agg(fulfilment_id || ':' || kit_id || ':' || shipped_units, ',' order by fulfilment_id, kit_id) from fulfilment_lines) as shipped,
           (select string_agg(order_id || ':' || kit_id || ':' || routed_units, ',' order by order_id, kit_id) from order_lines) as routed,
           (select string_agg(maker_id || ':' || kit_id || ':' || routed_units, ',' order by maker_id, kit_id, month) from maker_monthly_load) as load,
           (select string_agg(id || status, ',' order by id) from orders) as orders,
           (select count(*)::int from shipments) as shipments, (select count(*)::int from shipment_lines) as shipment_lines,
           (select count(*)::int from order_documents) as documents, (select count(*)::int from audit_log) as audit,
           (select count(*)::int from mail_outbox) as mails`;
  return row;
}

async function refusedWithNothingChanged(work: () => Promise<unknown>): Promise<unknown> {
  const before = await everything();
  const refusal = await rejectionOf(work());
  expect(refusal).not.toBeNull();
  expect(await everything()).toEqual(before);
  return refusal;
}

const statusOf = async (fulfilmentId: number) =>
  (await db<{ status: string }[]>`select status from fulfilments where id = ${fulfilmentId}`)[0].status;
const orderStatusOf = async (orderId: number) => (await db<{ status: string }[]>`select status from orders where id = ${orderId}`)[0].status;
// The mails the maker's steps sent, after those of the order's submission and approval.
const mailsTo = (email: string) =>
  db<{ subject: string; textBody: string }[]>`
    select subject, text_body from mail_outbox where to_address = ${email} and subject not like '%est approuvée' order by id`;
const emailOf = async (userId: number) => (await db<{ email: string }[]>`select email from users where id = ${userId}`)[0].email;

type MakerStepName = "accept" | "refuse" | "start_production" | "ship";
const run: Record<MakerStepName, (fulfilmentId: number) => Promise<unknown>> = {
  accept: (id) => acceptShare(step(id)),
  refuse: (id) => refuseShare({ ...step(id), reason: "Plus de contreplaqué avant mars." }),
  start_production: (id) => startProduction(step(id)),
  ship: (id) => shipment(id, [[world.coffret.kitId, 1]]),
};
const allowed: Record<MakerStepName, Partial<Record<FulfilmentStatus, [FulfilmentStatus, string]>>> = {
  accept: { routed: ["accepted", "accepted"] },
  refuse: { routed: ["refused", "refused_by_maker"] },
  start_production: { accepted: ["in_production", "in_production"] },
  ship: { in_production: ["shipped", "shipped"], shipped: ["shipped", "shipped"] },
};
const cases = (Object.keys(run) as MakerStepName[]).flatMap((name) => fulfilmentStatuses.map((from) => ({ name, from, to: allowed[name][from] })));

describe("every maker's step from every state", () => {
  test.each(cases.filter((c) => c.to))("$name leads a share from $from to $to", async ({ name, from, to }) => {
    const { order, fulfilmentId } = await share(from);
    // A shipped share still has units to send: one of its coffrets was not in the first shipment.
    if (from === "shipped") await db`update fulfilment_lines set shipped_units = quantity - 1 where fulfilment_id = ${fulfilmentId}`;
    await run[name](fulfilmentId);
    expect([await statusOf(fulfilmentId), await orderStatusOf(order.orderId)]).toEqual(to);
    expect(await db`select action, actor_id from audit_log where subject = ${`order:${order.orderId}`} order by id desc limit 1`).toEqual([
      { action: `fulfilment.${name}`, actorId: maker.memberId },
    ]);
  });

  test.each(cases.filter((c) => !c.to))("$name is refused from $from, nothing changed", async ({ name, from }) => {
    const { fulfilmentId } = await share(from);
    const refusal = await refusedWithNothingChanged(() => run[name](fulfilmentId));
    expect(refusal).toBeInstanceOf(Conflict);
  });
});

describe("accepting and starting production", () => {
  test("the structure's members are told, with the link to their order", async () => {
    const { order, fulfilmentId } = await share("routed");
    const outcome = await acceptShare(step(fulfilmentId));
    expect(outcome).toEqual({ fulfilmentId, orderId: order.orderId, status: "accepted", orderStatus: "accepted" });
    await startProduction(step(fulfilmentId));
    const mails = await mailsTo(await emailOf(order.memberId));
    expect(mails.map((mail) => mail.subject)).toEqual([
      `Votre commande n° ${order.orderId} est acceptée par Fablab ${maker.memberId}`,
      `Votre commande n° ${order.orderId} est en fabrication`,
    ]);
    expect(mails[0].textBody).toContain(`/structure/commandes/${order.orderId}`);
  });
});

describe("refusing a share", () => {
  test("without a reason of 5 to 2,000 characters it is refused, nothing changed", async () => {
    const { fulfilmentId } = await share("routed");
    for (const reason of ["", "  non ", "x".repeat(2001)]) {
      const refusal = await refusedWithNothingChanged(() => refuseShare({ ...step(fulfilmentId), reason }));
      expect((refusal as Refused).field).toBe("reason");
    }
  });

  test("gives its units back to the order's lines and to the maker's month; instructors of the département and admins are told", async () => {
    const { order, fulfilmentId } = await share("routed");
    const load = () =>
      db<{ kitId: number; routedUnits: number }[]>`
        select kit_id, routed_units from maker_monthly_load where maker_id = ${maker.makerId} and month = ${parisMonth(new Date())} order by kit_id`;
    const before = await load();
    const outcome = await refuseShare({ ...step(fulfilmentId), reason: "  Atelier fermé pour travaux.  " });
    expect(outcome.orderStatus).toBe("refused_by_maker");
    expect(await db`select status, refusal_reason from fulfilments where id = ${fulfilmentId}`).toEqual([
      { status: "refused", refusalReason: "Atelier fermé pour travaux." },
    ]);
    expect(await db`select kit_id, routed_units from order_lines where order_id = ${order.orderId} order by kit_id`).toEqual([
      { kitId: world.coffret.kitId, routedUnits: 0 },
      { kitId: world.jeu.kitId, routedUnits: 0 },
    ]);
    expect(await load()).toEqual(before.map((row) => ({ ...row, routedUnits: row.routedUnits - (row.kitId === world.coffret.kitId ? 3 : 2) })));
    const toInstructor = (await mailsTo(await emailOf(instructor35))).at(-1)!;
    expect(toInstructor.subject).toBe(`Commande n° ${order.orderId} refusée par Fablab ${maker.memberId} : à attribuer de nouveau`);
    expect(toInstructor.textBody).toContain("Atelier fermé pour travaux.");
    expect(toInstructor.textBody).toContain("/instruction/commandes");
    expect((await mailsTo(await emailOf(world.adminId))).at(-1)?.textBody).toContain("/admin/commandes");
    expect(await mailsTo(await emailOf(instructor75))).toEqual([]);
    const [audit] = await db`select data from audit_log where action = 'fulfilment.refuse' and subject = ${`order:${order.orderId}`}`;
    expect(audit.data).toMatchObject({ fulfilmentId, reason: "Atelier fermé pour travaux.", orderStatus: "refused_by_maker" });
  });
});

describe("shipping a share", () => {
  test("in two parts: each shipment with its tracking number, its lines and its delivery note, the structure told", async () => {
    const { order, fulfilmentId } = await share("in_production");
    const first = await shipment(fulfilmentId, [
      [world.coffret.kitId, 2],
      [world.jeu.kitId, 0],
    ]);
    expect(first).toMatchObject({ status: "shipped", orderStatus: "shipped" });
    expect(await db`select carrier, tracking_number, shipped_by from shipments where id = ${first.shipmentId}`).toEqual([
      { carrier: "colissimo", trackingNumber: "6A 123 456 789 01", shippedBy: maker.memberId },
    ]);
    expect(await db`select kit_id, quantity from shipment_lines where shipment_id = ${first.shipmentId}`).toEqual([
      { kitId: world.coffret.kitId, quantity: 2 },
    ]);
    const [note] = await db<{ id: number; kind: string; sha256: string; shipmentId: number }[]>`
      select id, kind, sha256, shipment_id from order_documents where id = ${first.deliveryNoteId}`;
    expect(note).toMatchObject({ kind: "delivery_note", shipmentId: first.shipmentId });
    const [audit] = await db`select data from audit_log where action = 'fulfilment.ship' and data ->> 'shipmentId' = ${String(first.shipmentId)}`;
    expect(audit.data).toMatchObject({ deliveryNoteSha256: note.sha256, carrier: "colissimo", trackingNumber: "6A 123 456 789 01" });
    const [mail] = await mailsTo(await emailOf(order.memberId));
    expect(mail.subject).toBe(`Votre commande n° ${order.orderId} est expédiée`);
    expect(mail.textBody).toContain("Transporteur : Colissimo");
    expect(mail.textBody).toContain("Numéro de suivi : 6A 123 456 789 01");
    expect(mail.textBody).toMatch(new RegExp(`https?://\\S+/structure/commandes/${order.orderId}\\b`));

    const second = await shipment(
      fulfilmentId,
      [
        [world.coffret.kitId, 1],
        [world.jeu.kitId, 2],
      ],
      { carrier: "hand_delivery", trackingNumber: "" },
    );
    expect(second.status).toBe("shipped");
    expect(await db`select tracking_number from shipments where id = ${second.shipmentId}`).toEqual([{ trackingNumber: null }]);
    expect(await db`select kit_id, shipped_units from fulfilment_lines where fulfilment_id = ${fulfilmentId} order by kit_id`).toEqual([
      { kitId: world.coffret.kitId, shippedUnits: 3 },
      { kitId: world.jeu.kitId, shippedUnits: 2 },
    ]);
    const more = await refusedWithNothingChanged(() => shipment(fulfilmentId, [[world.coffret.kitId, 1]]));
    expect((more as Refused).message).toBe("Toutes les unités de ce kit sont déjà expédiées : indiquez 0.");
  });

  test("more units than remain in the share are refused, nothing changed", async () => {
    const { fulfilmentId } = await share("in_production");
    await shipment(fulfilmentId, [[world.coffret.kitId, 1]]);
    const refusal = await refusedWithNothingChanged(() =>
      shipment(fulfilmentId, [
        [world.jeu.kitId, 1],
        [world.coffret.kitId, 3],
      ]),
    );
    expect(refusal).toBeInstanceOf(Refused);
    expect((refusal as Refused).field).toBe(`units-${world.coffret.kitId}`);
    expect((refusal as Refused).message).toBe("Il reste 2 unités de ce kit à expédier : vous ne pouvez pas en expédier davantage.");
  });

  test("a wrong tracking number, carrier or quantity, or a kit not in the share, is refused on its field, nothing changed", async () => {
    const { fulfilmentId } = await share("in_production");
    const refusals: [Partial<Parameters<typeof shipShare>[0]>, string][] = [
      [{ trackingNumber: "1Z999AA10123456784" }, "trackingNumber"],
      [{ trackingNumber: "" }, "trackingNumber"],
      [{ trackingNumber: "6A123\u000045678901" }, "trackingNumber"],
      [{ carrier: "pigeon" }, "carrier"],
      [{ carrier: "__proto__" }, "carrier"],
      [{ lines: [{ kitId: world.coffret.kitId, quantity: -1 }] }, `units-${world.coffret.kitId}`],
      [{ lines: [{ kitId: world.coffret.kitId, quantity: 1.5 }] }, `units-${world.coffret.kitId}`],
      [{ lines: [{ kitId: world.coffret.kitId, quantity: 1e9 }] }, `units-${world.coffret.kitId}`],
      [{ lines: [{ kitId: world.coffret.kitId, quantity: 0 }] }, "lines"],
      [{ lines: [] }, "lines"],
      [
        {
          lines: [
            { kitId: world.coffret.kitId, quantity: 1 },
            { kitId: world.coffret.kitId, quantity: 1 },
          ],
        },
        "lines",
      ],
      [{ lines: [{ kitId: 987_654_321, quantity: 1 }] }, "units-987654321"],
    ];
    for (const [overrides, field] of refusals) {
      const refusal = await refusedWithNothingChanged(() => shipment(fulfilmentId, [[world.coffret.kitId, 1]], overrides));
      expect(refusal, JSON.stringify(overrides)).toBeInstanceOf(Refused);
      expect((refusal as Refused).field, JSON.stringify(overrides)).toBe(field);
    }
  });

  test("ten shipments of one unit sent at once to a share of three: three pass, the others are refused", async () => {
    const { fulfilmentId } = await share("in_production", [{ kitId: world.coffret.kitId, quantity: 3 }]);
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => rejectionOf(shipment(fulfilmentId, [[world.coffret.kitId, 1]]))));
    expect(outcomes.filter((outcome) => outcome === null)).toHaveLength(3);
    expect(outcomes.filter((outcome) => outcome instanceof Refused)).toHaveLength(7);
    expect(await db`select shipped_units from fulfilment_lines where fulfilment_id = ${fulfilmentId}`).toEqual([{ shippedUnits: 3 }]);
    expect(await db`select count(*)::int as count from shipments where fulfilment_id = ${fulfilmentId}`).toEqual([{ count: 3 }]);
    expect(
      await db`select count(*)::int as count from order_documents d join shipments s on s.id = d.shipment_id where s.fulfilment_id = ${fulfilmentId}`,
    ).toEqual([{ count: 3 }]);
  });

  test("the table's check refuses an overshipment whatever the code does", async () => {
    const { fulfilmentId } = await share("in_production");
    await expect(db`update fulfilment_lines set shipped_units = quantity + 1 where fulfilment_id = ${fulfilmentId}`).rejects.toThrow(
      /shipped_within_share/,
    );
  });
});

describe("who reaches a share", () => {
  test("a member of another maker, the structure's member, an instructor or an admin is told it does not exist, nothing changed", async () => {
    const { order, fulfilmentId } = await share("routed");
    const rival = await makerFor(db, world, { kitIds: [world.coffret.kitId], departements: ["35"] });
    const outsiders = [rival.memberId, order.memberId, instructor35, world.adminId, (await createPerson(db)).id];
    for (const actorId of outsiders) {
      for (const attempt of [
        () => acceptShare(step(fulfilmentId, actorId)),
        () => refuseShare({ ...step(fulfilmentId, actorId), reason: "Pas pour nous." }),
        () => startProduction(step(fulfilmentId, actorId)),
        () =>
          shipShare({
            ...step(fulfilmentId, actorId),
            carrier: "dhl",
            trackingNumber: "1234567890",
            lines: [{ kitId: world.coffret.kitId, quantity: 1 }],
          }),
      ]) {
        expect(await refusedWithNothingChanged(attempt)).toBeInstanceOf(ShareNotFound);
      }
    }
    for (const id of [0, -1, 2 ** 63, Number.MAX_SAFE_INTEGER, 1.5, Number.NaN])
      expect(await refusedWithNothingChanged(() => acceptShare(step(id)))).toBeInstanceOf(NotFound);
  });
});
