import { z } from "zod";

// A browser cuts a field at its maxLength without a word, and a script or an old browser sends
// more: the server's message states the limit and what was typed, so the person knows what to cut.

/** « Le titre ne peut pas dépasser 200 caractères (vous en avez saisi 10 000). » */
export function tooLongMessage(label: string, max: number, typed: number): string {
  return `${label} ne peut pas dépasser ${max.toLocaleString("fr-FR")} caractères (vous en avez saisi ${typed.toLocaleString("fr-FR")}).`;
}

/** A trimmed text of at most `max` characters; `label` names it as the subject of a French sentence (« Le titre »). */
export function boundedText(label: string, max: number) {
  return z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      if (value.length > max)
        ctx.addIssue({
          code: z.ZodIssueCode.too_big,
          type: "string",
          maximum: max,
          inclusive: true,
          message: tooLongMessage(label, max, value.length),
        });
    });
}
