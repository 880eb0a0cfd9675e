import { z } from "zod";
import { boundedText } from "~/infra/text-limit";
import { eurosField } from "~/money/euros";
import { structureKinds, type StructureKind } from "~/structures/kinds";

// The rules form, shared by the page and the server: French messages, by field.

const ID = /^[1-9][0-9]{0,14}$/;

/** A checkbox group's values as a list, whether the form sent none, one or several. */
function checked<T>(check: (values: string[], ctx: z.RefinementCtx) => T) {
  return z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value, ctx) => check(value === undefined ? [] : [value].flat(), ctx));
}

/** An optional form field: empty means absent (null). */
function optional<T extends z.ZodTypeAny>(field: T) {
  return z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : null))
    .pipe(field.nullable());
}

export const rulesSchema = z.object({
  // The campaign and the version the admin was looking at: a change made meanwhile is not overwritten.
  campaignId: z.string().regex(ID, "Campagne introuvable.").transform(Number),
  basedOn: z
    .string()
    .regex(/^[0-9]{1,9}$/, "Version des règles inconnue.")
    .transform(Number),
  kinds: checked((values, ctx) => {
    const kinds = [...new Set(values)];
    if (kinds.length === 0 || !kinds.every((kind) => (structureKinds as readonly string[]).includes(kind))) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "Cochez au moins un type de structure parmi ceux proposés." });
      return z.NEVER;
    }
    return kinds as StructureKind[];
  }),
  territory: z.enum(["everywhere", "lists"], { errorMap: () => ({ message: "Choisissez où les structures peuvent commander." }) }),
  lists: checked((values, ctx) => {
    if (!values.every((value) => ID.test(value))) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "Cochez des listes parmi celles proposées." });
      return z.NEVER;
    }
    return [...new Set(values.map(Number))];
  }),
  franceServicesEverywhere: z
    .literal("oui")
    .optional()
    .transform((value) => value === "oui"),
  capEuros: optional(
    eurosField({ missing: "", maxCents: 10_000_000_00 }).refine((cents) => cents > 0, "Le plafond est un montant positif, ou laissez le champ vide."),
  ),
  capUnits: optional(
    z
      .string()
      .regex(/^[0-9]{1,6}$/, "Indiquez un nombre entier de kits, par exemple 10, ou laissez le champ vide.")
      .transform(Number)
      .refine((units) => units > 0, "Le nombre de kits est positif, ou laissez le champ vide."),
  ),
  reason: optional(boundedText("La raison", 500).pipe(z.string().min(3, "La raison compte au moins 3 caractères."))),
});

export type RulesForm = z.output<typeof rulesSchema>;

export const rulesLabels: Record<string, string> = {
  kinds: "Types de structure qui peuvent commander",
  territory: "Où les structures peuvent commander",
  lists: "Listes territoriales retenues",
  franceServicesEverywhere: "Les espaces France Services peuvent commander partout",
  capEuros: "Plafond par structure, en euros (facultatif)",
  capUnits: "Plafond par structure, en nombre de kits (facultatif)",
  reason: "Raison du changement",
};
