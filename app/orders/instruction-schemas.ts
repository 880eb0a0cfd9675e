import { z } from "zod";
import { DEPARTEMENT_CODE } from "~/envelope/schemas";
import { recordId } from "~/http/params";
import { pageNumber, searchText } from "~/infra/paging";
import { boundedText } from "~/infra/text-limit";
import { structureKinds } from "~/structures/kinds";
import { orderStatuses } from "./orders-lifecycle";

// The instruction screens' query string and forms, shared by the pages and the server: French messages, by field.

/** More at once would hold a request for minutes; a page of the queue shows fewer. */
export const MAX_BULK_APPROVALS = 100;

/** The choices of the queue's age filter, in days. */
export const ageChoices = [2, 7, 15, 30] as const;

/** The queue's filters; a hand-edited address falls back to the default view (orders waiting for a decision). */
export const orderQueueQuerySchema = z.object({
  statut: z
    .enum(["all", ...orderStatuses])
    .refine((status) => status !== "cart")
    .catch("submitted")
    .default("submitted"),
  departement: z.string().regex(DEPARTEMENT_CODE).nullable().catch(null).default(null),
  type: z.enum(structureKinds).nullable().catch(null).default(null),
  anciennete: z.coerce.number().int().min(1).max(3650).nullable().catch(null).default(null),
  recherche: searchText,
  page: pageNumber.default(1),
});

/** The orders ticked in the queue: each a record id, each counted once by the domain. */
export const bulkApprovalSchema = z.object({
  orderIds: z.preprocess(
    (value) => (typeof value === "string" ? [value] : (value ?? [])),
    z
      .array(recordId, { invalid_type_error: "Cochez au moins une commande à approuver." })
      .min(1, "Cochez au moins une commande à approuver.")
      .max(MAX_BULK_APPROVALS, `Approuvez au plus ${MAX_BULK_APPROVALS} commandes à la fois.`),
  ),
});

export const orderRejectionSchema = z.object({
  reason: boundedText("La raison du refus", 2000).pipe(
    z.string().min(5, "Indiquez la raison du refus (5 caractères au moins) : la structure la recevra par courriel."),
  ),
});

export const instructionLabels: Record<string, string> = {
  orderIds: "Commandes à approuver",
  reason: "Raison du refus",
};
