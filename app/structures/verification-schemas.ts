import { z } from "zod";
import { recordId } from "~/http/params";
import { pageNumber, searchText } from "~/infra/paging";
import { boundedText } from "~/infra/text-limit";
import { structureStatuses } from "./statuses";

// The verification's forms and query strings, shared by the pages and the server: French messages, by field.

/** The queue's filters; a hand-edited address falls back to the default view. */
export const queueQuerySchema = z.object({
  departement: z
    .string()
    .regex(/^([0-9]{2}|2[AB]|97[1-6])$/)
    .nullable()
    .catch(null)
    .default(null),
  statut: z
    .enum([...structureStatuses, "all"])
    .catch("pending")
    .default("pending"),
  recherche: searchText,
  page: pageNumber.default(1),
});

/** The number of history rows the reviewer saw: a decision on a page that has since changed is refused. */
const reviewsSeen = z.coerce.number({ invalid_type_error: "Rechargez la page." }).int().min(0).max(100_000);

const reviewerText = (label: string, missing: string) => boundedText(label, 2000).pipe(z.string().min(5, missing));

export const verifySchema = z.object({ reviewsSeen });

export const rejectSchema = z.object({
  reviewsSeen,
  reason: reviewerText("La raison du refus", "Indiquez la raison du refus (5 caractères au moins) : la structure la recevra par courriel."),
});

export const requestSchema = z.object({
  reviewsSeen,
  question: reviewerText("La question", "Écrivez la question posée à la structure (5 caractères au moins) : elle la recevra par courriel."),
});

export const decisionLabels: Record<string, string> = {
  reason: "Raison du refus",
  question: "Question à la structure",
};

export const answerSchema = z.object({
  structureId: recordId,
  answer: boundedText("La réponse", 4000).pipe(z.string().min(2, "Écrivez votre réponse à la question posée.")),
});

export const answerLabels: Record<string, string> = { answer: "Votre réponse" };
