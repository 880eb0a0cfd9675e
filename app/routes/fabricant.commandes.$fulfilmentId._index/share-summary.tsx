import type { SerializeFrom } from "@remix-run/node";
import { formatDate } from "~/infra/paris-time";
import { formatEuros } from "~/money/euros";
import type { MakerShare } from "~/orders/maker-shares.server";
import { DataTable } from "~/ui/data-table";

/** The share as the page receives it (dates as text). */
export type ShareView = SerializeFrom<MakerShare>;

/** A document of the share, downloaded through the maker's own route. */
export function documentLink(share: ShareView, documentId: number) {
  return `/fabricant/commandes/${share.id}/documents/${documentId}`;
}

/** The order as the maker must build and deliver it: where, to whom, which kits, at what price, and its purchase order. */
export function ShareSummary({ share }: { share: ShareView }) {
  const { structure } = share;
  const totalCents = share.lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
  return (
    <>
      <h2 className="fr-mt-4w">Livraison</h2>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <p className="fr-mb-1w">
            <strong>{structure.name}</strong>
          </p>
          <address>
            {structure.address}
            <br />
            {structure.postalCode} {structure.commune}
          </address>
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <p className="fr-mb-1w">Personne à contacter : {structure.contactName}</p>
          <p>
            Téléphone : <a href={`tel:${structure.contactPhone}`}>{structure.contactPhone}</a>
          </p>
        </div>
      </div>
      <p>
        Commande envoyée le {formatDate(share.submittedAt)}, attribuée à {share.maker} le {formatDate(share.routedAt)}.
      </p>
      {share.refusalReason ? <p>Raison du refus : {share.refusalReason}</p> : null}
      <h2 className="fr-mt-4w">Kits à fabriquer</h2>
      <DataTable
        caption={`Kits de la commande n° ${share.orderId}`}
        hideCaption
        rowHeaders
        headers={["Kit", "Quantité", "Déjà expédiées", "Prix unitaire", "Montant"]}
        rows={[
          ...share.lines.map((line) => ({
            key: line.kitId,
            cells: [line.title, line.quantity, line.shippedUnits, formatEuros(line.unitPriceCents), formatEuros(line.quantity * line.unitPriceCents)],
          })),
          { key: "total", cells: ["Total", share.lines.reduce((sum, line) => sum + line.quantity, 0), "", "", formatEuros(totalCents)] },
        ]}
      />
      <p>
        {share.purchaseOrder ? (
          <a className="fr-link fr-icon-download-line fr-link--icon-left" href={documentLink(share, share.purchaseOrder.id)} download>
            Télécharger le bon de commande (PDF)
          </a>
        ) : (
          "Le bon de commande n'est pas encore émis."
        )}
      </p>
    </>
  );
}
