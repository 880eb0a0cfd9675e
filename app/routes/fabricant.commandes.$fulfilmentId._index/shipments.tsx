import { formatDateTime } from "~/infra/paris-time";
import { carrierLabels } from "~/shipping/carriers";
import { DataTable } from "~/ui/data-table";
import { documentLink, type ShareView } from "./share-summary";

const documentTitles = { purchase_order: "Bon de commande", delivery_note: "Bon de livraison", service_certificate: "Attestation de service fait" };

/** The shipments made so far, each with its tracking number, its kits and its documents. */
export function Shipments({ share }: { share: ShareView }) {
  if (share.shipments.length === 0) return null;
  return (
    <section aria-labelledby="expeditions" className="fr-mt-6w">
      <h2 id="expeditions">Expéditions</h2>
      <DataTable
        caption={`Expéditions de la commande n° ${share.orderId}`}
        hideCaption
        headers={["Expédiée le", "Transporteur", "Numéro de suivi", "Kits", "Réception", "Documents"]}
        rows={share.shipments.map((shipment) => ({
          key: shipment.id,
          cells: [
            formatDateTime(shipment.shippedAt),
            carrierLabels[shipment.carrier],
            shipment.trackingNumber ?? "—",
            shipment.lines.map((line) => `${line.quantity} × ${line.title}`).join(", "),
            shipment.received ? "Reçue" : "En attente",
            shipment.documents.map((document) => (
              <a key={document.id} className="fr-link fr-icon-download-line fr-link--icon-left" href={documentLink(share, document.id)} download>
                {documentTitles[document.kind]} (PDF)
                <span className="fr-sr-only"> de l'expédition du {formatDateTime(shipment.shippedAt)}</span>
              </a>
            )),
          ],
        }))}
      />
    </section>
  );
}
