import type { SerializeFrom } from "@remix-run/node";
import { formatDate } from "~/infra/paris-time";
import type { StructureOrderView } from "~/orders/structure-orders.server";

const names = { delivery_note: "Bon de livraison", service_certificate: "Attestation de service fait" };

/** The delivery notes and certificates of the order, as issued (PDF). */
export function DocumentsSection({ orderId, documents }: { orderId: number; documents: SerializeFrom<StructureOrderView["documents"]> }) {
  return (
    <section className="fr-mb-4w" aria-labelledby="documents-titre">
      <h2 id="documents-titre">Documents</h2>
      {documents.length === 0 ? (
        <p>Les bons de livraison et les attestations de service fait apparaîtront ici.</p>
      ) : (
        <ul>
          {documents.map((document) => (
            <li key={document.id}>
              <a href={`/structure/commandes/${orderId}/documents/${document.id}`} download>
                {names[document.kind]} — livraison n° {document.shipmentId} (PDF, du {formatDate(document.issuedAt)})
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
