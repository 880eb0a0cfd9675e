import type { SerializeFrom } from "@remix-run/node";
import { EligibilityNotice } from "~/eligibility/eligibility-notice";
import { orderingStateLabels } from "~/eligibility/period";
import type { OrderingSpace } from "~/orders/structure-orders.server";
import { formatEuros } from "~/money/euros";
import { formatParis } from "~/infra/paris-time";
import { Notice } from "~/ui/form";
import { plural } from "~/ui/plural";

/** What the structure may still order: its own cap less its live orders, and what its département's envelope has left. */
export function AllowanceSection({ space }: { space: SerializeFrom<OrderingSpace> }) {
  const { allowance, eligibility, period } = space;
  const campaign = eligibility.campaign;
  if (!campaign) {
    return (
      <Notice kind="info" title="Aucune campagne de distribution">
        <p>Les commandes ouvriront avec la prochaine campagne.</p>
      </Notice>
    );
  }
  return (
    <section className="fr-mb-4w" aria-labelledby="reste-titre">
      <h2 id="reste-titre">Ce que votre structure peut encore commander</h2>
      {period && period !== "open" ? (
        <Notice kind="info" title={orderingStateLabels[period]}>
          <p>
            Campagne « {campaign.name} » : commandes du {formatParis(new Date(campaign.opensAt))} au {formatParis(new Date(campaign.closesAt))}.
          </p>
        </Notice>
      ) : (
        <p>{`Campagne « ${campaign.name} », commandes ouvertes jusqu'au ${formatParis(new Date(campaign.closesAt))}.`}</p>
      )}
      {eligibility.verdict.eligible ? null : <EligibilityNotice verdict={eligibility.verdict} rule={eligibility.rules} />}
      <ul>
        <li>{allowanceText(allowance)}</li>
        {space.envelopeLeftCents === null ? null : (
          <li>{`L'enveloppe du département ${space.structure.departementCode}, partagée entre ses structures, dispose encore de ${formatEuros(space.envelopeLeftCents)}.`}</li>
        )}
      </ul>
    </section>
  );
}

function allowanceText(allowance: OrderingSpace["allowance"]): string {
  const cents =
    allowance.capCents === null
      ? "Pas de plafond en euros pour votre structure"
      : `${formatEuros(allowance.capCents - allowance.usedCents)} sur un plafond de ${formatEuros(allowance.capCents)}`;
  const units =
    allowance.capUnits === null ? "" : `, ${plural(allowance.capUnits - allowance.usedUnits, "kit")} sur ${plural(allowance.capUnits, "kit")}`;
  return `${cents}${units} (commandes en cours comprises).`;
}
