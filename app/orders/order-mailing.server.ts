import { portalLink } from "~/accounts/links.server";
import type { Sql } from "~/infra/db.server";
import { queueMail } from "~/mail/outbox.server";
import { recipientsOf, type Recipient } from "./fulfilments.server";
import { orderDecisionMail, orderSubmittedMail, type MailedOrder } from "./order-mails";

// The e-mails of the instruction's steps, queued in the step's transaction: nobody hears of a step
// that rolled back, and an SMTP outage leaves them waiting in the outbox.

type StepOrder = { id: number; structureId: number; departementCode: string; totalCents: number; totalUnits: number };

async function mailed(order: StepOrder, tx: Sql): Promise<MailedOrder> {
  const [{ legalName }]: [{ legalName: string }] = await tx`select legal_name from structures where id = ${order.structureId}`;
  return { ...order, legalName };
}

/** Who is told of a submitted order: the instructors of its département (read with the submission's other reads). */
export function submissionRecipients(departementCode: string, tx: Sql): Promise<Recipient[]> {
  return recipientsOf({ departementCode, admins: false }, tx);
}

/** Tells them that the order waits for their decision (the submission has the structure at hand). */
export async function mailOrderSubmitted(order: MailedOrder, instructors: readonly Recipient[], tx: Sql): Promise<void> {
  const link = portalLink(`/instruction/commandes/${order.id}`);
  await Promise.all(instructors.map((instructor) => queueMail(orderSubmittedMail(instructor, order, link), tx)));
}

/** Tells the ordering structure's members what became of the order. */
export async function mailOrderDecision(decision: Parameters<typeof orderDecisionMail>[0], order: StepOrder, tx: Sql): Promise<void> {
  const about = await mailed(order, tx);
  const link = portalLink(`/structure/commandes/${order.id}`);
  for (const member of await recipientsOf({ structureId: order.structureId }, tx))
    await queueMail(orderDecisionMail(decision, member, about, link), tx);
}
