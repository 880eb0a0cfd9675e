import { formatParis } from "~/infra/paris-time";
import { formatInteger } from "~/media/media";
import { structureKindLabels } from "~/structures/kinds";
import { plural } from "~/ui/plural";
import type { KitFeedback } from "./feedback.server";

// The published feedback on a kit, as its catalogue page and its designer's space show it: the
// figures, then the comments with the structure's kind and département, never a person's name.

const averageFormat = new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const people = (count: number) => `${formatInteger(count)} ${count >= 2 ? "personnes accompagnées" : "personne accompagnée"}`;

export function KitFeedbackView({ feedback, headingLevel }: { feedback: KitFeedback; headingLevel: "h3" | "h4" }) {
  const Heading = headingLevel;
  if (feedback.count === 0 || feedback.averageRating === null) return <p>Aucun retour publié pour l'instant.</p>;
  return (
    <>
      <ul>
        <li>
          Note moyenne : <strong>{`${averageFormat.format(feedback.averageRating)} sur 5`}</strong>
          {`, sur ${plural(feedback.count, "retour")}`}
        </li>
        <li>{people(feedback.peopleReached)} au total, selon les structures</li>
      </ul>
      {feedback.comments.length > 0 ? (
        <ul className="fr-raw-list">
          {feedback.comments.map((comment) => (
            <li key={comment.id} className="fr-mb-3w">
              <Heading className="fr-h6 fr-mb-1w">
                {`${structureKindLabels[comment.structureKind]}, ${comment.departementName} (${comment.departementCode})`}
              </Heading>
              <p className="fr-text--sm fr-mb-1w">
                Note : {comment.rating} sur 5 — {people(comment.peopleReached)}
                {comment.themes.length > 0 ? ` — thèmes : ${comment.themes.join(", ")}` : ""} — le {formatParis(new Date(comment.answeredAt))}
              </p>
              <blockquote className="fr-mb-0" style={{ whiteSpace: "pre-line" }}>
                {comment.comment}
              </blockquote>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
