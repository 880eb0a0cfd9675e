import { z } from "zod";
import { recordId } from "~/http/params";
import { repeatedField } from "~/infra/forms";
import { pageNumber, searchText } from "~/infra/paging";
import { boundedText } from "~/infra/text-limit";
import { siretField } from "~/organisations/siret-field";
import { registrationSchema } from "~/structures/schemas";
import { makerKinds } from "./kinds";
import { MAX_UNITS_PER_MONTH } from "./supply";

// The makers' forms, with the French message each field shows.

const required = (label: string, max: number, missing: string) =>
  z.string({ required_error: missing }).pipe(boundedText(label, max)).pipe(z.string().min(1, missing));

export const makerRegistrationSchema = z.object({
  siret: siretField("du fabricant"),
  name: required("Le nom", 200, "Indiquez le nom du fabricant.").pipe(z.string().min(2, "Le nom compte au moins 2 caractères.")),
  kind: z.enum(makerKinds, { errorMap: () => ({ message: "Choisissez le type de fabricant dans la liste." }) }),
  commune: z
    .string({ required_error: "Recherchez la commune du fabricant, puis choisissez-la dans la liste." })
    .regex(/^([0-9]{5}|2[AB][0-9]{3})$/, "Recherchez la commune du fabricant, puis choisissez-la dans la liste."),
  // The contact's fields say nothing of a structure: the same rules and messages for a maker.
  contactName: registrationSchema.shape.contactName,
  contactPhone: registrationSchema.shape.contactPhone,
});
export type MakerRegistration = z.output<typeof makerRegistrationSchema>;

export const makerRegistrationLabels: Record<string, string> = {
  siret: "SIRET",
  name: "Nom du fabricant",
  kind: "Type de fabricant",
  commune: "Commune (nom ou code postal)",
  contactName: "Personne à contacter",
  contactPhone: "Téléphone de la personne à contacter",
};

export const kitRequestSchema = z.object({
  makerId: recordId,
  kitIds: repeatedField(recordId).pipe(z.array(z.number()).min(1, "Cochez au moins un kit à fabriquer.")),
});

export const supplySchema = z.object({
  makerId: recordId,
  kitId: recordId,
  departements: repeatedField(z.string().max(3, "Département inconnu.")),
  unitsPerMonth: z
    .string({ required_error: "Indiquez combien d'unités vous pouvez fabriquer par mois." })
    .trim()
    .min(1, "Indiquez combien d'unités vous pouvez fabriquer par mois.")
    .regex(/^[0-9]{1,6}$/, "Indiquez un nombre entier d'unités par mois, par exemple 20.")
    .transform(Number)
    .pipe(
      z
        .number()
        .min(1, "La capacité est d'au moins une unité par mois ; pour ne plus recevoir de commandes, mettez la fabrication en pause.")
        .max(MAX_UNITS_PER_MONTH, `La capacité ne peut pas dépasser ${MAX_UNITS_PER_MONTH.toLocaleString("fr-FR")} unités par mois.`),
    ),
});

export const supplyLabels: Record<string, string> = { departements: "Départements livrés", unitsPerMonth: "Capacité par mois" };

export const pauseSchema = z.object({ makerId: recordId, kitId: recordId, paused: z.enum(["true", "false"]).transform((v) => v === "true") });

export const decisionSchema = z
  .object({
    makerId: recordId,
    kitId: recordId,
    decision: z.enum(["approved", "refused"], { errorMap: () => ({ message: "Choisissez d'approuver ou de refuser." }) }),
    reason: boundedText("La raison", 2000).default(""),
  })
  .superRefine((value, ctx) => {
    if (value.decision === "refused" && value.reason.length < 5)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["reason"],
        message: "Indiquez la raison du refus (au moins 5 caractères) : le fabricant la lira.",
      });
  });

/** /admin/fabricants?recherche=…&page=…: a hostile or empty value means no search, the first page. */
export const makerSearchSchema = z.object({ recherche: searchText, page: pageNumber.default(1) });
