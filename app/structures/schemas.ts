import { z } from "zod";
import { emailOnlySchema } from "~/accounts/schemas";
import { recordId } from "~/http/params";
import { siretField } from "~/organisations/siret-field";
import { boundedText } from "~/infra/text-limit";
import { structureKinds } from "./kinds";

// The structure forms, with the French message each field shows. Field names avoid "code": the
// values typed back after a refusal leave out fields named like secrets (see submittedValues).

/**
 * A phone number as people type it ("01 23 45 67 89", "+33 (0)1 23 45 67 89", "0033 1 23…"), in
 * one form: ten digits for a French number, "+" and 8 to 15 digits for another country's; null
 * when it cannot be one.
 */
export function normalisePhone(typed: string): string | null {
  let phone = typed.replace(/\(0\)/g, "").replace(/[\s.\-/()\u00a0\u202f]/g, "");
  if (phone.startsWith("00")) phone = `+${phone.slice(2)}`;
  if (/^\+33[1-9][0-9]{8}$/.test(phone)) return `0${phone.slice(3)}`;
  if (/^0[1-9][0-9]{8}$/.test(phone)) return phone;
  if (/^\+[1-9][0-9]{7,14}$/.test(phone) && !phone.startsWith("+33")) return phone;
  return null;
}

/** "0123456789" as "01 23 45 67 89"; other numbers as stored. */
export function formatPhone(phone: string): string {
  return /^0[0-9]{9}$/.test(phone) ? phone.replace(/(\d{2})(?=\d)/g, "$1 ") : phone;
}

/** Why a delivery postal code does not fit the commune, or null when it is one of the commune's. */
export function postalCodeRefusal(postal: string, commune: { name: string; postalCodes: string[] }): string | null {
  if (commune.postalCodes.includes(postal)) return null;
  const known = commune.postalCodes.join(", ");
  return commune.postalCodes.length === 1
    ? `Le code postal de ${commune.name} est ${known}.`
    : `Ce code postal n'est pas l'un de ceux de ${commune.name} : ${known}.`;
}

const required = (label: string, max: number, missing: string) =>
  z.string({ required_error: missing }).pipe(boundedText(label, max)).pipe(z.string().min(1, missing));

const siret = siretField("de la structure");

/** An INSEE commune code as the commune picker posts it. */
const inseeCode = z
  .string({ required_error: "Recherchez la commune de la structure, puis choisissez-la dans la liste." })
  .regex(/^([0-9]{5}|2[AB][0-9]{3})$/, "Recherchez la commune de la structure, puis choisissez-la dans la liste.");

export const registrationSchema = z.object({
  siret,
  legalName: required("La raison sociale", 200, "Indiquez la raison sociale de la structure, telle qu'au répertoire SIRENE.").pipe(
    z.string().min(2, "La raison sociale compte au moins 2 caractères."),
  ),
  kind: z.enum(structureKinds, { errorMap: () => ({ message: "Choisissez le type de structure dans la liste." }) }),
  commune: inseeCode,
  address: required("L'adresse", 300, "Indiquez l'adresse de livraison : numéro et voie.").pipe(
    z.string().min(5, "Indiquez l'adresse de livraison complète : numéro et voie."),
  ),
  postal: z
    .string({ required_error: "Indiquez le code postal de livraison." })
    .trim()
    .regex(/^[0-9]{5}$/, "Le code postal compte 5 chiffres, par exemple 35000."),
  contactName: required("Le nom de la personne à contacter", 200, "Indiquez le nom de la personne à contacter.").pipe(
    z.string().min(2, "Indiquez le prénom et le nom de la personne à contacter."),
  ),
  contactPhone: z
    .string({ required_error: "Indiquez le téléphone de la personne à contacter." })
    .max(40, "Indiquez un numéro de téléphone, par exemple 01 23 45 67 89.")
    .transform((value, ctx) => {
      const phone = normalisePhone(value);
      if (phone) return phone;
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: value.trim()
          ? "Ce numéro de téléphone n'est pas valide : 10 chiffres, par exemple 01 23 45 67 89, ou l'indicatif international (+32…)."
          : "Indiquez le téléphone de la personne à contacter.",
      });
      return z.NEVER;
    }),
});
export type Registration = z.output<typeof registrationSchema>;

export const registrationLabels: Record<string, string> = {
  siret: "SIRET",
  legalName: "Raison sociale",
  kind: "Type de structure",
  commune: "Commune (nom ou code postal)",
  address: "Adresse de livraison",
  postal: "Code postal de livraison",
  contactName: "Personne à contacter",
  contactPhone: "Téléphone de la personne à contacter",
};

/** The commune search of the registration form: its button, and what was typed. */
export const communeSearchSchema = z.object({
  // "enter": the hidden default button, pressed by Enter in a field (see the registration forms).
  intent: z.enum(["search", "register", "enter"]).catch("register"),
  /** The commune chosen, if any: without one, Enter in the form searches what was typed. */
  commune: z.string().max(10).optional().catch(undefined),
  communeQuery: z
    .string()
    .max(100, "Tapez le début du nom de la commune ou son code postal.")
    .default("")
    .transform((v) => v.trim()),
});

/** A member's forms on the structure's page. */
export const invitationSchema = emailOnlySchema.extend({ structureId: recordId });
export const revocationSchema = z.object({ structureId: recordId, invitationId: recordId });
