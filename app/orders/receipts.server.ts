// The service fait: a member of the ordering structure confirms what one shipment brought. The
// received value moves from committed to spent, the certificate is issued, and when the last
// shipment of the last share is received the order is delivered: the value of units never
// received goes back to the allocation and to the structure's cap (docs/decisions/028, 031).
import { portalLink } from "~/accounts/links.server";
import { appendAudit } from "~/audit/audit.server";
import { issueOrderDocument } from "~/documents/order-documents.server";
import { releaseFunds, spendFunds } from "~/envelope/ledger.server";
import { db, type Sql } from "~/infra/db.server";
import { Conflict, notFoundOf, Refused } from "~/infra/domain-errors";
import { toParisLocal } from "~/infra/paris-time";
import { transaction } from "~/infra/transaction.server";
import { queueMail } from "~/mail/outbox.server";
import { nextFulfilmentStatus, type FulfilmentStatus } from "./fulfilment-lifecycle";
import { recipientsOf, refreshOrderStatus } from "./fulfilments.server";
import type { OrderStatus } from "./orders-lifecycle";
import { kitTitle } from "~/catalogue/kits.server";
import { receiptMail } from "./structure-mails";
import { receivedField } from "./structure-schemas";

export const ShipmentNotFound = notFoundOf("ShipmentNotFound", "Livraison introuvable.");

/** How long after delivery the structure is asked how it uses the kits. */
export const FEEDBACK_DELAY_MS = 6 * 7 * 86_400_000;

export type ReceiptInput = {
  shipmentId: number;
  memberId: number;
  /** The day the parcel arrived, as "YYYY-MM-DD" (Paris calendar). */
  receivedOn: string;
  signatoryName: string;
  signatoryRole: string;
  lines: readonly { kitId: number; receivedUnits: number }[];
  /** Damage or missing parts; required when fewer units arrived than were shipped. */
  reservations: string | null;
  now: Date;
};

export type Receipt = { shipmentId: number; orderId: number; spentCents: number; orderStatus: OrderStatus; certificateId: number };

function checkText(value: string, field: string, what: string): string {
  const text = value.trim();
  if (text.length < 2 || text.length > 200) throw new Refused(`Indiquez ${what} (de 2 à 200 caractères).`, field);
  return text;
}

function checkReceivedOn(receivedOn: string, shippedAt: Date, now: Date): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(receivedOn);
  const date = day ? new Date(`${receivedOn}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== receivedOn)
    throw new Refused("Indiquez la date de réception au format jj/mm/aaaa.", "receivedOn");
  if (receivedOn > toParisLocal(now).slice(0, 10)) throw new Refused("La date de réception ne peut pas être dans le futur.", "receivedOn");
  if (receivedOn < toParisLocal(shippedAt).slice(0, 10))
    throw new Refused("La date de réception ne peut pas précéder la date d'expédition.", "receivedOn");
  return receivedOn;
}

/**
 * A member of the ordering structure confirms one shipment's receipt, once. Anyone else is told
 * the shipment does not exist. Every refusal leaves everything as it was.
 */
export async function confirmReceipt(input: ReceiptInput, sql: Sql = db): Promise<Receipt> {
  if (!Number.isSafeInteger(input.shipmentId) || input.shipmentId <= 0) throw new ShipmentNotFound();
  const signatoryName = checkText(input.signatoryName, "signatoryName", "le nom de la personne qui signe");
  const signatoryRole = checkText(input.signatoryRole, "signatoryRole", "sa fonction");
  const reservations = input.reservations?.trim() || null;
  if (reservations !== null && (reservations.length < 3 || reservations.length > 4000))
    throw new Refused("Les réserves comptent de 3 à 4 000 caractères.", "reservations");
  return transaction(sql, async (tx) => {
    const [target]: [{ fulfilmentId: number; orderId: number; makerId: number; shippedAt: Date; structure: string }?] = await tx`
      select s.fulfilment_id, f.order_id, f.maker_id, s.shipped_at, st.legal_name as structure
      from shipments s join fulfilments f on f.id = s.fulfilment_id join orders o on o.id = f.order_id join structures st on st.id = o.structure_id
      where s.id = ${input.shipmentId} and exists (
        select 1 from memberships m where m.user_id = ${input.memberId} and m.role = 'structure' and m.scope = 'structure:' || o.structure_id)`;
    if (!target) throw new ShipmentNotFound();
    const receivedOn = checkReceivedOn(input.receivedOn, target.shippedAt, input.now);

    // The order, then the share, as every step on a share and routing lock them (decision 031).
    const [order]: [{ campaignId: number; departementCode: string; structureId: number }] = await tx`
      select campaign_id, departement_code, structure_id from orders where id = ${target.orderId} for update`;
    const [share]: [{ status: FulfilmentStatus }] = await tx`select status from fulfilments where id = ${target.fulfilmentId} for update`;
    const [claimed]: [{ id: number }?] = await tx`
      update shipments set received = true where id = ${input.shipmentId} and not received returning id`;
    if (!claimed) throw new Conflict("La réception de cette livraison a déjà été confirmée.");

    const shipped = await tx<{ kitId: number; quantity: number; unitPriceCents: number; title: string }[]>`
      select sl.kit_id, sl.quantity, ol.unit_price_cents, ${kitTitle(tx)} as title
      from shipment_lines sl
      join order_lines ol on ol.order_id = ${target.orderId} and ol.kit_id = sl.kit_id
      join catalogue_kits k on k.id = sl.kit_id
      where sl.shipment_id = ${input.shipmentId} order by sl.kit_id`;
    const received = new Map<number, number>();
    for (const line of input.lines) received.set(line.kitId, line.receivedUnits);
    const lines = shipped.map((line) => {
      const units = received.get(line.kitId);
      if (units === undefined || !Number.isInteger(units) || units < 0 || units > line.quantity)
        throw new Refused(`Indiquez un nombre entier de kits reçus, de 0 à ${line.quantity}.`, receivedField(line.kitId));
      return { ...line, receivedUnits: units };
    });
    if (input.lines.some((line) => !shipped.some((kit) => kit.kitId === line.kitId)))
      throw new Refused("Un kit indiqué ne fait pas partie de cette livraison : rechargez la page.");
    if (reservations === null && lines.some((line) => line.receivedUnits < line.quantity))
      throw new Refused("Il manque des kits : décrivez dans les réserves ce qui manque ou est abîmé.", "reservations");

    const spentCents = lines.reduce((sum, line) => sum + line.receivedUnits * line.unitPriceCents, 0);
    await tx`
      insert into shipment_receipts (shipment_id, received_on, signatory_name, signatory_role, reservations, confirmed_by, confirmed_at, spent_cents)
      values (${input.shipmentId}, ${receivedOn}, ${signatoryName}, ${signatoryRole}, ${reservations}, ${input.memberId}, ${input.now}, ${spentCents})`;
    await tx`
      insert into shipment_receipt_lines ${tx(lines.map((line) => ({ shipmentId: input.shipmentId, kitId: line.kitId, receivedUnits: line.receivedUnits })))}`;
    const funds = {
      campaignId: order.campaignId,
      departementCode: order.departementCode,
      orderId: target.orderId,
      actorId: input.memberId,
      at: input.now,
    };
    if (spentCents > 0) await spendFunds({ ...funds, cents: spentCents }, tx);
    const certificate = await issueOrderDocument({ kind: "service_certificate", shipmentId: input.shipmentId }, input.now, tx);

    // How each kit received is used is asked some weeks after it arrived (once per kit of the order).
    await tx`
      insert into kit_feedback (order_id, kit_id, ask_after)
      select ${target.orderId}::bigint, kit_id, ${new Date(input.now.getTime() + FEEDBACK_DELAY_MS)}::timestamptz
      from shipment_receipt_lines where shipment_id = ${input.shipmentId} and received_units > 0
      on conflict (order_id, kit_id) do nothing`;

    const [progress]: [{ allShipped: boolean; allReceived: boolean }] = await tx`
      select not exists (select 1 from fulfilment_lines where fulfilment_id = ${target.fulfilmentId} and shipped_units < quantity) as all_shipped,
             not exists (select 1 from shipments where fulfilment_id = ${target.fulfilmentId} and not received) as all_received`;
    if (progress.allShipped && progress.allReceived)
      await tx`
        update fulfilments set status = ${nextFulfilmentStatus(share.status, "deliver")}, status_at = ${input.now} where id = ${target.fulfilmentId}`;
    const orderStatus = await refreshOrderStatus(target.orderId, input.now, tx);
    const released = orderStatus === "delivered" ? await settleDelivered(target.orderId, order, funds, tx) : null;

    await appendAudit(tx, {
      actorId: input.memberId,
      action: "order.receipt_confirmed",
      subject: `order:${target.orderId}`,
      data: {
        shipmentId: input.shipmentId,
        fulfilmentId: target.fulfilmentId,
        receivedOn,
        signatoryName,
        signatoryRole,
        reservations,
        lines: lines.map((line) => ({ kitId: line.kitId, shipped: line.quantity, received: line.receivedUnits })),
        spentCents,
        certificateSha256: certificate.sha256,
        ...(released ? { delivered: true, releasedCents: released.cents, releasedUnits: released.units } : {}),
      },
    });
    const link = portalLink("/fabricant");
    for (const member of await recipientsOf({ makerId: target.makerId }, tx))
      await queueMail(
        receiptMail(
          member,
          {
            orderId: target.orderId,
            shipmentId: input.shipmentId,
            structure: target.structure,
            receivedOn,
            reservations,
            lines: lines.map((line) => ({ title: line.title, shipped: line.quantity, received: line.receivedUnits })),
          },
          link,
        ),
        tx,
      );
    return { shipmentId: input.shipmentId, orderId: target.orderId, spentCents, orderStatus, certificateId: certificate.id };
  });
}

/**
 * The order is delivered: what is still committed for it (units never received) goes back to the
 * allocation and to the structure's cap.
 */
async function settleDelivered(
  orderId: number,
  order: { campaignId: number; structureId: number },
  funds: { campaignId: number; departementCode: string; orderId: number; actorId: number; at: Date },
  tx: Sql,
): Promise<{ cents: number; units: number }> {
  // The ledger says what the order still holds: its commitment less every spending.
  const [left]: [{ cents: number; units: number }] = await tx`
    select (select coalesce(sum(committed_delta), 0)::bigint from ledger_entries where order_id = ${orderId}) as cents,
           (select total_units from orders where id = ${orderId})
             - (select coalesce(sum(rl.received_units), 0)::int
                from shipment_receipt_lines rl join shipments s on s.id = rl.shipment_id join fulfilments f on f.id = s.fulfilment_id
                where f.order_id = ${orderId}) as units`;
  if (left.cents > 0) {
    await releaseFunds({ ...funds, cents: left.cents, from: "committed" }, tx);
    await tx`
      update structure_campaign_usage set used_cents = used_cents - ${left.cents}, used_units = used_units - ${left.units}
      where structure_id = ${order.structureId} and campaign_id = ${order.campaignId}`;
  }
  return left;
}
