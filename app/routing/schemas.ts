import { z } from "zod";
import { recordId } from "~/http/params";
import { boundedText } from "~/infra/text-limit";

// The routing's forms, with the French message each field shows.

/** Seeds are stored in an int column: 0 to 2^31 − 1. */
export const MAX_SEED = 2_147_483_647;

const seedMessage = `La graine est un nombre entier de 0 à ${MAX_SEED.toLocaleString("fr-FR")}, ou vide pour en tirer une au hasard.`;

export const runSchema = z.object({
  seed: z
    .string()
    .trim()
    .default("")
    .refine((value) => value === "" || (/^[0-9]{1,10}$/.test(value) && Number(value) <= MAX_SEED), seedMessage)
    .transform((value) => (value === "" ? undefined : Number(value))),
});

const reason = (missing: string) => z.string({ required_error: missing }).pipe(boundedText("La raison", 2000)).pipe(z.string().min(5, missing));

export const overrideSchema = z.object({
  makerId: z
    .string({ required_error: "Choisissez un fabricant dans la liste." })
    .pipe(recordId.catch(0))
    .refine((id) => id > 0, "Choisissez un fabricant dans la liste."),
  reason: reason("Indiquez la raison de ce changement (au moins 5 caractères) : elle est conservée et transmise aux fabricants."),
});
export const overrideLabels = { makerId: "Nouveau fabricant", reason: "Raison du changement" };

export const withdrawSchema = z.object({
  reason: reason("Indiquez la raison du retrait (au moins 5 caractères) : elle est conservée et transmise au fabricant."),
});
export const withdrawLabels = { reason: "Raison du retrait" };
