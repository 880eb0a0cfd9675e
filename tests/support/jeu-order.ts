// An order of the orders world's « jeu » kit sent by a structure's member, as the cart's form sends
// it: for tests that need orders waiting in the instruction queues.
import type { Sql } from "~/infra/db.server";
import { submitOrder } from "~/orders/orders.server";
import { newKey, type OrdersWorld } from "./orders-world";

/** The id of a new order of `quantity` jeux from the structure, submitted at the world's instant. */
export async function jeuOrder(sql: Sql, world: OrdersWorld, structure: { id: number; memberId: number }, quantity = 1): Promise<number> {
  const order = await submitOrder(
    {
      structureId: structure.id,
      memberId: structure.memberId,
      idempotencyKey: newKey(),
      lines: [{ kitId: world.jeu.kitId, quantity }],
      now: world.now,
    },
    sql,
  );
  return order.id;
}
