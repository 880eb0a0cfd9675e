import { Form } from "@remix-run/react";
import type { FieldErrors } from "~/infra/domain-errors";
import { Field, RequiredFieldsNote, SubmitButton } from "~/ui/form";
import { FormSection, RowsSection, SectionCell, TextArea, fieldBinder } from "~/ui/fields";
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

const fileLimitFields = [
  ["maxPhotos", "De 1 à 30."],
  ["maxPhotoMegabytes", "En mégaoctets, de 1 à 50."],
  ["maxPhotoMegapixels", "En mégapixels, de 1 à 100."],
  ["maxDocuments", "De 0 à 20."],
  ["maxDocumentMegabytes", "En mégaoctets, de 1 à 100."],
] as const;

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
  const shares = typedWeightShares(values.criteria.map((c) => c.weight));
  const bound = fieldBinder(contestFieldLabels, values, errors);
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="save" />
      <RequiredFieldsNote />
      <FormSection title="Présentation">
        <SectionCell>
          <Field {...bound("title")} required maxLength={200} />
        </SectionCell>
        <SectionCell>
          <Field
            {...bound("slug")}
            hint="Lettres minuscules sans accent, chiffres et tirets ; il apparaît dans les adresses, par exemple kits-2026."
            required
            maxLength={80}
          />
        </SectionCell>
        <SectionCell>
          <TextArea
            {...bound("rules")}
            label={`${contestFieldLabels.rules} (facultatif)`}
            rows={10}
            hint="Un paragraphe par ligne ; une ligne commençant par « - » ou « 1. » devient un élément de liste."
          />
        </SectionCell>
      </FormSection>

      <FormSection title="Calendrier" hint="Dates et heures de Paris. La phase du concours en découle.">
        {(["submissionsOpenAt", "submissionsCloseAt", "reviewOpenAt", "reviewCloseAt", "resultsAt"] as const).map((name) => {
          const locked = datesLocked && (name === "submissionsOpenAt" || name === "submissionsCloseAt");
          return (
            <SectionCell md={6} key={name}>
              <Field
                {...bound(name)}
                type="datetime-local"
                readOnly={locked}
                hint={locked ? "Les candidatures sont ouvertes : utilisez la prolongation ci-dessous." : undefined}
                required
              />
            </SectionCell>
          );
        })}
      </FormSection>

      <FormSection title="Listes proposées aux candidats">
        <SectionCell md={6}>
          <TextArea {...bound("themes")} rows={9} hint="Un thème par ligne." />
        </SectionCell>
        <SectionCell md={6}>
          <TextArea {...bound("audiences")} rows={9} hint="Un public par ligne." />
        </SectionCell>
      </FormSection>

      <RowsSection
        name="criteria"
        title={contestFieldLabels.criteria}
        hint={
          <>
            Chaque critère est noté de 0 à 5 par le jury ; la note finale est la moyenne pondérée. Les poids sont relatifs : un critère compte pour
            son poids divisé par la somme des poids (3, 2 et 1 comptent pour 50 %, 33 % et 17 %), et des poids qui totalisent 100 se lisent
            directement en pourcentages. La part de chaque critère s'affiche sous son poids. Laissez vides les lignes inutiles.
          </>
        }
        rowLabel={(i) => `Critère ${i + 1}`}
        rows={rows}
        columns={[
          { key: "label", name: "criterionLabel", label: "libellé", md: 4, maxLength: 200 },
          { key: "description", name: "criterionDescription", label: "description (facultatif)", md: 6, maxLength: 2000 },
          {
            key: "weight",
            name: "criterionWeight",
            label: "poids",
            md: 2,
            inputMode: "numeric",
            hint: (i) => (shares?.[i] !== undefined ? `${shares[i]} % de la note` : undefined),
          },
        ]}
        errors={errors}
      />

      <FormSection title="Limites des fichiers">
        {fileLimitFields.map(([name, hint]) => (
          <SectionCell md={4} key={name}>
            <Field {...bound(name)} inputMode="numeric" hint={hint} />
          </SectionCell>
        ))}
      </FormSection>

      <SubmitButton>{submitLabel}</SubmitButton>
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
