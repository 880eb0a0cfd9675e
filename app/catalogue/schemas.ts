import { z } from "zod";
import { recordId } from "~/http/params";
import { eurosField } from "~/money/euros";

// The catalogue's forms and filters, shared by the pages and the server: French messages, by field.

export const MAX_LEAD_TIME_DAYS = 365;
const leadTimeMessage = `Le délai de fabrication est un nombre entier de jours entre 1 et ${MAX_LEAD_TIME_DAYS}.`;

/** An admin adds a laureate to the catalogue. */
export const addKitSchema = z.object({ proposalId: recordId });

/** A kit's offer in a campaign: may it be ordered, at what unit price and lead time. */
export const offerSchema = z.object({
  campaignId: recordId,
  unitPrice: eurosField({ missing: "Indiquez le prix unitaire, par exemple 199,00.", maxCents: 100_000_00 }).refine(
    (cents) => cents > 0,
    "Le prix unitaire est supérieur à 0 €.",
  ),
  leadTimeDays: z
    .string({ required_error: leadTimeMessage })
    .trim()
    .regex(/^\d{1,3}$/, leadTimeMessage)
    .transform(Number)
    .refine((days) => days >= 1 && days <= MAX_LEAD_TIME_DAYS, leadTimeMessage),
  orderable: z
    .literal("oui")
    .optional()
    .transform((value) => value === "oui"),
});

export const offerLabels: Record<string, string> = {
  unitPrice: "Prix unitaire (€)",
  leadTimeDays: "Délai de fabrication (jours)",
  orderable: "Commandable dans cette campagne",
};

/** The public catalogue's filters; a value the catalogue does not hold is ignored. */
export const catalogueFiltersSchema = z.object({
  theme: z.string().max(200).optional().catch(undefined),
  public: z.string().max(200).optional().catch(undefined),
  departement: z.string().max(3).optional().catch(undefined),
});
