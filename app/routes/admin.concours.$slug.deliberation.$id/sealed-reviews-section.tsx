import type { DeliberationEntry, EntryReview } from "~/results/deliberation.server";
import { formatScore, formatSigned } from "~/results/figures";
import { DataTable } from "~/ui/data-table";
import { plural } from "~/ui/plural";

type Criterion = { id: string; label: string; share: number };

/** The entry's sealed figures: its rank, each juror's scores by criterion, and their comments. */
export function SealedReviewsSection({ figures, reviews, criteria }: { figures: DeliberationEntry; reviews: EntryReview[]; criteria: Criterion[] }) {
  const commented = reviews.filter((r) => r.commentForAdmins || r.commentForCandidate);
  return (
    <section className="fr-mb-6w" aria-labelledby="notes">
      <h2 id="notes">Notes scellées</h2>
      <p>
        Rang <strong>{figures.rank}</strong> — note brute {formatScore(figures.rawMean)}, note normalisée {formatScore(figures.normalised)}, écart
        type {formatScore(figures.sd)}, {plural(figures.reviewCount, "évaluation")}
        {figures.disagreement ? " — désaccord fort entre les membres du jury" : ""}.
      </p>
      <DataTable
        caption="Évaluations scellées de cette proposition, par membre du jury et par critère (notes sur 5)"
        hideCaption
        headers={["Membre du jury", ...criteria.map((c) => `${c.label} (${c.share} % de la note)`), "Note pondérée", "Sur son échelle (z)"]}
        rowHeaders
        rows={[
          ...reviews.map((review) => ({
            key: review.jurorName,
            cells: [
              review.jurorName,
              ...criteria.map((c) => formatScore(review.scores[c.id] ?? null, 0)),
              formatScore(review.total),
              formatSigned(review.z),
            ],
          })),
          {
            key: "moyenne",
            cells: [
              "Moyenne",
              ...criteria.map((c) => formatScore(figures.criterionMeans[c.id] ?? null)),
              formatScore(figures.rawMean),
              formatSigned(figures.normalisedZ),
            ],
          },
        ]}
      />
      {commented.length > 0 ? (
        <>
          <h3>Commentaires</h3>
          <ul>
            {commented.map((r) => (
              <li key={r.jurorName}>
                <strong>{r.jurorName}</strong>
                {r.commentForAdmins ? <p className="fr-mb-1w">Pour les gestionnaires : {r.commentForAdmins}</p> : null}
                {r.commentForCandidate ? <p className="fr-mb-1w">Pour le candidat (transmis avec le résultat) : {r.commentForCandidate}</p> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
