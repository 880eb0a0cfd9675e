import { z } from "zod";
import { calendarProblems, type ContestCalendar } from "./phase";
import { parisDateTimeField } from "~/infra/paris-time";

// Shared by the contest form and the server: French messages, by field.

const lines = (label: string) =>
  z
    .string()
    .default("")
    .transform((text) => [
      ...new Set(
        text
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(z.string().max(120, `Chaque ${label} tient en 120 caractères au plus.`))
        .min(1, `Indiquez au moins un ${label}, un par ligne.`)
        .max(40, `Indiquez au plus 40 ${label}s.`),
    );

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === "string" ? [value] : []);

const criterionSchema = z.object({
  label: z
    .string()
    .trim()
    .min(2, "Le libellé du critère compte entre 2 et 200 caractères.")
    .max(200, "Le libellé du critère compte entre 2 et 200 caractères."),
  description: z.string().trim().max(2000, "La description du critère compte au plus 2 000 caractères."),
  weight: z.coerce
    .number({ invalid_type_error: "Le poids est un nombre entier entre 1 et 100." })
    .int("Le poids est un nombre entier entre 1 et 100.")
    .min(1, "Le poids est un nombre entier entre 1 et 100.")
    .max(100, "Le poids est un nombre entier entre 1 et 100."),
});

/** The form sends criteria as parallel lists (criterionLabel, criterionDescription, criterionWeight); empty rows are spares. */
function zipCriteria(raw: unknown) {
  if (!raw || typeof raw !== "object") return raw;
  const form = raw as Record<string, unknown>;
  const labels = asList(form.criterionLabel);
  const descriptions = asList(form.criterionDescription);
  const weights = asList(form.criterionWeight);
  const criteria = labels
    .map((label, i) => ({ label, description: descriptions[i] ?? "", weight: weights[i] ?? "" }))
    .filter((c) => c.label.trim() || c.description.trim() || String(c.weight).trim());
  return { ...form, criteria };
}

const integerIn = (label: string, min: number, max: number) =>
  z.coerce
    .number({ invalid_type_error: `${label} doit être un nombre entier.` })
    .int(`${label} doit être un nombre entier.`)
    .min(min, `${label} doit être compris entre ${min} et ${max}.`)
    .max(max, `${label} doit être compris entre ${min} et ${max}.`);

export const contestFormSchema = z
  .preprocess(
    zipCriteria,
    z.object({
      title: z.string().trim().min(3, "Le titre compte au moins 3 caractères.").max(200, "Le titre compte au plus 200 caractères."),
      slug: z
        .string()
        .trim()
        .toLowerCase()
        .regex(
          /^[a-z0-9]+(-[a-z0-9]+)*$/,
          "L'identifiant d'adresse ne contient que des lettres minuscules sans accent, des chiffres et des tirets, par exemple kits-2026.",
        )
        .max(80, "L'identifiant d'adresse compte au plus 80 caractères."),
      rules: z.string().trim().max(20_000, "Le règlement compte au plus 20 000 caractères.").default(""),
      submissionsOpenAt: parisDateTimeField("l'ouverture des candidatures"),
      submissionsCloseAt: parisDateTimeField("la clôture des candidatures"),
      reviewOpenAt: parisDateTimeField("le début de l'évaluation"),
      reviewCloseAt: parisDateTimeField("la fin de l'évaluation"),
      resultsAt: parisDateTimeField("la publication des résultats"),
      themes: lines("thème"),
      audiences: lines("public"),
      criteria: z.array(criterionSchema).min(1, "Indiquez au moins un critère d'évaluation.").max(20, "Indiquez au plus 20 critères."),
      maxPhotos: integerIn("Le nombre de photos", 1, 30),
      maxPhotoMegabytes: integerIn("La taille d'une photo (Mo)", 1, 50),
      maxPhotoMegapixels: integerIn("La définition d'une photo (mégapixels)", 1, 100),
      maxDocuments: integerIn("Le nombre de documents", 0, 20),
      maxDocumentMegabytes: integerIn("La taille d'un document (Mo)", 1, 100),
    }),
  )
  .transform((form, ctx) => {
    const calendar: ContestCalendar = {
      submissionsOpenAt: form.submissionsOpenAt,
      submissionsCloseAt: form.submissionsCloseAt,
      reviewOpenAt: form.reviewOpenAt,
      reviewCloseAt: form.reviewCloseAt,
      resultsAt: form.resultsAt,
    };
    for (const problem of calendarProblems(calendar)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [problem.field], message: problem.message });
    }
    return {
      title: form.title,
      slug: form.slug,
      rules: form.rules,
      calendar,
      themes: form.themes,
      audiences: form.audiences,
      criteria: form.criteria,
      limits: {
        maxPhotos: form.maxPhotos,
        maxPhotoBytes: form.maxPhotoMegabytes * 1024 * 1024,
        maxPhotoPixels: form.maxPhotoMegapixels * 1_000_000,
        maxDocuments: form.maxDocuments,
        maxDocumentBytes: form.maxDocumentMegabytes * 1024 * 1024,
      },
    };
  });

export type ContestInput = z.output<typeof contestFormSchema>;

export const deadlineExtensionSchema = z.object({
  submissionsCloseAt: parisDateTimeField("la nouvelle date de clôture"),
  reason: z
    .string()
    .trim()
    .min(10, "Expliquez la raison de la prolongation (10 caractères au moins).")
    .max(1000, "La raison compte au plus 1 000 caractères."),
});
