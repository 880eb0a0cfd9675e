import type { Allocation, Campaign } from "~/envelope/campaigns.server";
import type { LedgerDifference } from "~/envelope/ledger.server";
import { formatParis } from "~/infra/paris-time";
import { formatEuros } from "~/money/euros";
import { Notice } from "~/ui/form";

/** The campaign's figures, the inputs of its split (so anyone can recompute it), and the ledger check. */
export function CampaignSummary({
  campaign,
  allocations,
  differences,
}: {
  campaign: Campaign;
  allocations: Allocation[];
  differences: LedgerDifference[];
}) {
  const sum = (pick: (a: Allocation) => number) => allocations.reduce((total, a) => total + pick(a), 0);
  const reserved = sum((a) => a.reservedCents);
  const committed = sum((a) => a.committedCents);
  const spent = sum((a) => a.spentCents);
  return (
    <>
      <h2>{campaign.name}</h2>
      <p>
        Commandes du {formatParis(new Date(campaign.opensAt))} au {formatParis(new Date(campaign.closesAt))} (heure de Paris).
      </p>
      <ul>
        <li>Plafond national : {formatEuros(campaign.nationalCapCents)}</li>
        <li>
          Réserve nationale : {formatEuros(campaign.reserveCents)} (à l'ouverture : {formatEuros(campaign.initialReserveCents)})
        </li>
        <li>Réparti entre les départements : {formatEuros(campaign.nationalCapCents - campaign.reserveCents)}</li>
        <li>
          Réservé : {formatEuros(reserved)} — engagé : {formatEuros(committed)} — dépensé : {formatEuros(spent)}
        </li>
      </ul>
      <h3 className="fr-h6">Les données de la répartition</h3>
      <ul className="fr-text--sm">
        <li>Méthode : au plus fort reste, au centime près, les restes égaux départagés dans l'ordre des codes INSEE.</li>
        <li>
          Poids : {campaign.weightSource} ({campaign.weightYear}).
        </li>
        <li>Plancher par département : {formatEuros(campaign.floorCents)}.</li>
        <li>
          Montant réparti : {formatEuros(campaign.nationalCapCents - campaign.initialReserveCents)} (plafond national moins la réserve à l'ouverture).
        </li>
      </ul>
      <p className="fr-text--sm">
        Chacun peut refaire le calcul à partir du fichier public{" "}
        <a href="/distribution/repartition.csv" download>
          répartition de l'enveloppe (CSV)
        </a>
        : poids, plancher et part de chaque département, avec ces données.
      </p>
      {differences.length === 0 ? (
        <Notice kind="success" title="Le grand livre et les compteurs concordent">
          <p>Chaque compteur a été recalculé à partir des écritures du grand livre à l'affichage de cette page.</p>
        </Notice>
      ) : (
        <Notice kind="error" title="Le grand livre et les compteurs ne concordent pas">
          <ul>
            {differences.map((d) => (
              <li key={`${d.account}-${d.counter}`}>
                {d.account}, {d.counter} : {formatEuros(d.counted)} au compteur, {formatEuros(d.ledger)} d'après le grand livre.
              </li>
            ))}
          </ul>
        </Notice>
      )}
    </>
  );
}
