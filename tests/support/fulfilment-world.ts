// Makers and shares of orders for the tests of the steps after approval: a maker that builds kits
// for some départements, an approved order, and a share of it put in the state a test starts from
// by SQL, as routing, the maker and the structure would have left it (each step has its own tests).
import { registerMaker, requestKits, decideKitRequest, declareSupply } from "~/makers/makers.server";
import type { Sql } from "~/infra/db.server";
import { parisMonth } from "~/infra/paris-time";
import { approveOrder, submitOrder } from "~/orders/orders.server";
import type { FulfilmentStatus } from "~/orders/fulfilment-lifecycle";
import { createPerson, validSiret } from "./fixtures";
import { newKey, type OrdersWorld, verifiedStructure } from "./orders-world";

export type TestMaker = { makerId: number; memberId: number };

/** A maker of Rennes (unless told) approved for the kits, delivering to the départements at `unitsPerMonth` each. */
export async function makerFor(
  sql: Sql,
  world: OrdersWorld,
  options: { kitIds: number[]; departements: string[]; unitsPerMonth?: number; commune?: string },
): Promise<TestMaker> {
  const member = await createPerson(sql, { name: "Fabricante", roles: [] });
  const makerId = await registerMaker(
    {
      siret: validSiret(),
      name: `Fablab ${member.id}`,
      kind: "fablab",
      commune: options.commune ?? "35238",
      contactName: "Fabricante",
      contactPhone: "0299000000",
      actorId: member.id,
      now: world.now,
    },
    sql,
  );
  await requestKits({ makerId, userId: member.id, kitIds: options.kitIds, now: world.now }, sql);
  for (const kitId of options.kitIds) {
    await decideKitRequest({ makerId, kitId, status: "approved", reason: null, actorId: world.adminId, now: world.now }, sql);
    await declareSupply(
      { makerId, kitId, userId: member.id, departements: options.departements, unitsPerMonth: options.unitsPerMonth ?? 100, now: world.now },
      sql,
    );
  }
  return { makerId, memberId: member.id };
}

export type ApprovedOrder = { orderId: number; structureId: number; memberId: number; departementCode: string };

/** An order of a verified library of the commune (Rennes unless told), submitted and approved by the admin. */
export async function approvedOrder(
  sql: Sql,
  world: OrdersWorld,
  lines: { kitId: number; quantity: number }[],
  communeCode = "35238",
): Promise<ApprovedOrder> {
  const structure = await verifiedStructure(sql, communeCode);
  const order = await submitOrder(
    {
      structureId: structure.id,
      memberId: structure.memberId,
      idempotencyKey: newKey(),
      lines,
      campaignId: world.campaign.id,
      now: world.now,
    },
    sql,
  );
  await approveOrder({ orderId: order.id, actorId: world.adminId, now: world.now }, sql);
  return { orderId: order.id, structureId: structure.id, memberId: structure.memberId, departementCode: order.departementCode };
}

/**
 * Gives the whole order to the maker as one share in `status`, with what routing writes (the
 * lines, the routed units, the month's load) and, from "shipped" on, one shipment of everything.
 */
export async function shareOf(sql: Sql, order: ApprovedOrder, maker: TestMaker, status: FulfilmentStatus, now = new Date()) {
  const month = parisMonth(now);
  const [run]: [{ id: number }] = await sql`
    insert into routing_runs (campaign_id, seed, run_at, summary)
    select campaign_id, 1, ${now}, '{}'::jsonb from orders where id = ${order.orderId} returning id`;
  const [share]: [{ id: number }] = await sql`
    insert into fulfilments (order_id, maker_id, status, month, routing_run_id, distance_km, refusal_reason, routed_at, status_at)
    values (${order.orderId}, ${maker.makerId}, ${status}, ${month}, ${run.id}, 0,
            ${status === "refused" ? "Plus de matière première." : null}, ${now}, ${now})
    returning id`;
  const lines = await sql<{ kitId: number; quantity: number }[]>`select kit_id, quantity from order_lines where order_id = ${order.orderId}`;
  for (const line of lines) {
    await sql`
      insert into fulfilment_lines (fulfilment_id, order_id, kit_id, quantity, shipped_units)
      values (${share.id}, ${order.orderId}, ${line.kitId}, ${line.quantity}, ${status === "shipped" || status === "delivered" ? line.quantity : 0})`;
    if (status === "refused" || status === "cancelled") continue;
    await sql`update order_lines set routed_units = quantity where order_id = ${order.orderId} and kit_id = ${line.kitId}`;
    await sql`
      insert into maker_monthly_load (maker_id, kit_id, month, capacity, routed_units)
      select maker_id, kit_id, ${month}, units_per_month, ${line.quantity} from maker_capacity where maker_id = ${maker.makerId} and kit_id = ${line.kitId}
      on conflict (maker_id, kit_id, month) do update set routed_units = maker_monthly_load.routed_units + excluded.routed_units`;
  }
  let shipmentId: number | null = null;
  if (status === "shipped" || status === "delivered") {
    const [shipment]: [{ id: number }] = await sql`
      insert into shipments (fulfilment_id, carrier, tracking_number, shipped_by, shipped_at)
      values (${share.id}, 'colissimo', '6A12345678901', ${maker.memberId}, ${now}) returning id`;
    shipmentId = shipment.id;
    for (const line of lines)
      await sql`insert into shipment_lines (shipment_id, fulfilment_id, kit_id, quantity) values (${shipment.id}, ${share.id}, ${line.kitId}, ${line.quantity})`;
  }
  const orderStatus = status === "refused" || status === "cancelled" ? (status === "refused" ? "refused_by_maker" : "approved") : status;
  await sql`update orders set status = ${orderStatus}, status_at = ${now} where id = ${order.orderId}`;
  return { fulfilmentId: share.id, shipmentId };
}
