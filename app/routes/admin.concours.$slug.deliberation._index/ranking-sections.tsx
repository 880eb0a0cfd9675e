import { Link } from "@remix-run/react";
import type { Paged } from "~/infra/paging";
import { formatEuros } from "~/money/euros";
import { outcomeLabels, rankingFilterLabels, rankingFilters, rankingSearch } from "~/results/decision-schemas";
import type { DeliberationEntry } from "~/results/deliberation.server";
import { formatScore } from "~/results/figures";
import { DISAGREEMENT_RANGE } from "~/results/scoring";
import { DataTable } from "~/ui/data-table";
import { Select } from "~/ui/fields";
import { FilterForm } from "~/ui/filter-form";
import { Pagination } from "~/ui/pagination";
import { plural } from "~/ui/plural";

/**
 * The ranking on the sealed scores, a page at a time, each entry linked to its decision page. Ranks
 * are positions in the whole ranking: a filtered page shows the ones its entries hold there.
 */
export function RankingSection({ ranking, filter, base }: { ranking: Paged<DeliberationEntry>; filter: keyof typeof rankingFilters; base: string }) {
  return (
    <section className="fr-mb-6w" aria-labelledby="classement">
      <h2 id="classement">Classement</h2>
      <p className="fr-text--sm">
        Note brute : moyenne pondérée des critères, sur 5. Note normalisée : la même après avoir ramené chaque membre du jury à sa propre échelle
        (scores z), pour qu'un membre sévère et un membre indulgent pèsent autant ; c'est elle qui ordonne le classement. Désaccord fort : au moins{" "}
        {DISAGREEMENT_RANGE} points d'écart entre deux évaluations de la même proposition.
      </p>
      <FilterForm label="Filtrer le classement" className="fr-mb-3w" buttonColumn="fr-col-12 fr-col-md-3">
        <div className="fr-col-12 fr-col-md-4">
          <Select
            label="Propositions affichées"
            name="filtre"
            defaultValue={filter}
            options={Object.keys(rankingFilters).map((value) => ({ value, label: rankingFilterLabels[value as keyof typeof rankingFilters] }))}
          />
        </div>
      </FilterForm>
      <p role="status">{`${plural(ranking.total, "proposition")}${ranking.pageCount > 1 ? `, page ${ranking.page} sur ${ranking.pageCount}` : ""}.`}</p>
      {ranking.items.length === 0 ? <p>Aucune proposition ne correspond sur cette page.</p> : null}
      <DataTable
        caption="Classement des propositions recevables, calculé sur les notes scellées"
        hideCaption
        headers={["Rang", "Proposition", "Candidat", "Note brute", "Note normalisée", "Écart type", "Désaccord", "Évaluations", "Décision"]}
        rowHeaders
        rows={ranking.items.map((entry) => ({
          key: entry.proposalId,
          cells: [
            entry.rank,
            <Link key="title" to={`${base}/${entry.proposalId}${rankingSearch({ filtre: filter, page: ranking.page })}`}>
              {entry.title}
            </Link>,
            `${entry.candidateName}${entry.organisationName ? ` (${entry.organisationName})` : ""}`,
            formatScore(entry.rawMean),
            formatScore(entry.normalised),
            formatScore(entry.sd),
            entry.disagreement ? (
              <span className="fr-badge fr-badge--warning fr-badge--sm">Désaccord fort ({formatScore(entry.range)} pts)</span>
            ) : (
              "Non"
            ),
            entry.reviewCount,
            <Decision key="decision" decision={entry.decision} />,
          ],
        }))}
      />
      <Pagination page={ranking.page} pageCount={ranking.pageCount} label="Pages du classement" />
    </section>
  );
}

function Decision({ decision }: { decision: DeliberationEntry["decision"] }) {
  if (!decision) return <>À décider</>;
  return (
    <>
      <span className={`fr-badge fr-badge--sm fr-badge--${decision.outcome === "laureate" ? "success" : "info"}`}>
        {outcomeLabels[decision.outcome]}
      </span>
      {decision.finalUnitPriceCents !== null ? <> {formatEuros(decision.finalUnitPriceCents)}</> : null}
    </>
  );
}

/** Where each juror's figures are: a page of their own, as long as the jury. */
export function JurorsLink({ jurorCount, base }: { jurorCount: number; base: string }) {
  return (
    <section className="fr-mb-6w" aria-labelledby="membres">
      <h2 id="membres">Membres du jury</h2>
      <p>
        Les notes de chaque membre du jury ({plural(jurorCount, "membre")}) : moyenne, dispersion et sévérité relative, sur la page{" "}
        <Link to={`${base}/membres`}>Notes des membres du jury</Link>.
      </p>
    </section>
  );
}
