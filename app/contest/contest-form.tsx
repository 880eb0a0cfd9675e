import { Form } from "@remix-run/react";
import type { FieldErrors } from "~/infra/domain-errors";
import { Field } from "~/ui/form";
import { TextArea } from "~/ui/fields";
import { toParisLocal } from "~/infra/paris-time";
import { typedWeightShares } from "./weights";

export type ContestFormValues = {
  title: string;
  slug: string;
  rules: string;
  submissionsOpenAt: string;
  submissionsCloseAt: string;
  reviewOpenAt: string;
  reviewCloseAt: string;
  resultsAt: string;
  themes: string;
  audiences: string;
  criteria: { label: string; description: string; weight: string }[];
  maxPhotos: string;
  maxPhotoMegabytes: string;
  maxPhotoMegapixels: string;
  maxDocuments: string;
  maxDocumentMegabytes: string;
};

export const contestFieldLabels: Record<string, string> = {
  title: "Titre du concours",
  slug: "Identifiant d'adresse",
  rules: "Règlement",
  submissionsOpenAt: "Ouverture des candidatures",
  submissionsCloseAt: "Clôture des candidatures",
  reviewOpenAt: "Début de l'évaluation",
  reviewCloseAt: "Fin de l'évaluation",
  resultsAt: "Publication des résultats",
  themes: "Thèmes proposés",
  audiences: "Publics proposés",
  criteria: "Critères d'évaluation",
  maxPhotos: "Nombre de photos",
  maxPhotoMegabytes: "Taille d'une photo",
  maxPhotoMegapixels: "Définition d'une photo",
  maxDocuments: "Nombre de documents PDF",
  maxDocumentMegabytes: "Taille d'un document",
};

/** Values typed in a refused form, back in the form's shape (criteria rows from their parallel lists). */
export function valuesFromSubmission(values: Record<string, string>, lists: Record<string, string[]>): ContestFormValues {
  const labels = lists.criterionLabel ?? [];
  return {
    title: values.title ?? "",
    slug: values.slug ?? "",
    rules: values.rules ?? "",
    submissionsOpenAt: values.submissionsOpenAt ?? "",
    submissionsCloseAt: values.submissionsCloseAt ?? "",
    reviewOpenAt: values.reviewOpenAt ?? "",
    reviewCloseAt: values.reviewCloseAt ?? "",
    resultsAt: values.resultsAt ?? "",
    themes: values.themes ?? "",
    audiences: values.audiences ?? "",
    criteria: labels.map((label, i) => ({
      label,
      description: lists.criterionDescription?.[i] ?? "",
      weight: lists.criterionWeight?.[i] ?? "",
    })),
    maxPhotos: values.maxPhotos ?? "",
    maxPhotoMegabytes: values.maxPhotoMegabytes ?? "",
    maxPhotoMegapixels: values.maxPhotoMegapixels ?? "",
    maxDocuments: values.maxDocuments ?? "",
    maxDocumentMegabytes: values.maxDocumentMegabytes ?? "",
  };
}

const SPARE_CRITERIA = 2;

/**
 * The contest's settings. `datesLocked` greys out the opening and closing of submissions once
 * they have opened (they then move only through a deadline extension).
 */
export function ContestForm({
  values,
  errors = {},
  submitLabel,
  datesLocked = false,
}: {
  values: ContestFormValues;
  errors?: FieldErrors;
  submitLabel: string;
  datesLocked?: boolean;
}) {
  const rows = [...values.criteria, ...Array.from({ length: SPARE_CRITERIA }, () => ({ label: "", description: "", weight: "" }))];
  const criteriaError = errors.criteria;
  const shares = typedWeightShares(values.criteria.map((c) => c.weight));
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="save" />
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">
          <h2 className="fr-h4 fr-mb-0">Présentation</h2>
        </legend>
        <div className="fr-fieldset__element">
          <Field label={contestFieldLabels.title} name="title" defaultValue={values.title} error={errors.title} required maxLength={200} />
        </div>
        <div className="fr-fieldset__element">
          <Field
            label={contestFieldLabels.slug}
            name="slug"
            defaultValue={values.slug}
            error={errors.slug}
            hint="Lettres minuscules sans accent, chiffres et tirets ; il apparaît dans les adresses, par exemple kits-2026."
            required
            maxLength={80}
          />
        </div>
        <div className="fr-fieldset__element">
          <TextArea
            label={contestFieldLabels.rules}
            name="rules"
            defaultValue={values.rules}
            error={errors.rules}
            rows={10}
            hint="Un paragraphe par ligne ; une ligne commençant par « - » ou « 1. » devient un élément de liste."
          />
        </div>
      </fieldset>

      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">
          <h2 className="fr-h4 fr-mb-0">Calendrier</h2>
          <span className="fr-hint-text">Dates et heures de Paris. La phase du concours en découle.</span>
        </legend>
        {(["submissionsOpenAt", "submissionsCloseAt", "reviewOpenAt", "reviewCloseAt", "resultsAt"] as const).map((name) => {
          const locked = datesLocked && (name === "submissionsOpenAt" || name === "submissionsCloseAt");
          return (
            <div className="fr-fieldset__element fr-col-12 fr-col-md-6" key={name}>
              <Field
                label={contestFieldLabels[name]}
                name={name}
                type="datetime-local"
                defaultValue={values[name]}
                error={errors[name]}
                readOnly={locked}
                hint={locked ? "Les candidatures sont ouvertes : utilisez la prolongation ci-dessous." : undefined}
                required
              />
            </div>
          );
        })}
      </fieldset>

      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">
          <h2 className="fr-h4 fr-mb-0">Listes proposées aux candidats</h2>
        </legend>
        <div className="fr-fieldset__element fr-col-12 fr-col-md-6">
          <TextArea
            label={contestFieldLabels.themes}
            name="themes"
            defaultValue={values.themes}
            error={errors.themes}
            rows={9}
            hint="Un thème par ligne."
          />
        </div>
        <div className="fr-fieldset__element fr-col-12 fr-col-md-6">
          <TextArea
            label={contestFieldLabels.audiences}
            name="audiences"
            defaultValue={values.audiences}
            error={errors.audiences}
            rows={9}
            hint="Un public par ligne."
          />
        </div>
      </fieldset>

      <fieldset className="fr-fieldset" id="champ-criteria" aria-describedby={criteriaError ? "champ-criteria-message" : undefined}>
        <legend className="fr-fieldset__legend">
          <h2 className="fr-h4 fr-mb-0">{contestFieldLabels.criteria}</h2>
          <span className="fr-hint-text">
            Chaque critère est noté de 0 à 5 par le jury ; la note finale est la moyenne pondérée. Les poids sont relatifs : un critère compte pour
            son poids divisé par la somme des poids (3, 2 et 1 comptent pour 50 %, 33 % et 17 %), et des poids qui totalisent 100 se lisent
            directement en pourcentages. La part de chaque critère s'affiche sous son poids. Laissez vides les lignes inutiles.
          </span>
        </legend>
        {criteriaError ? (
          <p className="fr-error-text fr-fieldset__element" id="champ-criteria-message">
            {criteriaError}
          </p>
        ) : null}
        {rows.map((row, i) => (
          <div className="fr-fieldset__element" key={i}>
            <div className="fr-grid-row fr-grid-row--gutters">
              <div className="fr-col-12 fr-col-md-4">
                <Field
                  label={`Critère ${i + 1} : libellé`}
                  name="criterionLabel"
                  id={`champ-criteria-${i}-label`}
                  defaultValue={row.label}
                  error={errors[`criteria.${i}.label`]}
                  maxLength={200}
                />
              </div>
              <div className="fr-col-12 fr-col-md-6">
                <Field
                  label={`Critère ${i + 1} : description`}
                  name="criterionDescription"
                  id={`champ-criteria-${i}-description`}
                  defaultValue={row.description}
                  error={errors[`criteria.${i}.description`]}
                  maxLength={2000}
                />
              </div>
              <div className="fr-col-12 fr-col-md-2">
                <Field
                  label={`Critère ${i + 1} : poids`}
                  name="criterionWeight"
                  id={`champ-criteria-${i}-weight`}
                  inputMode="numeric"
                  defaultValue={row.weight}
                  error={errors[`criteria.${i}.weight`]}
                  hint={shares?.[i] !== undefined ? `${shares[i]} % de la note` : undefined}
                />
              </div>
            </div>
          </div>
        ))}
      </fieldset>

      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">
          <h2 className="fr-h4 fr-mb-0">Limites des fichiers</h2>
        </legend>
        <div className="fr-fieldset__element fr-col-12 fr-col-md-4">
          <Field
            label={contestFieldLabels.maxPhotos}
            name="maxPhotos"
            inputMode="numeric"
            defaultValue={values.maxPhotos}
            error={errors.maxPhotos}
            hint="De 1 à 30."
          />
        </div>
        <div className="fr-fieldset__element fr-col-12 fr-col-md-4">
          <Field
            label={contestFieldLabels.maxPhotoMegabytes}
            name="maxPhotoMegabytes"
            inputMode="numeric"
            defaultValue={values.maxPhotoMegabytes}
            error={errors.maxPhotoMegabytes}
            hint="En mégaoctets, de 1 à 50."
          />
        </div>
        <div className="fr-fieldset__element fr-col-12 fr-col-md-4">
          <Field
            label={contestFieldLabels.maxPhotoMegapixels}
            name="maxPhotoMegapixels"
            inputMode="numeric"
            defaultValue={values.maxPhotoMegapixels}
            error={errors.maxPhotoMegapixels}
            hint="En mégapixels, de 1 à 100."
          />
        </div>
        <div className="fr-fieldset__element fr-col-12 fr-col-md-4">
          <Field
            label={contestFieldLabels.maxDocuments}
            name="maxDocuments"
            inputMode="numeric"
            defaultValue={values.maxDocuments}
            error={errors.maxDocuments}
            hint="De 0 à 20."
          />
        </div>
        <div className="fr-fieldset__element fr-col-12 fr-col-md-4">
          <Field
            label={contestFieldLabels.maxDocumentMegabytes}
            name="maxDocumentMegabytes"
            inputMode="numeric"
            defaultValue={values.maxDocumentMegabytes}
            error={errors.maxDocumentMegabytes}
            hint="En mégaoctets, de 1 à 100."
          />
        </div>
      </fieldset>

      <button className="fr-btn" type="submit">
        {submitLabel}
      </button>
    </Form>
  );
}

type ContestLike = {
  title: string;
  slug: string;
  rules: string;
  calendar: Record<"submissionsOpenAt" | "submissionsCloseAt" | "reviewOpenAt" | "reviewCloseAt" | "resultsAt", Date | string>;
  themes: string[];
  audiences: string[];
  criteria: { label: string; description: string; weight: number }[];
  limits: { maxPhotos: number; maxPhotoBytes: number; maxPhotoPixels: number; maxDocuments: number; maxDocumentBytes: number };
};

/** A stored contest (or the defaults of a new one) as form values, dates in Paris time. */
export function contestFormValues(contest: ContestLike): ContestFormValues {
  const local = (value: Date | string) => toParisLocal(new Date(value));
  return {
    title: contest.title,
    slug: contest.slug,
    rules: contest.rules,
    submissionsOpenAt: local(contest.calendar.submissionsOpenAt),
    submissionsCloseAt: local(contest.calendar.submissionsCloseAt),
    reviewOpenAt: local(contest.calendar.reviewOpenAt),
    reviewCloseAt: local(contest.calendar.reviewCloseAt),
    resultsAt: local(contest.calendar.resultsAt),
    themes: contest.themes.join("\n"),
    audiences: contest.audiences.join("\n"),
    criteria: contest.criteria.map((c) => ({ label: c.label, description: c.description, weight: String(c.weight) })),
    maxPhotos: String(contest.limits.maxPhotos),
    maxPhotoMegabytes: String(Math.round(contest.limits.maxPhotoBytes / (1024 * 1024))),
    maxPhotoMegapixels: String(Math.round(contest.limits.maxPhotoPixels / 1_000_000)),
    maxDocuments: String(contest.limits.maxDocuments),
    maxDocumentMegabytes: String(Math.round(contest.limits.maxDocumentBytes / (1024 * 1024))),
  };
}
