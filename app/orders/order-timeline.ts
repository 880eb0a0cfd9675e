// An order's history as its structure reads it, in French: the order's own steps from the audit
// entries about it, and each share's routing, current step and shipments from their rows.
import { formatEuros } from "~/money/euros";
import { fulfilmentStatusLabels, type FulfilmentStatus } from "./fulfilment-lifecycle";
import { carrierLabel } from "~/shipping/carriers";

export type TimelineEvent = { at: Date; text: string };

type AuditEntry = { action: string; at: Date | string; data: Record<string, unknown> };
type Share = {
  makerName: string;
  status: FulfilmentStatus;
  routedAt: Date | string;
  statusAt: Date | string;
  shipments: { id: number; carrier: string; trackingNumber: string | null; shippedAt: Date | string }[];
};

function auditText(entry: AuditEntry): string | null {
  const data = entry.data;
  switch (entry.action) {
    case "order.submitted":
      return `Commande envoyée (${formatEuros(Number(data.totalCents))}) : les fonds sont réservés sur l'enveloppe du département.`;
    case "order.approved":
      return "Commande approuvée par l'instruction : les fonds sont engagés.";
    case "order.rejected":
      return `Commande refusée par l'instruction : « ${String(data.reason)} ».`;
    case "order.cancelled":
      return "Commande annulée : les fonds sont rendus à l'enveloppe du département.";
    case "order.closed":
      return "Commande close.";
    case "order.receipt_confirmed":
      return (
        `Réception de la livraison n° ${String(data.shipmentId)} confirmée par ${String(data.signatoryName)} (${String(data.signatoryRole)})` +
        (data.reservations ? ", avec des réserves." : ", sans réserve.") +
        (data.delivered ? " La commande est livrée." : "")
      );
    default:
      return null;
  }
}

// A share's current step, when it is one that happened after routing and is not a shipment.
const shareSteps: readonly FulfilmentStatus[] = ["accepted", "refused", "in_production", "cancelled"];

/** The order's events, oldest first. */
export function timelineOf(order: { audit: readonly AuditEntry[]; shares: readonly Share[] }): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const entry of order.audit) {
    const text = auditText(entry);
    if (text) events.push({ at: new Date(entry.at), text });
  }
  for (const share of order.shares) {
    events.push({ at: new Date(share.routedAt), text: `Attribuée au fabricant ${share.makerName}.` });
    if (shareSteps.includes(share.status))
      events.push({ at: new Date(share.statusAt), text: `${share.makerName} : ${fulfilmentStatusLabels[share.status].toLowerCase()}.` });
    for (const shipment of share.shipments) {
      const tracking = shipment.trackingNumber ? `, numéro de suivi ${shipment.trackingNumber}` : "";
      events.push({
        at: new Date(shipment.shippedAt),
        text: `Livraison n° ${shipment.id} expédiée par ${share.makerName} (${carrierLabel(shipment.carrier)}${tracking}).`,
      });
    }
  }
  return events.sort((a, b) => a.at.getTime() - b.at.getTime());
}
