import { formatDateTime } from "~/infra/paris-time";
import { reviewActionLabels } from "../verification";
import type { ReviewEntry } from "../verification-types";

/** The decisions, questions and answers about the structure, oldest first. */
export function ReviewHistory({ reviews }: { reviews: ReviewEntry[] }) {
  return (
    <section className="fr-mb-4w">
      <h2 className="fr-h4">Historique de la vérification</h2>
      {reviews.length === 0 ? (
        <p>Aucune décision ni question pour l'instant : la structure attend sa première instruction.</p>
      ) : (
        <ol>
          {reviews.map((review) => (
            <li key={review.id} className="fr-mb-2w">
              <p className="fr-mb-1v">
                <strong>{reviewActionLabels[review.action]}</strong> par {review.actorName}, le {formatDateTime(review.at)}
              </p>
              {review.message ? <blockquote className="fr-mb-0 fr-ml-2w">{review.message}</blockquote> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
