// Orders from submission to the instructor's decision or a cancellation. Each step is one
// transaction with its audit entry: the state machine (orders-lifecycle.ts) says whether the step
// may leave the order's state, and the money moves on the département's allocation and on the
// structure's own cap by guarded updates in the same transaction (docs/decisions/027).
import { portalLink } from "~/accounts/links.server";
import { appendAudit } from "~/audit/audit.server";
import { departementChain } from "~/audit/chain";
import { orderingState, orderingStateLabels } from "~/eligibility/period";
import { askedCampaign, eligibilityIn } from "~/eligibility/rules.server";
import type { Exclusion } from "~/eligibility/rules";
import { commitFunds, releaseFunds, reserveFunds } from "~/envelope/ledger.server";
import { db, type Sql } from "~/infra/db.server";
import { Conflict, notFoundOf, Refused } from "~/infra/domain-errors";
import { transaction } from "~/infra/transaction.server";
import { queueMail } from "~/mail/outbox.server";
import { formatEuros } from "~/money/euros";
import { findStructureForMember } from "~/structures/structures.server";
import { plural } from "~/ui/plural";
import { checkLines, type OrderLineInput } from "./order-lines";
import { mailOrderDecision, mailOrderSubmitted, submissionRecipients } from "./order-mailing.server";
import { fundsHeld, nextStatus, orderSteps, type OrderStatus } from "./orders-lifecycle";
import { cancellable, nextFulfilmentStatus, type FulfilmentStatus } from "./fulfilment-lifecycle";
import { recipientsOf, releaseShare } from "./fulfilments.server";
import { cancellationMail } from "./structure-mails";

export type Order = {
  id: number;
  structureId: number;
  campaignId: number;
  departementCode: string;
  ruleVersion: number;
  status: OrderStatus;
  totalCents: number;
  totalUnits: number;
  submittedAt: Date | null;
};

export const OrderNotFound = notFoundOf("OrderNotFound", "Commande introuvable.");

/** The structure may not order in the campaign: each rule that keeps it from ordering. */
export class NotEligible extends Refused {
  override name = "NotEligible";
  constructor(readonly exclusions: Exclusion[]) {
    super("Votre structure ne peut pas commander dans cette campagne : les raisons sont détaillées ci-dessous.");
  }

  override details(): string[] {
    return this.exclusions.map((exclusion) => exclusion.message);
  }
}

/** The structure's cap for the campaign cannot take the order. */
export class AllowanceExhausted extends Conflict {
  override name = "AllowanceExhausted";
}

export type SubmitOrder = {
  structureId: number;
  memberId: number;
  /** Chosen by the form when it is shown: every sending of that form carries the same key. */
  idempotencyKey: string;
  lines: readonly OrderLineInput[];
  /** The latest campaign unless told. */
  campaignId?: number;
  now: Date;
};

const orderColumns = (sql: Sql) => sql`
  id, structure_id, campaign_id, departement_code, rule_version, status, total_cents, total_units, submitted_at`;

/**
 * Sends a structure's order: a member of a verified, eligible structure, while ordering is open,
 * for kits orderable in the campaign. Its total is reserved on the département's allocation and
 * counted against the structure's cap in the same transaction. The same idempotency key sent again
 * returns the order it created, and reserves nothing more.
 *
 * Independent statements are sent together (postgres.js pipelines the queries of one transaction
 * issued at once): the reads in two round trips, the writes in one, the audit entry in one
 * (docs/decisions/043).
 */
export async function submitOrder(input: SubmitOrder, sql: Sql = db): Promise<Order> {
  if (input.idempotencyKey.length < 8 || input.idempotencyKey.length > 100)
    throw new Refused("Le formulaire de commande a expiré : rechargez la page, puis renvoyez la commande.");
  const lines = checkLines(input.lines);
  try {
    return await transaction(sql, async (tx) => {
      const [structure, sent, campaign] = await Promise.all([
        findStructureForMember({ structureId: input.structureId, userId: input.memberId }, tx),
        orderByKey(input, tx),
        askedCampaign(input.campaignId, tx),
      ]);
      if (sent) return sent;
      const [{ campaign: open, rules, verdict }, prices, instructors, orderId] = await Promise.all([
        eligibilityIn(structure, { campaignId: input.campaignId, campaign }, tx),
        campaign ? offeredPrices(campaign.id, lines, tx) : new Map<number, number>(),
        submissionRecipients(structure.departementCode, tx),
        nextOrderId(tx),
      ]);
      if (!verdict.eligible || !open || !rules) throw new NotEligible(verdict.exclusions);
      const period = orderingState(open, input.now);
      if (period !== "open") throw new Conflict(`${orderingStateLabels[period]} : la commande n'a pas été envoyée.`);

      const priced = lines.map((line) => {
        const unitPriceCents = prices.get(line.kitId);
        if (unitPriceCents === undefined)
          throw new Refused("Un kit de la commande n'est pas proposé dans cette campagne : retirez-le du panier.", "lines");
        return { ...line, unitPriceCents };
      });
      const order: Order = {
        id: orderId,
        structureId: structure.id,
        campaignId: open.id,
        departementCode: structure.departementCode,
        ruleVersion: rules.version,
        status: nextStatus("cart", "submit"),
        totalCents: priced.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0),
        totalUnits: priced.reduce((sum, line) => sum + line.quantity, 0),
        submittedAt: input.now,
      };
      const cap = { capCents: rules.capCents, capUnits: rules.capUnits };
      // An order beyond the cap on its own would break the usage row's check on its first insert: refused before writing.
      if (beyondCap(order, cap)) throw allowanceExhausted(cap);

      // One round trip: the order's row is written first, so its answer comes first; the writes
      // after it name its id, drawn beforehand, and the audit head is locked last, held while committing.
      const [placed, ...followed] = await Promise.allSettled([
        placeOrder(order, { ...input, lines: priced, cap }, tx),
        reserveFunds(fundsOf(order, input.memberId, input.now), tx),
        mailOrderSubmitted({ ...order, legalName: structure.legalName }, instructors, tx),
        appendAudit(tx, {
          actorId: input.memberId,
          action: "order.submitted",
          subject: orderSubject(order.id),
          data: { structureId: structure.id, campaignId: open.id, ruleVersion: rules.version, totalCents: order.totalCents, lines: priced },
          // Not the main chain: one head for every submission in France capped them (decision 035).
          chain: departementChain(order.departementCode),
        }),
      ]);
      // Every write is settled before any refusal: a step still running would send its next
      // statement after the rollback, outside the transaction. The order's own answer says first
      // what went wrong (without an order written, the ledger entry that names it fails too).
      if (placed.status === "fulfilled" && !placed.value.created) throw new SentMeanwhile();
      if (placed.status === "fulfilled" && !placed.value.held) throw allowanceExhausted(cap);
      for (const step of [placed, ...followed]) if (step.status === "rejected") throw step.reason;
      return order;
    });
  } catch (error) {
    if (!(error instanceof SentMeanwhile)) throw error;
    // The same key committed by a concurrent sending while this one waited on the unique index.
    return (await orderByKey(input, sql))!;
  }
}

/** The sending this one raced committed the order first: this one's writes are rolled back, its answer is that order. */
class SentMeanwhile extends Error {}

async function orderByKey(input: { structureId: number; idempotencyKey: string }, tx: Sql): Promise<Order | undefined> {
  const [order]: [Order?] = await tx`
    select ${orderColumns(tx)} from orders where structure_id = ${input.structureId} and idempotency_key = ${input.idempotencyKey}`;
  return order;
}

/** The unit price of each kit of the order that the campaign offers. */
async function offeredPrices(campaignId: number, lines: readonly OrderLineInput[], tx: Sql): Promise<Map<number, number>> {
  // Shared locks: an offer withdrawn or repriced meanwhile waits for this order to be written.
  const offers = await tx<{ kitId: number; unitPriceCents: number }[]>`
    select kit_id, unit_price_cents from campaign_offers
    where campaign_id = ${campaignId} and kit_id = any(${lines.map((line) => line.kitId)}::bigint[]) and withdrawn_at is null
    for share`;
  return new Map(offers.map((offer) => [offer.kitId, offer.unitPriceCents]));
}

// Drawn before the order is written, so that its other writes can be sent with it.
async function nextOrderId(tx: Sql): Promise<number> {
  const [{ id }]: [{ id: number }] = await tx`select nextval(pg_get_serial_sequence('orders', 'id')) as id`;
  return id;
}

type Cap = { capCents: number | null; capUnits: number | null };

const beyondCap = (order: Order, cap: Cap) =>
  (cap.capCents !== null && order.totalCents > cap.capCents) || (cap.capUnits !== null && order.totalUnits > cap.capUnits);

function allowanceExhausted({ capCents, capUnits }: Cap) {
  const limits = [capCents === null ? null : formatEuros(capCents), capUnits === null ? null : plural(capUnits, "kit")].filter(Boolean);
  return new AllowanceExhausted(
    `Cette commande dépasserait ce que votre structure peut commander pendant la campagne (${limits.join(" et ")}, commandes en cours comprises) : réduisez les quantités.`,
  );
}

/**
 * Writes the order, its lines, and counts it against the structure's cap, in one statement. The
 * cap is a guarded upsert on the structure's usage row, which carries the cap of the rule version
 * the order was checked against: no row back means the cap cannot take it, and
 * usage_within_structure_cap says it again. No order back means the key was sent meanwhile.
 */
async function placeOrder(
  order: Order,
  input: { idempotencyKey: string; memberId: number; lines: readonly (OrderLineInput & { unitPriceCents: number })[]; cap: Cap },
  tx: Sql,
): Promise<{ created: boolean; held: boolean }> {
  const { capCents, capUnits } = input.cap;
  const [placed]: [{ created: boolean; held: boolean }] = await tx`
    with created as (
      insert into orders (id, structure_id, campaign_id, departement_code, rule_version, status, idempotency_key, total_cents, total_units,
                          submitted_by, submitted_at, status_at)
      overriding system value
      values (${order.id}, ${order.structureId}, ${order.campaignId}, ${order.departementCode}, ${order.ruleVersion}, ${order.status},
              ${input.idempotencyKey}, ${order.totalCents}, ${order.totalUnits}, ${input.memberId}, ${order.submittedAt}, ${order.submittedAt})
      on conflict (structure_id, idempotency_key) do nothing
      returning id, structure_id, campaign_id, total_cents, total_units
    ), lines as (
      insert into order_lines (order_id, kit_id, quantity, unit_price_cents)
      select created.id, line.kit_id, line.quantity, line.unit_price_cents
      from created, unnest(${input.lines.map((line) => line.kitId)}::bigint[], ${input.lines.map((line) => line.quantity)}::int[],
                           ${input.lines.map((line) => line.unitPriceCents)}::bigint[]) as line (kit_id, quantity, unit_price_cents)
    ), held as (
      insert into structure_campaign_usage as u (structure_id, campaign_id, used_cents, used_units, cap_cents, cap_units)
      select structure_id, campaign_id, total_cents, total_units, ${capCents}::bigint, ${capUnits}::int from created
      on conflict (structure_id, campaign_id) do update
        set used_cents = u.used_cents + excluded.used_cents, used_units = u.used_units + excluded.used_units,
            cap_cents = excluded.cap_cents, cap_units = excluded.cap_units
        where (excluded.cap_cents is null or u.used_cents + excluded.used_cents <= excluded.cap_cents)
          and (excluded.cap_units is null or u.used_units + excluded.used_units <= excluded.cap_units)
      returning u.used_cents
    )
    select exists (select from created) as created, exists (select from held) as held`;
  return placed;
}

export const orderSubject = (orderId: number) => `order:${orderId}`;

const fundsOf = (order: Order, actorId: number, at: Date) => ({
  campaignId: order.campaignId,
  departementCode: order.departementCode,
  orderId: order.id,
  cents: order.totalCents,
  actorId,
  at,
});

async function giveBackAllowance(order: Order, tx: Sql) {
  await tx`
    update structure_campaign_usage
    set used_cents = used_cents - ${order.totalCents}, used_units = used_units - ${order.totalUnits}
    where structure_id = ${order.structureId} and campaign_id = ${order.campaignId}`;
}

/**
 * Locks an order the actor may instruct: an admin, or an instructor of the order's département.
 * Anyone else is told it does not exist, as are ids that cannot be one.
 */
export async function lockOrderForInstructor(orderId: number, actorId: number, tx: Sql): Promise<Order> {
  if (!Number.isSafeInteger(orderId) || orderId <= 0) throw new OrderNotFound();
  const [order]: [Order?] = await tx`
    select ${orderColumns(tx)} from orders o
    where o.id = ${orderId} and exists (
      select 1 from memberships m
      where m.user_id = ${actorId} and (m.role = 'admin' or (m.role = 'instructor' and m.scope = 'departement:' || o.departement_code)))
    for update of o`;
  if (!order) throw new OrderNotFound();
  return order;
}

export type Decision = { orderId: number; actorId: number; now: Date };

/** An instructor of the order's département, or an admin, approves it: its reserved total is committed. */
export async function approveOrder(input: Decision, sql: Sql = db): Promise<Order> {
  return transaction(sql, async (tx) => {
    const order = await lockOrderForInstructor(input.orderId, input.actorId, tx);
    const status = nextStatus(order.status, "approve");
    await commitFunds(fundsOf(order, input.actorId, input.now), tx);
    await tx`update orders set status = ${status}, decided_by = ${input.actorId}, decided_at = ${input.now}, status_at = ${input.now} where id = ${order.id}`;
    await mailOrderDecision({ status: "approved" }, order, tx);
    await appendAudit(tx, {
      actorId: input.actorId,
      action: "order.approved",
      subject: orderSubject(order.id),
      data: { totalCents: order.totalCents },
    });
    return { ...order, status };
  });
}

/** An instructor of the order's département, or an admin, rejects it with a reason: its reserved total is released. */
export async function rejectOrder(input: Decision & { reason: string }, sql: Sql = db): Promise<Order> {
  const reason = input.reason.trim();
  if (reason.length < 5 || reason.length > 2000)
    throw new Refused("Indiquez la raison du refus (de 5 à 2 000 caractères) : la structure la lira.", "reason");
  return transaction(sql, async (tx) => {
    const order = await lockOrderForInstructor(input.orderId, input.actorId, tx);
    const status = nextStatus(order.status, "reject");
    await giveBackAllowance(order, tx);
    await releaseFunds({ ...fundsOf(order, input.actorId, input.now), from: "reserved" }, tx);
    await tx`
      update orders set status = ${status}, rejection_reason = ${reason}, decided_by = ${input.actorId}, decided_at = ${input.now},
                        status_at = ${input.now}
      where id = ${order.id}`;
    await mailOrderDecision({ status: "rejected", reason }, order, tx);
    await appendAudit(tx, { actorId: input.actorId, action: "order.rejected", subject: orderSubject(order.id), data: { reason } });
    return { ...order, status };
  });
}

/**
 * A member of the ordering structure, or an admin, cancels the order before any maker starts
 * building it: what it reserved or committed goes back to the allocation, its total to the
 * structure's cap, and each live share's units to its order lines and its maker's month. The makers
 * concerned and the département's instructors are told.
 */
export async function cancelOrder(input: Decision, sql: Sql = db): Promise<Order> {
  if (!Number.isSafeInteger(input.orderId) || input.orderId <= 0) throw new OrderNotFound();
  return transaction(sql, async (tx) => {
    const [visible]: [{ id: number }?] = await tx`
      select o.id from orders o
      where o.id = ${input.orderId} and exists (
        select 1 from memberships m
        where m.user_id = ${input.actorId} and (m.role = 'admin' or (m.role = 'structure' and m.scope = 'structure:' || o.structure_id)))`;
    if (!visible) throw new OrderNotFound();
    // The order, then its shares, as every step on a share and routing lock them (decision 031).
    const [order]: [Order] = await tx`select ${orderColumns(tx)} from orders where id = ${input.orderId} for update`;
    const shares = await tx<{ id: number; makerId: number; status: FulfilmentStatus }[]>`
      select id, maker_id, status from fulfilments where order_id = ${order.id} order by id for update`;
    const status = nextStatus(order.status, "cancel");
    if (!cancellable(shares.map((share) => share.status))) throw new Conflict(orderSteps.cancel.refusal);
    const live = shares.filter((share) => share.status !== "refused" && share.status !== "cancelled");
    for (const share of live) {
      await tx`
        update fulfilments set status = ${nextFulfilmentStatus(share.status, "cancel")}, status_at = ${input.now} where id = ${share.id}`;
      await releaseShare(share.id, tx);
    }
    const held = fundsHeld(order.status);
    if (held === "reserved" || held === "committed") {
      await giveBackAllowance(order, tx);
      await releaseFunds({ ...fundsOf(order, input.actorId, input.now), from: held }, tx);
    }
    await tx`
      update orders set status = ${status}, cancelled_by = ${input.actorId}, cancelled_at = ${input.now}, status_at = ${input.now}
      where id = ${order.id}`;
    await appendAudit(tx, {
      actorId: input.actorId,
      action: "order.cancelled",
      subject: orderSubject(order.id),
      data: { from: order.status, fulfilments: live.map((share) => share.id) },
    });
    await tellCancellation(order, live, tx);
    return { ...order, status };
  });
}

async function tellCancellation(order: Order, shares: readonly { makerId: number }[], tx: Sql) {
  const [{ structure }]: [{ structure: string }] = await tx`select legal_name as structure from structures where id = ${order.structureId}`;
  for (const makerId of new Set(shares.map((share) => share.makerId))) {
    for (const member of await recipientsOf({ makerId }, tx))
      await queueMail(cancellationMail(member, { orderId: order.id, structure, byMaker: true }, portalLink("/fabricant")), tx);
  }
  for (const instructor of await recipientsOf({ departementCode: order.departementCode }, tx))
    await queueMail(cancellationMail(instructor, { orderId: order.id, structure, byMaker: false }, portalLink("/instruction")), tx);
}
