// The instruction's steps beyond one decision: approving a selection of orders at once, and
// closing an order once delivered. Each order is one transaction, its row locked first.
import { appendAudit } from "~/audit/audit.server";
import { db, type Sql } from "~/infra/db.server";
import { NotFound, Refused } from "~/infra/domain-errors";
import { transaction } from "~/infra/transaction.server";
import type { Reach } from "~/structures/verification";
import { MAX_BULK_APPROVALS } from "./instruction-schemas";
import { mailOrderDecision } from "./order-mailing.server";
import { nextStatus } from "./orders-lifecycle";
import { approveOrder, lockOrderForInstructor, OrderNotFound, orderSubject, type Decision, type Order } from "./orders.server";

export type BulkOutcome = { orderId: number; approved: true } | { orderId: number; approved: false; reason: string };

/**
 * Approves each order in its own transaction (approveOrder), in the order given, each id once: an
 * order decided meanwhile by someone else, out of reach or whose money is not there is refused
 * with its French reason, and the others are approved all the same. `reach`, when given, narrows
 * the actor's memberships to the space they act in (an admin who is also an instructor reaches
 * only their départements on the instruction screens).
 */
export async function approveOrders(
  input: { orderIds: readonly number[]; actorId: number; reach?: Reach; now: Date },
  sql: Sql = db,
): Promise<BulkOutcome[]> {
  const orderIds = [...new Set(input.orderIds)];
  if (orderIds.length === 0) throw new Refused("Cochez au moins une commande à approuver.", "orderIds");
  if (orderIds.length > MAX_BULK_APPROVALS) throw new Refused(`Approuvez au plus ${MAX_BULK_APPROVALS} commandes à la fois.`, "orderIds");
  const inReach = input.reach === undefined || input.reach === "all" ? null : await ordersWithin(orderIds, input.reach, sql);
  const outcomes: BulkOutcome[] = [];
  for (const orderId of orderIds) {
    try {
      if (inReach && !inReach.has(orderId)) throw new OrderNotFound();
      await approveOrder({ orderId, actorId: input.actorId, now: input.now }, sql);
      outcomes.push({ orderId, approved: true });
    } catch (error) {
      if (!(error instanceof NotFound || error instanceof Refused)) throw error;
      outcomes.push({ orderId, approved: false, reason: error.message });
    }
  }
  return outcomes;
}

async function ordersWithin(orderIds: number[], departements: readonly string[], sql: Sql): Promise<Set<number>> {
  const rows = await sql<{ id: number }[]>`
    select id from orders where id = any(${orderIds}::bigint[]) and departement_code = any(${[...departements]}::text[])`;
  return new Set(rows.map((row) => row.id));
}

/**
 * An admin, or an instructor of the order's département, closes a delivered order: its file is
 * complete, the money already spent. The structure's members are told.
 */
export async function closeOrder(input: Decision, sql: Sql = db): Promise<Order> {
  return transaction(sql, async (tx) => {
    const order = await lockOrderForInstructor(input.orderId, input.actorId, tx);
    const status = nextStatus(order.status, "close");
    await tx`update orders set status = ${status}, status_at = ${input.now} where id = ${order.id}`;
    await mailOrderDecision({ status: "closed" }, order, tx);
    await appendAudit(tx, { actorId: input.actorId, action: "order.closed", subject: orderSubject(order.id), data: {} });
    return { ...order, status };
  });
}
