import { Form } from "@remix-run/react";
import type { FormAnswer } from "~/http/answers.server";
import { formatParis } from "~/infra/paris-time";
import { COMMENT_MAX, scoreField, scoreScale, scoreValues } from "~/jury/review-schemas";
import type { JurorReview } from "~/jury/reviews.server";
import { TextArea } from "~/ui/fields";
import { ErrorSummary, Notice, RequiredFieldsNote } from "~/ui/form";

type Criterion = { id: number; label: string; description: string | null; share: number };

/**
 * The scoring grid and the two comments. After a refusal it shows what was typed (`answer`),
 * otherwise the review as saved; read-only when the phase or the seal forbids a change.
 */
export function ReviewGrid({
  entry,
  criteria,
  reviewCloseAt,
  left,
  answer,
}: {
  entry: { editable: boolean; lockedReason: string | null; review: JurorReview };
  criteria: Criterion[];
  reviewCloseAt: Date;
  left: string | null;
  answer: FormAnswer | undefined;
}) {
  const typed = (field: string, saved: string) => (answer ? (answer.values[field] ?? "") : saved);
  const savedScores: Record<string, string> = Object.fromEntries(
    Object.entries(entry.review.scores).map(([id, score]) => [scoreField(id), String(score)]),
  );
  const errors = answer?.errors;
  const submitted = entry.review.state === "submitted";
  const labels: Record<string, string> = {
    commentForAdmins: "Commentaire pour les gestionnaires",
    commentForCandidate: "Commentaire pour le candidat",
    ...Object.fromEntries(criteria.map((c) => [scoreField(c.id), c.label])),
  };

  return (
    <section className="fr-mt-6w" id="evaluation" aria-labelledby="evaluation-titre">
      <h2 id="evaluation-titre">Votre évaluation</h2>
      {entry.editable ? (
        <p>
          {`Vous pouvez enregistrer un brouillon, puis soumettre votre évaluation quand chaque critère est noté. Elle reste modifiable jusqu'au ${formatParis(
            new Date(reviewCloseAt),
          )} (heure de Paris)${left ? `, soit encore ${left}` : ""}.`}
        </p>
      ) : (
        <Notice kind="info" title="Évaluation en lecture seule">
          <p>{entry.lockedReason}</p>
        </Notice>
      )}
      <p className="fr-text--sm">Chaque critère se note de 0 à 5 : {scoreValues.map((v) => `${v} = ${scoreScale[v]}`).join(" ; ")}.</p>
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" noValidate id="formulaire-evaluation">
        {entry.editable ? (
          <RequiredFieldsNote>
            Tous les champs sont obligatoires pour soumettre, sauf mention contraire ; un brouillon peut rester incomplet.
          </RequiredFieldsNote>
        ) : null}
        {criteria.map((criterion) => {
          const field = scoreField(criterion.id);
          const error = errors?.[field];
          const groupId = `champ-${field}`;
          const current = typed(field, savedScores[field] ?? "");
          // The message is read with each option; the summary alone is announced (it takes focus).
          const described = error ? { "aria-describedby": `${groupId}-message`, "aria-invalid": true as const } : {};
          return (
            <fieldset
              key={criterion.id}
              className={`fr-fieldset${error ? " fr-fieldset--error" : ""}`}
              id={groupId}
              aria-labelledby={`${groupId}-legend`}
              disabled={!entry.editable}
            >
              <legend className="fr-fieldset__legend" id={`${groupId}-legend`}>
                {criterion.label} <span className="fr-text--regular">({criterion.share} % de la note)</span>
                {criterion.description ? <span className="fr-hint-text">{criterion.description}</span> : null}
              </legend>
              {entry.editable ? (
                <div className="fr-fieldset__element fr-fieldset__element--inline">
                  <div className="fr-radio-group">
                    <input type="radio" id={`${field}-aucune`} name={field} value="" defaultChecked={current === ""} {...described} />
                    <label className="fr-label" htmlFor={`${field}-aucune`}>
                      Non noté
                    </label>
                  </div>
                </div>
              ) : null}
              {scoreValues.map((value) => (
                <div className="fr-fieldset__element fr-fieldset__element--inline" key={value}>
                  <div className="fr-radio-group">
                    <input
                      type="radio"
                      id={`${field}-${value}`}
                      name={field}
                      value={String(value)}
                      defaultChecked={current === String(value)}
                      {...described}
                    />
                    <label className="fr-label" htmlFor={`${field}-${value}`}>
                      {value}
                      <span className="fr-sr-only"> — {scoreScale[value]}</span>
                    </label>
                  </div>
                </div>
              ))}
              {error ? (
                <div className="fr-messages-group" id={`${groupId}-message`}>
                  <p className="fr-message fr-message--error">
                    {criterion.label} : {error}
                  </p>
                </div>
              ) : null}
            </fieldset>
          );
        })}
        <TextArea
          label="Commentaire pour les gestionnaires du programme (facultatif)"
          hint="Lu par les gestionnaires seuls, pour la délibération."
          name="commentForAdmins"
          rows={5}
          maxLength={COMMENT_MAX}
          defaultValue={typed("commentForAdmins", entry.review.commentForAdmins)}
          error={errors?.commentForAdmins}
          readOnly={!entry.editable}
        />
        <TextArea
          label="Commentaire pour le candidat (facultatif)"
          hint="Pourra être transmis au candidat avec la décision du jury. Ne vous y nommez pas."
          name="commentForCandidate"
          rows={4}
          maxLength={COMMENT_MAX}
          defaultValue={typed("commentForCandidate", entry.review.commentForCandidate)}
          error={errors?.commentForCandidate}
          readOnly={!entry.editable}
        />
        {entry.editable ? (
          <ul className="fr-btns-group fr-btns-group--inline-md">
            {!submitted ? (
              <li>
                <button className="fr-btn fr-btn--secondary" type="submit" name="intent" value="save">
                  Enregistrer
                </button>
              </li>
            ) : null}
            <li>
              <button className="fr-btn" type="submit" name="intent" value="submit">
                {submitted ? "Soumettre de nouveau" : "Soumettre"}
              </button>
            </li>
          </ul>
        ) : null}
      </Form>
    </section>
  );
}
