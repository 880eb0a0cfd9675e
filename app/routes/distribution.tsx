import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { orderingState, orderingStateLabels } from "~/eligibility/period";
import { RulesSummary } from "~/eligibility/rules-summary";
import { publishedRules } from "~/eligibility/rules.server";
import { latestCampaign, listAllocations } from "~/envelope/campaigns.server";
import { now } from "~/infra/clock.server";
import { formatParis } from "~/infra/paris-time";
import { formatEuros } from "~/money/euros";
import { DataTable } from "~/ui/data-table";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => [
  { title: pageTitle("La distribution des kits") },
  {
    name: "description",
    content: "Qui peut commander les kits d'inclusion numérique, quand, dans quelles limites, et la dotation de chaque département.",
  },
];

// Conditional GETs (ETag, 304) are answered for every public page by entry.server.tsx.
export async function loader() {
  const campaign = await latestCampaign();
  if (!campaign) return { campaign: null, state: null, rules: null, allocations: [] };
  const [rules, allocations] = await Promise.all([publishedRules(campaign.id), listAllocations(campaign.id)]);
  return { campaign, state: orderingState(campaign, now()), rules, allocations };
}

export default function Distribution() {
  const { campaign, state, rules, allocations } = useLoaderData<typeof loader>();
  return (
    <div className="fr-container fr-my-6w">
      <h1>La distribution des kits</h1>
      <p className="fr-text--lead">
        Les structures de proximité — bibliothèques, mairies, centres sociaux, espaces France Services… — commandent les kits lauréats, dans la limite
        de la dotation de leur département.
      </p>
      {!campaign || !state ? (
        <p>Aucune campagne de distribution n'est ouverte pour le moment. Ses dates et ses règles seront publiées ici dès son ouverture.</p>
      ) : (
        <>
          <h2>{campaign.name}</h2>
          <p>
            Commandes du {formatParis(new Date(campaign.opensAt))} au {formatParis(new Date(campaign.closesAt))} (heure de Paris).
          </p>
          <p className={`fr-badge ${state === "open" ? "fr-badge--success" : "fr-badge--info"}`}>{orderingStateLabels[state]}</p>

          <h2 className="fr-mt-6w">Qui peut commander</h2>
          {rules ? (
            <>
              <p>
                Règles en vigueur depuis le {formatParis(new Date(rules.since))} (version {rules.version}). Seules les structures vérifiées par un
                instructeur peuvent commander.
              </p>
              <RulesSummary rule={rules} />
            </>
          ) : (
            <p>Les règles d'éligibilité de cette campagne ne sont pas encore publiées.</p>
          )}

          <h2 className="fr-mt-6w">L'enveloppe</h2>
          <ul>
            <li>Plafond national : {formatEuros(campaign.nationalCapCents)}</li>
            <li>Réserve nationale : {formatEuros(campaign.reserveCents)}</li>
            <li>Réparti entre les 101 départements : {formatEuros(campaign.nationalCapCents - campaign.reserveCents)}</li>
          </ul>
          <p className="fr-text--sm">
            Répartition au plus fort reste, au centime près, les restes égaux départagés dans l'ordre des codes INSEE ; poids :{" "}
            {campaign.weightSource} ({campaign.weightYear}) ; plancher par département : {formatEuros(campaign.floorCents)}.
          </p>
          <DataTable
            caption={`Dotation de chaque département (poids : données ${campaign.weightYear})`}
            headers={["Département", `Poids (${campaign.weightYear})`, "Dotation"]}
            rowHeaders
            multiline={false}
            rows={allocations.map((allocation) => ({
              key: allocation.departementCode,
              cells: [
                `${allocation.departementCode} — ${allocation.departementName}`,
                allocation.weight.toLocaleString("fr-FR"),
                formatEuros(allocation.capCents),
              ],
            }))}
          />
        </>
      )}
    </div>
  );
}
