// What every step from routing to receipt shares: who to tell, the order's status recomputed from
// its fulfilments in the step's transaction (decision 028), and a share's units given back to the
// order and to its maker's month when it is refused or cancelled.
import type { Sql } from "~/infra/db.server";
import { orderStatusFrom, type FulfilmentStatus } from "./fulfilment-lifecycle";
import type { OrderStatus } from "./orders-lifecycle";

export type Recipient = { email: string; name: string };

/** The active members of a structure, a maker, or the instructors of a département (with the admins when `admins`). */
export async function recipientsOf(
  audience: { structureId: number } | { makerId: number } | { departementCode: string; admins?: boolean },
  sql: Sql,
): Promise<Recipient[]> {
  const [role, scope] =
    "structureId" in audience
      ? ["structure", `structure:${audience.structureId}`]
      : "makerId" in audience
        ? ["maker", `maker:${audience.makerId}`]
        : ["instructor", `departement:${audience.departementCode}`];
  const admins = "departementCode" in audience && audience.admins === true;
  return sql<Recipient[]>`
    select distinct u.id, u.email, u.name from memberships m join users u on u.id = m.user_id
    where u.disabled_at is null and ((m.role = ${role} and m.scope = ${scope}) or (${admins} and m.role = 'admin'))
    order by u.id`;
}

/**
 * Writes the order's status as its fulfilments and unrouted units say, after a step on one of
 * them; the order's row must be locked by the caller (or the step's fulfilment row, which every
 * step on that order locks first). Returns the new status.
 */
export async function refreshOrderStatus(orderId: number, now: Date, tx: Sql): Promise<OrderStatus> {
  const [state]: [{ unroutedUnits: number; fulfilments: FulfilmentStatus[] }] = await tx`
    select (select coalesce(sum(quantity - routed_units), 0)::int from order_lines where order_id = ${orderId}) as unrouted_units,
           array(select status from fulfilments where order_id = ${orderId} order by id) as fulfilments`;
  const status = orderStatusFrom(state);
  await tx`update orders set status = ${status}, status_at = ${now} where id = ${orderId} and status is distinct from ${status}`;
  return status;
}

/**
 * Gives a refused or cancelled share's units back: to its order's lines (to be routed again) and
 * to its maker's monthly load. The share's status must be changed by the caller in the same transaction.
 */
export async function releaseShare(fulfilmentId: number, tx: Sql): Promise<void> {
  await tx`
    update order_lines ol set routed_units = ol.routed_units - fl.quantity
    from fulfilment_lines fl
    where fl.fulfilment_id = ${fulfilmentId} and ol.order_id = fl.order_id and ol.kit_id = fl.kit_id`;
  await tx`
    update maker_monthly_load l set routed_units = l.routed_units - fl.quantity
    from fulfilment_lines fl join fulfilments f on f.id = fl.fulfilment_id
    where fl.fulfilment_id = ${fulfilmentId} and l.maker_id = f.maker_id and l.kit_id = fl.kit_id and l.month = f.month`;
}
