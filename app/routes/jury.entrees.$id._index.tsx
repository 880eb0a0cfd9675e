import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { recordId } from "~/http/params";
import { notFound, requireUser } from "~/accounts/permissions.server";
import { formatParis } from "~/infra/paris-time";
import { timeLeft } from "~/contest/time-left";
import { weightShares } from "~/contest/weights";
import { now } from "~/infra/clock.server";
import { parseForm, submittedValues, readFormData } from "~/infra/forms";
import {
  COMMENT_MAX,
  conflictDeclarationSchema,
  reviewFormSchema,
  reviewStatusLabels,
  scoreField,
  scoreScale,
  scoreValues,
} from "~/jury/review-schemas";
import { declareConflict, EntryNotFound, findEntryForJuror, ReviewInvalid, ReviewLocked, saveReview } from "~/jury/reviews.server";
import { ProposalSummary } from "~/submissions/proposal-summary";
import { TextArea } from "~/ui/fields";
import { ErrorSummary, Notice } from "~/ui/form";
import type { FieldErrors } from "~/infra/domain-errors";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.entry.label ?? "Entrée"} — Espace du jury — Kits d'inclusion numérique` },
];

async function load(request: Request, id: string | undefined) {
  const user = await requireUser(request, { role: "juror" });
  const proposalId = recordId.safeParse(id);
  if (!proposalId.success) notFound("Entrée introuvable");
  try {
    return { user, entry: await findEntryForJuror({ proposalId: proposalId.data, jurorId: user.id, now: now() }) };
  } catch (error) {
    if (error instanceof EntryNotFound) notFound("Entrée introuvable");
    throw error;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { entry } = await load(request, params.id);
  const at = now();
  const shares = weightShares(entry.contest.criteria.map((c) => c.weight));
  return {
    entry: {
      id: entry.id,
      label: entry.label,
      fields: entry.fields,
      files: entry.files,
      editable: entry.editable,
      lockedReason: entry.lockedReason,
      conflictDeclarable: entry.conflictDeclarable,
      conflictRefusal: entry.conflictRefusal,
      review: entry.review,
    },
    contest: {
      title: entry.contest.title,
      reviewCloseAt: entry.contest.calendar.reviewCloseAt,
      criteria: entry.contest.criteria.map((c, i) => ({ id: c.id, label: c.label, description: c.description, share: shares[i] })),
    },
    left: entry.editable ? timeLeft(at, entry.contest.calendar.reviewCloseAt) : null,
  };
}

type ReviewValues = { scores: Record<string, string>; commentForAdmins: string; commentForCandidate: string };

function keptValues(formData: FormData): ReviewValues {
  const { values } = submittedValues(formData);
  const scores = Object.fromEntries(Object.entries(values).filter(([key]) => key.startsWith("score-")));
  return { scores, commentForAdmins: values.commentForAdmins ?? "", commentForCandidate: values.commentForCandidate ?? "" };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, entry } = await load(request, params.id);
  const formData = await readFormData(request);
  const intent = formData.get("intent");

  if (intent === "declare-conflict") {
    const form = parseForm(formData, conflictDeclarationSchema);
    if (!form.ok) return data({ form: "conflict" as const, errors: form.errors, values: null }, { status: 400 });
    try {
      await declareConflict({ proposalId: entry.id, jurorId: user.id, now: now() });
    } catch (error) {
      if (error instanceof ReviewLocked) return data({ form: "conflict" as const, errors: { _form: error.message } as FieldErrors, values: null }, { status: 409 });
      // Unassigned meanwhile (by an admin, or a conflict detected): as for any entry not theirs.
      if (error instanceof EntryNotFound) notFound("Entrée introuvable");
      throw error;
    }
    return redirect("/jury?conflit=1");
  }

  const form = parseForm(formData, reviewFormSchema(entry.contest.criteria));
  if (!form.ok) return data({ form: "review" as const, errors: form.errors, values: keptValues(formData) }, { status: 400 });
  try {
    const saved = await saveReview({ proposalId: entry.id, jurorId: user.id, ...form.data, now: now() });
    return redirect(`/jury/entrees/${entry.id}?${saved.state === "submitted" ? "soumise" : "enregistree"}=1#evaluation`);
  } catch (error) {
    if (error instanceof ReviewInvalid) return data({ form: "review" as const, errors: error.errors as FieldErrors, values: keptValues(formData) }, { status: 400 });
    if (error instanceof ReviewLocked) return data({ form: "review" as const, errors: { _form: error.message } as FieldErrors, values: keptValues(formData) }, { status: 409 });
    if (error instanceof EntryNotFound) notFound("Entrée introuvable");
    throw error;
  }
}

export default function EntryReview() {
  const { entry, contest, left } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const reviewResult = result?.form === "review" ? result : null;
  const conflictResult = result?.form === "conflict" ? result : null;
  const values: ReviewValues = reviewResult?.values ?? {
    scores: Object.fromEntries(Object.entries(entry.review.scores).map(([id, score]) => [scoreField(id), String(score)])),
    commentForAdmins: entry.review.commentForAdmins,
    commentForCandidate: entry.review.commentForCandidate,
  };
  const errors = reviewResult?.errors;
  const submitted = entry.review.state === "submitted";
  const photos = entry.files.filter((f) => f.kind === "photo");
  const documents = entry.files.filter((f) => f.kind === "document");
  const fileUrl = (id: number, variant: string) => `/jury/entrees/${entry.id}/fichiers/${id}/${variant}`;
  const labels: Record<string, string> = {
    commentForAdmins: "Commentaire pour les gestionnaires",
    commentForCandidate: "Commentaire pour le candidat",
    ...Object.fromEntries(contest.criteria.map((c) => [scoreField(c.id), c.label])),
  };
  const confirming = search.get("conflit") === "1" || conflictResult !== null;

  return (
    <div className="fr-container fr-my-6w">
      <p>
        <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" to="/jury">
          Mes entrées
        </Link>
      </p>
      <h1>{entry.label}</h1>
      <p className="fr-text--lead">{entry.fields.title || "(sans titre)"}</p>
      <p>
        Concours : {contest.title}. Votre évaluation :{" "}
        <span className="fr-badge fr-badge--no-icon">{reviewStatusLabels[entry.review.state]}</span>
        {entry.review.submittedAt ? ` (soumise le ${formatParis(new Date(entry.review.submittedAt))})` : null}
      </p>
      {search.get("enregistree") ? <Notice kind="success" title="Votre évaluation est enregistrée comme brouillon." /> : null}
      {search.get("soumise") ? (
        <Notice kind="success" title="Votre évaluation est soumise.">
          <p>Vous pouvez encore la modifier jusqu'à la fin de l'évaluation.</p>
        </Notice>
      ) : null}

      <section className="fr-mt-4w" aria-labelledby="proposition">
        <h2 id="proposition">La proposition</h2>
        <p className="fr-text--sm">
          Les propositions sont anonymes : l'équipe et l'organisation du candidat ne vous sont pas communiquées.
        </p>
        <ProposalSummary draft={entry.fields} showIdentity={false} />
      </section>

      <section className="fr-mt-4w" aria-labelledby="photos">
        <h2 id="photos">Photos</h2>
        {photos.length === 0 ? (
          <p>Aucune photo.</p>
        ) : (
          <ul className="fr-raw-list">
            {photos.map((photo) => (
              <li key={photo.id} className="fr-mb-2w">
                <a href={fileUrl(photo.id, "large")} target="_blank" rel="noopener" title={`${photo.label} en grand — nouvelle fenêtre`}>
                  <img src={fileUrl(photo.id, "medium")} alt={photo.description ?? `${photo.label} du kit`} style={{ maxWidth: "100%", height: "auto", maxHeight: 320 }} />
                </a>
                <p className="fr-text--sm fr-mb-0">{photo.label}</p>
              </li>
            ))}
          </ul>
        )}
        <h2 id="documents">Documents</h2>
        {documents.length === 0 ? (
          <p>Aucun document.</p>
        ) : (
          <ul>
            {documents.map((doc) => (
              <li key={doc.id}>
                <a className="fr-link fr-icon-download-line fr-link--icon-right" href={fileUrl(doc.id, "clean")} download>
                  {doc.label} (PDF{doc.pages ? `, ${doc.pages} page${doc.pages > 1 ? "s" : ""}` : ""})
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="fr-mt-6w" id="evaluation" aria-labelledby="evaluation-titre">
        <h2 id="evaluation-titre">Votre évaluation</h2>
        {entry.editable ? (
          <p>
            {`Vous pouvez enregistrer un brouillon, puis soumettre votre évaluation quand chaque critère est noté. Elle reste modifiable jusqu'au ${formatParis(
              new Date(contest.reviewCloseAt),
            )} (heure de Paris)${left ? `, soit encore ${left}` : ""}.`}
          </p>
        ) : (
          <Notice kind="info" title="Évaluation en lecture seule">
            <p>{entry.lockedReason}</p>
          </Notice>
        )}
        <p className="fr-text--sm">
          Chaque critère se note de 0 à 5 : {scoreValues.map((v) => `${v} = ${scoreScale[v]}`).join(" ; ")}.
        </p>
        <ErrorSummary errors={errors} labels={labels} />
        <Form method="post" noValidate id="formulaire-evaluation">
          {contest.criteria.map((criterion) => {
            const field = scoreField(criterion.id);
            const error = errors?.[field];
            const groupId = `champ-${field}`;
            const current = values.scores[field] ?? "";
            return (
              <fieldset
                key={criterion.id}
                className={`fr-fieldset${error ? " fr-fieldset--error" : ""}`}
                id={groupId}
                aria-labelledby={`${groupId}-legend${error ? ` ${groupId}-message` : ""}`}
                disabled={!entry.editable}
              >
                <legend className="fr-fieldset__legend" id={`${groupId}-legend`}>
                  {criterion.label} <span className="fr-text--regular">({criterion.share} % de la note)</span>
                  {criterion.description ? <span className="fr-hint-text">{criterion.description}</span> : null}
                </legend>
                {entry.editable ? (
                  <div className="fr-fieldset__element fr-fieldset__element--inline">
                    <div className="fr-radio-group">
                      <input type="radio" id={`${field}-aucune`} name={field} value="" defaultChecked={current === ""} />
                      <label className="fr-label" htmlFor={`${field}-aucune`}>
                        Non noté
                      </label>
                    </div>
                  </div>
                ) : null}
                {scoreValues.map((value) => (
                  <div className="fr-fieldset__element fr-fieldset__element--inline" key={value}>
                    <div className="fr-radio-group">
                      <input type="radio" id={`${field}-${value}`} name={field} value={String(value)} defaultChecked={current === String(value)} />
                      <label className="fr-label" htmlFor={`${field}-${value}`}>
                        {value}
                        <span className="fr-sr-only"> — {scoreScale[value]}</span>
                      </label>
                    </div>
                  </div>
                ))}
                {error ? (
                  <div className="fr-messages-group" id={`${groupId}-message`} aria-live="assertive">
                    <p className="fr-message fr-message--error">{error}</p>
                  </div>
                ) : null}
              </fieldset>
            );
          })}
          <TextArea
            label="Commentaire pour les gestionnaires du programme"
            hint="Lu par les gestionnaires seuls, pour la délibération."
            name="commentForAdmins"
            rows={5}
            maxLength={COMMENT_MAX}
            defaultValue={values.commentForAdmins}
            error={errors?.commentForAdmins}
            readOnly={!entry.editable}
          />
          <TextArea
            label="Commentaire pour le candidat (facultatif)"
            hint="Pourra être transmis au candidat avec la décision du jury. Ne vous y nommez pas."
            name="commentForCandidate"
            rows={4}
            maxLength={COMMENT_MAX}
            defaultValue={values.commentForCandidate}
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

      <section className="fr-mt-6w" id="conflit" aria-labelledby="conflit-titre">
        <h2 id="conflit-titre">Conflit d'intérêts</h2>
        {!entry.conflictDeclarable ? (
          <p>{entry.conflictRefusal}</p>
        ) : confirming ? (
          <>
            <ErrorSummary errors={conflictResult?.errors} labels={{ confirm: "Confirmation" }} />
            <Form method="post" noValidate>
              <p>
                Si vous avez un lien avec les auteurs de cette proposition, déclarez-le : l'entrée sera retirée de votre liste et confiée à un
                autre membre du jury. Votre brouillon d'évaluation sera supprimé. Cette déclaration ne peut pas être annulée par vous-même.
              </p>
              <div className={`fr-checkbox-group fr-mb-2w${conflictResult?.errors.confirm ? " fr-checkbox-group--error" : ""}`}>
                <input type="checkbox" id="champ-confirm" name="confirm" value="oui" />
                <label className="fr-label" htmlFor="champ-confirm">
                  Je déclare un conflit d'intérêts avec cette proposition.
                </label>
              </div>
              <ul className="fr-btns-group fr-btns-group--inline-md">
                <li>
                  <button className="fr-btn" type="submit" name="intent" value="declare-conflict">
                    Confirmer la déclaration
                  </button>
                </li>
                <li>
                  <Link className="fr-btn fr-btn--tertiary" to={`/jury/entrees/${entry.id}`}>
                    Annuler
                  </Link>
                </li>
              </ul>
            </Form>
          </>
        ) : (
          <>
            <p>Vous reconnaissez cette proposition, ou vous avez un lien avec ses auteurs ? Déclarez un conflit d'intérêts.</p>
            <Link className="fr-btn fr-btn--tertiary" to={`/jury/entrees/${entry.id}?conflit=1#conflit`}>
              Déclarer un conflit d'intérêts
            </Link>
          </>
        )}
      </section>
    </div>
  );
}
