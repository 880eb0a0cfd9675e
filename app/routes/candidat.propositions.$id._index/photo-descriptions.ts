import type { FormAnswer } from "~/http/answers.server";
import type { FieldErrors } from "~/infra/domain-errors";
import { photoField } from "~/media/media";
import { proposalFieldLabels } from "~/submissions/proposal-form";

/**
 * A refused photo description, as the files section shows it: the message and what was typed
 * beside that photo's own field (the form posts `fileId` and `description`).
 */
export function descriptionAnswer(answer: FormAnswer): { errors: FieldErrors; typed: Record<string, string> } {
  const { description, ...others } = answer.errors;
  const field = photoField(Number(answer.values.fileId));
  return {
    errors: description === undefined ? others : { ...others, [field]: description },
    typed: { [field]: answer.values.description ?? "" },
  };
}

/** The labels of the error summary: the draft's fields and each photo's description. */
export function fieldLabels(files: { id: number; kind: string; displayName: string }[]): Record<string, string> {
  return {
    ...proposalFieldLabels,
    ...Object.fromEntries(files.filter((f) => f.kind === "photo").map((f) => [photoField(f.id), `Description de la photo « ${f.displayName} »`])),
  };
}
