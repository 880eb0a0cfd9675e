import { z } from "zod";
import { recordId } from "~/http/params";
import { repeatedField } from "~/infra/forms";
import { pageNumber } from "~/infra/paging";
import { boundedText } from "~/infra/text-limit";

// The feedback's forms, with the French message each field shows.

export const ratings = [1, 2, 3, 4, 5] as const;
export const ratingLabels: Record<(typeof ratings)[number], string> = {
  1: "pas du tout satisfaisant",
  2: "peu satisfaisant",
  3: "moyennement satisfaisant",
  4: "satisfaisant",
  5: "très satisfaisant",
};

export const MAX_PEOPLE_REACHED = 1_000_000;
export const MAX_COMMENT = 4000;
const peopleMessage = "Indiquez un nombre entier de personnes, par exemple 25 (0 si le kit n'a pas encore servi).";

/** A structure's answer: how the kit is used. */
export const feedbackAnswerSchema = z.object({
  rating: z.enum(["1", "2", "3", "4", "5"], { errorMap: () => ({ message: "Choisissez une note de 1 à 5." }) }).transform(Number),
  peopleReached: z
    .string({ required_error: peopleMessage })
    .trim()
    .regex(/^[0-9]{1,7}$/, peopleMessage)
    .transform(Number)
    .refine((people) => people <= MAX_PEOPLE_REACHED, `Le nombre de personnes ne peut pas dépasser ${MAX_PEOPLE_REACHED.toLocaleString("fr-FR")}.`),
  themes: repeatedField(z.string().max(200, "Thème inconnu : cochez les thèmes dans la liste.")),
  comment: boundedText("Le commentaire", MAX_COMMENT)
    .default("")
    .transform((comment) => (comment === "" ? null : comment)),
});
export type FeedbackAnswer = z.output<typeof feedbackAnswerSchema>;

export const feedbackAnswerLabels: Record<string, string> = {
  rating: "Note",
  peopleReached: "Nombre de personnes accompagnées",
  themes: "Thèmes abordés",
  comment: "Commentaire",
};

/** The moderation queue's page, from the query string. */
export const moderationQuerySchema = z.object({ page: pageNumber.default(1) });

/** The admin publishes or hides an answer. */
export const moderationSchema = z.object({
  feedbackId: recordId,
  decision: z.enum(["published", "hidden"], { errorMap: () => ({ message: "Choisissez de publier ou de masquer." }) }),
});
