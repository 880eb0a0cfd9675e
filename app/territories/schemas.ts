import { z } from "zod";
import { boundedText } from "~/infra/text-limit";

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Indiquez une date, par exemple 01/01/2026.")
  .refine(
    (value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    "Cette date n'existe pas.",
  );

/** The import form of a territorial list (the file itself is read apart: it is not text). */
export const listImportSchema = z.object({
  name: boundedText("Le nom de la liste", 120).pipe(
    z.string().min(2, "Indiquez le nom de la liste, par exemple « France Ruralités Revitalisation »."),
  ),
  source: boundedText("La source", 300).pipe(z.string().min(2, "Indiquez la source de la liste : texte officiel ou producteur, et sa date.")),
  validFrom: isoDate,
  sample: z
    .literal("oui")
    .optional()
    .transform((value) => value === "oui"),
});

export const listImportLabels: Record<string, string> = {
  name: "Nom de la liste",
  source: "Source (texte officiel, producteur, date de publication)",
  validFrom: "En vigueur depuis le",
  file: "Fichier CSV des communes",
};
