import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/accounts/permissions.server";
import type { SubmittedForm } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { requireRecordId } from "~/http/params";
import { readQuery } from "~/http/query";
import { now } from "~/infra/clock.server";
import { Refused } from "~/infra/domain-errors";
import { reachOf } from "~/structures/verification";
import { bulkApprovalSchema, orderQueueQuerySchema, orderRejectionSchema } from "../instruction-schemas";
import { approveOrders, closeOrder } from "../instruction.server";
import { orderForInstruction, orderQueue } from "../order-queues.server";
import { approveOrder, rejectOrder } from "../orders.server";
import type { InstructionSpace } from "./spaces";

// The HTTP part of the order instruction screens, the same for the admin's and the instructors'
// routes, which only name their space: who may enter (its role) and how far their decisions reach.
// The decisions themselves check the actor's memberships against the order's département again.

async function instructorIn(request: Request, space: InstructionSpace) {
  const user = await requireUser(request, { role: space.role });
  return { id: user.id, reach: reachOf(user.memberships, space.key) };
}

const ORDER_NOT_FOUND = "Commande introuvable.";

export async function queuePage({ request }: LoaderFunctionArgs, space: InstructionSpace) {
  const { reach } = await instructorIn(request, space);
  const query = readQuery(request, orderQueueQuerySchema);
  const at = now();
  const queue = await orderQueue({
    reach,
    filters: {
      status: query.statut,
      departement: query.departement,
      kind: query.type,
      olderThanDays: query.anciennete,
      search: query.recherche,
    },
    page: query.page,
    now: at,
  });
  return { query, at, ...queue };
}

/** The ticked orders approved one by one; the page then lists what was approved and why the others were not. */
export async function bulkApprovalAction({ request, form }: ActionFunctionArgs & { form: SubmittedForm }, space: InstructionSpace) {
  const instructor = await instructorIn(request, space);
  const { orderIds } = await form.parse(bulkApprovalSchema);
  return { outcomes: await approveOrders({ orderIds, actorId: instructor.id, reach: instructor.reach, now: now() }) };
}

export async function orderPage({ request, params }: LoaderFunctionArgs, space: InstructionSpace) {
  const { reach } = await instructorIn(request, space);
  return { ...(await orderForInstruction({ orderId: requireRecordId(params.id, ORDER_NOT_FOUND), reach })), at: now() };
}

/** The instructor's decision on one order (the button pressed: `intent`), then back to the queue with its notice. */
export async function orderDecisionAction({ request, params, form }: ActionFunctionArgs & { form: SubmittedForm }, space: InstructionSpace) {
  const instructor = await instructorIn(request, space);
  const orderId = requireRecordId(params.id, ORDER_NOT_FOUND);
  // Out of this space's reach (an admin who is also an instructor, on the instruction screens): not found here.
  await orderForInstruction({ orderId, reach: instructor.reach });
  const decision = { orderId, actorId: instructor.id, now: now() };
  const intent = await form.intent();
  let done;
  if (intent === "approve") done = await approveOrder(decision);
  else if (intent === "reject") done = await rejectOrder({ ...decision, ...(await form.parse(orderRejectionSchema)) });
  else if (intent === "close") done = await closeOrder(decision);
  else throw new Refused("Choisissez une décision : approuver, refuser ou clore la commande.");
  return redirectWithNotice(space.queuePath, done.status, { commande: done.id });
}
