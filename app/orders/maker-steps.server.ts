// The maker's steps on its share of an order (a fulfilment, decision 028): accept or refuse it,
// start building, ship it in one or more shipments. Each step is one transaction: the share's row
// locked first, the step asked of the life cycle's table, the order's status refreshed from its
// shares, an audit entry, and the e-mails to those concerned queued with it. Only members of the
// share's maker reach it: anyone else is told it does not exist.
import { portalLink } from "~/accounts/links.server";
import { appendAudit } from "~/audit/audit.server";
import { issueOrderDocument } from "~/documents/order-documents.server";
import { db, type Sql } from "~/infra/db.server";
import { notFoundOf, Refused } from "~/infra/domain-errors";
import { transaction } from "~/infra/transaction.server";
import { queueMail } from "~/mail/outbox.server";
import { carrierLabels, carriers, checkTracking, type Carrier } from "~/shipping/carriers";
import { nextFulfilmentStatus, type FulfilmentStatus, type FulfilmentStep } from "./fulfilment-lifecycle";
import { recipientsOf, refreshOrderStatus, releaseShare } from "./fulfilments.server";
import { shareRefusedMail, structureStepMail, type ShareSubject } from "./maker-mails";
import { refusalReasonMissing } from "./maker-schemas";
import type { OrderStatus } from "./orders-lifecycle";

export const ShareNotFound = notFoundOf("ShareNotFound", "Commande introuvable.");

export type MakerStep = { fulfilmentId: number; actorId: number; now: Date };
export type StepOutcome = { fulfilmentId: number; orderId: number; status: FulfilmentStatus; orderStatus: OrderStatus };

type LockedShare = {
  id: number;
  orderId: number;
  makerId: number;
  status: FulfilmentStatus;
  structureId: number;
  departementCode: string;
  maker: string;
  structure: string;
};

/** The largest number of units one shipment line may carry: an order line holds at most 1,000. */
const MAX_LINE_UNITS = 1000;

/** Whether the id can be a share's (a bigint identity, as JavaScript holds it exactly). */
export const isRecordId = (id: number) => Number.isSafeInteger(id) && id > 0;

/** Locks the share for the rest of the transaction; ShareNotFound unless the actor is a member of its maker. */
async function lockShareOfMember(fulfilmentId: number, actorId: number, tx: Sql): Promise<LockedShare> {
  if (!isRecordId(fulfilmentId)) throw new ShareNotFound();
  // The share's order first, then the share: the order routing and every other step lock them in (decision 031).
  await tx`select id from orders where id = (select order_id from fulfilments where id = ${fulfilmentId}) for update`;
  const [share]: [LockedShare?] = await tx`
    select f.id, f.order_id, f.maker_id, f.status, o.structure_id, o.departement_code, m.name as maker, s.legal_name as structure
    from fulfilments f join orders o on o.id = f.order_id join makers m on m.id = f.maker_id join structures s on s.id = o.structure_id
    where f.id = ${fulfilmentId}
      and exists (select 1 from memberships ms where ms.user_id = ${actorId} and ms.role = 'maker' and ms.scope = 'maker:' || f.maker_id)
    for update of f`;
  if (!share) throw new ShareNotFound();
  return share;
}

const subjectOf = (share: LockedShare): ShareSubject => ({ orderId: share.orderId, maker: share.maker, structure: share.structure });
const orderLink = (orderId: number) => portalLink(`/structure/commandes/${orderId}`);

/** What a step writes besides the share's status: its audit data, the refusal's reason, what it returns. */
type StepWork<R> = { audit: Record<string, unknown>; refusalReason?: string; result: R };

/**
 * Runs one step on the share: lock, the table's verdict, `work` (its own rows and e-mails), the
 * share's new status, the order's status refreshed, the audit entry.
 */
async function step<R extends object>(
  input: MakerStep,
  name: FulfilmentStep,
  sql: Sql,
  work: (share: LockedShare, tx: Sql) => Promise<StepWork<R>>,
): Promise<StepOutcome & R> {
  return transaction(sql, async (tx) => {
    const share = await lockShareOfMember(input.fulfilmentId, input.actorId, tx);
    const status = nextFulfilmentStatus(share.status, name);
    const done = await work(share, tx);
    await tx`update fulfilments set status = ${status}, status_at = ${input.now}, refusal_reason = ${done.refusalReason ?? null} where id = ${share.id}`;
    const orderStatus = await refreshOrderStatus(share.orderId, input.now, tx);
    await appendAudit(tx, {
      actorId: input.actorId,
      action: `fulfilment.${name}`,
      subject: `order:${share.orderId}`,
      data: { fulfilmentId: share.id, makerId: share.makerId, from: share.status, to: status, orderStatus, ...done.audit },
    });
    return { fulfilmentId: share.id, orderId: share.orderId, status, orderStatus, ...done.result };
  });
}

async function tellStructure(share: LockedShare, what: Parameters<typeof structureStepMail>[2], tx: Sql) {
  for (const member of await recipientsOf({ structureId: share.structureId }, tx))
    await queueMail(structureStepMail(member, subjectOf(share), what, orderLink(share.orderId)), tx);
}

/** The maker accepts the share routed to it: it will build it (its capacity was counted at routing). */
export async function acceptShare(input: MakerStep, sql: Sql = db): Promise<StepOutcome> {
  return step(input, "accept", sql, async (share, tx) => {
    await tellStructure(share, { step: "accepted" }, tx);
    return { audit: {}, result: {} };
  });
}

/** The maker starts building an accepted share: the order can no longer be cancelled. */
export async function startProduction(input: MakerStep, sql: Sql = db): Promise<StepOutcome> {
  return step(input, "start_production", sql, async (share, tx) => {
    await tellStructure(share, { step: "in_production" }, tx);
    return { audit: {}, result: {} };
  });
}

const REFUSAL_MIN = 5;
const REFUSAL_MAX = 2000;

/**
 * The maker refuses the share routed to it, with its reason: the units go back to the order's
 * lines (to be routed again) and to the maker's month, the order becomes "refused by the maker",
 * and the instructors of its département and the admins are told it must be routed again.
 */
export async function refuseShare(input: MakerStep & { reason: string }, sql: Sql = db): Promise<StepOutcome> {
  const reason = input.reason.trim();
  if (reason.length < REFUSAL_MIN || reason.length > REFUSAL_MAX) throw new Refused(refusalReasonMissing, "reason");
  return step(input, "refuse", sql, async (share, tx) => {
    await releaseShare(share.id, tx);
    // Instructors find the order in their département's queue, admins in the national one.
    const instructors = new Set((await recipientsOf({ departementCode: share.departementCode }, tx)).map((person) => person.email));
    for (const person of await recipientsOf({ departementCode: share.departementCode, admins: true }, tx)) {
      const queue = portalLink(instructors.has(person.email) ? "/instruction/commandes" : "/admin/commandes");
      await queueMail(shareRefusedMail(person, subjectOf(share), reason, queue), tx);
    }
    return { audit: { reason }, refusalReason: reason, result: {} };
  });
}

export type ShipmentInput = MakerStep & {
  carrier: string;
  trackingNumber: string;
  lines: readonly { kitId: number; quantity: number }[];
};

/** The field of the shipment form that carries a kit's units: errors about that kit are shown there. */
export const unitsField = (kitId: number) => `units-${kitId}`;

/** The lines of a shipment as given: whole positive numbers, each kit once; lines of 0 units are left out. */
function checkShipmentLines(lines: ShipmentInput["lines"]): { kitId: number; quantity: number }[] {
  const seen = new Set<number>();
  const kept: { kitId: number; quantity: number }[] = [];
  for (const line of lines) {
    if (!isRecordId(line.kitId) || seen.has(line.kitId)) throw new Refused("Un kit de l'expédition est inconnu ou donné deux fois.", "lines");
    seen.add(line.kitId);
    if (!Number.isInteger(line.quantity) || line.quantity < 0 || line.quantity > MAX_LINE_UNITS)
      throw new Refused("Indiquez un nombre entier d'unités, 0 ou plus.", unitsField(line.kitId));
    if (line.quantity > 0) kept.push(line);
  }
  if (kept.length === 0) throw new Refused("Indiquez au moins une unité expédiée.", "lines");
  return kept;
}

/**
 * The maker ships part or all of what remains of its share, with the carrier and its tracking
 * number: never more units of a kit than the share holds, whatever runs at the same time (the
 * share's row is locked, each line's count moved by a guarded update, and the table's check
 * `shipped_within_share` says it last). The delivery note is issued in the same transaction and
 * its SHA-256 recorded in the audit entry; the structure's members are told how to follow it.
 */
export async function shipShare(input: ShipmentInput, sql: Sql = db): Promise<StepOutcome & { shipmentId: number; deliveryNoteId: number }> {
  if (!(carriers as readonly string[]).includes(input.carrier)) throw new Refused("Choisissez le transporteur dans la liste.", "carrier");
  const carrier = input.carrier as Carrier;
  const tracking = checkTracking(carrier, input.trackingNumber);
  if (!tracking.ok) throw new Refused(tracking.message, "trackingNumber");
  const lines = checkShipmentLines(input.lines);
  return step(input, "ship", sql, async (share, tx) => {
    for (const line of lines) {
      const [moved]: [{ shippedUnits: number }?] = await tx`
        update fulfilment_lines set shipped_units = shipped_units + ${line.quantity}
        where fulfilment_id = ${share.id} and kit_id = ${line.kitId} and shipped_units + ${line.quantity} <= quantity
        returning shipped_units`;
      if (!moved) throw await tooMany(share.id, line.kitId, tx);
    }
    const [created]: [{ id: number }] = await tx`
      insert into shipments (fulfilment_id, carrier, tracking_number, shipped_by, shipped_at)
      values (${share.id}, ${carrier}, ${tracking.trackingNumber}, ${input.actorId}, ${input.now})
      returning id`;
    await tx`insert into shipment_lines ${tx(lines.map((line) => ({ shipmentId: created.id, fulfilmentId: share.id, ...line })))}`;
    const note = await issueOrderDocument({ kind: "delivery_note", shipmentId: created.id }, input.now, tx);
    const units = lines.reduce((sum, line) => sum + line.quantity, 0);
    await tellStructure(share, { step: "shipped", carrier: carrierLabels[carrier], trackingNumber: tracking.trackingNumber, units }, tx);
    return {
      audit: { shipmentId: created.id, carrier, trackingNumber: tracking.trackingNumber, lines, deliveryNoteSha256: note.sha256 },
      result: { shipmentId: created.id, deliveryNoteId: note.id },
    };
  });
}

/** Why a line of a shipment could not be counted: the kit is not in the share, or fewer units remain. */
async function tooMany(fulfilmentId: number, kitId: number, tx: Sql): Promise<Refused> {
  const [line]: [{ remaining: number }?] = await tx`
    select quantity - shipped_units as remaining from fulfilment_lines where fulfilment_id = ${fulfilmentId} and kit_id = ${kitId}`;
  if (!line) return new Refused("Ce kit ne fait pas partie de cette commande.", unitsField(kitId));
  return new Refused(
    line.remaining === 0
      ? "Toutes les unités de ce kit sont déjà expédiées : indiquez 0."
      : `Il reste ${line.remaining} ${line.remaining === 1 ? "unité" : "unités"} de ce kit à expédier : vous ne pouvez pas en expédier davantage.`,
    unitsField(kitId),
  );
}
