import type { SerializeFrom } from "@remix-run/node";
import type { FormAnswer } from "~/http/answers.server";
import { formatDate, formatDateTime } from "~/infra/paris-time";
import { carrierLabel } from "~/shipping/carriers";
import { fulfilmentStatusLabels } from "~/orders/fulfilment-lifecycle";
import type { ShareView } from "~/orders/structure-orders.server";
import { ReceiptForm } from "./receipt-form";

/** Each maker's share of the order: its step, its shipments with carrier and tracking, and their receipt. */
export function SharesSection({ shares, today, answer }: { shares: SerializeFrom<ShareView>[]; today: string; answer?: SerializeFrom<FormAnswer> }) {
  return (
    <section className="fr-mb-4w" aria-labelledby="fabrication-titre">
      <h2 id="fabrication-titre">Fabrication et livraisons</h2>
      {shares.length === 0 ? <p>La commande n'est pas encore attribuée à un fabricant.</p> : null}
      {shares.map((share) => (
        <div key={share.id} className="fr-mb-4w">
          <h3>
            {share.makerName} — {fulfilmentStatusLabels[share.status]}
          </h3>
          {share.shipments.length === 0 ? <p>Aucune expédition pour l'instant.</p> : null}
          {share.shipments.map((shipment) => (
            <div key={shipment.id} id={`livraison-${shipment.id}`} className="fr-mb-3w">
              <h4 className="fr-h5">Livraison n° {shipment.id}</h4>
              <p>
                Expédiée le {formatDateTime(shipment.shippedAt)} par {carrierLabel(shipment.carrier)}
                {shipment.trackingNumber ? (
                  <>
                    , numéro de suivi <strong>{shipment.trackingNumber}</strong>
                  </>
                ) : null}
                .
              </p>
              <ul>
                {shipment.lines.map((line) => (
                  <li key={line.kitId}>
                    {line.title} : {line.quantity} expédié{line.quantity > 1 ? "s" : ""}
                    {shipment.receipt
                      ? `, ${shipment.receipt.lines.find((received) => received.kitId === line.kitId)?.receivedUnits ?? 0} reçu(s)`
                      : null}
                  </li>
                ))}
              </ul>
              {shipment.receipt ? (
                <p>
                  Réception confirmée : reçue le {formatDate(shipment.receipt.receivedOn)}, signée par {shipment.receipt.signatoryName} (
                  {shipment.receipt.signatoryRole}).
                  {shipment.receipt.reservations ? ` Réserves : « ${shipment.receipt.reservations} »` : " Sans réserve."}
                </p>
              ) : (
                <ReceiptForm shipment={shipment} today={today} answer={answer?.values.shipmentId === String(shipment.id) ? answer : undefined} />
              )}
            </div>
          ))}
        </div>
      ))}
    </section>
  );
}
