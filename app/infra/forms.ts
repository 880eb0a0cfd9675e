import { z } from "zod";
import type { FieldErrors } from "./domain-errors";

export type ParsedForm<T> =
  { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string>; lists: Record<string, string[]> };

/** A field a form may repeat (checkboxes): none, one or several values, always as a list. */
export const repeatedField = <T extends z.ZodTypeAny>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .default([])
    .transform((value) => (Array.isArray(value) ? value : [value]))
    .pipe(z.array(item).max(200, "Trop de valeurs envoyées."));

/**
 * Validates a submitted form against a zod schema. On failure, gives one French message per field
 * and the values as typed (never passwords), so the page can show both.
 */
export function parseForm<S extends z.ZodTypeAny>(formData: FormData, schema: S): ParsedForm<z.infer<S>> {
  const { lists } = textFields(formData);
  // Own properties only (Object.fromEntries): a field named "__proto__" or "constructor" is just a name.
  const raw = Object.fromEntries(Object.entries(lists).map(([key, list]) => [key, list.length === 1 ? list[0] : list]));
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length ? issue.path.join(".") : "_form";
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, ...submittedValues(formData) };
}

/**
 * What the person typed, to show it back: `values` for single fields, `lists` with every value of
 * repeated fields (checkboxes, table rows). Secrets (passwords, codes) are never sent back.
 */
export function submittedValues(formData: FormData) {
  const { lists } = textFields(formData, (key) => !/password|mot_de_passe|code/i.test(key));
  const values = Object.fromEntries(Object.entries(lists).map(([key, list]) => [key, list.join(", ")]));
  return { values, lists };
}

/** Every text field by name, repeated ones in order, gathered in a Map so no name can reach a prototype. */
function textFields(formData: FormData, keep: (key: string) => boolean = () => true) {
  const fields = new Map<string, string[]>();
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string" || key === "__proto__" || !keep(key)) continue;
    fields.set(key, [...(fields.get(key) ?? []), value]);
  }
  return { lists: Object.fromEntries(fields) as Record<string, string[]> };
}

/**
 * The body of a form post, read once at the boundary: a body that is not a readable form (garbled
 * or truncated multipart, multipart without its boundary) or that carries a NUL character
 * (PostgreSQL refuses it in text, and no keyboard types it) is answered 400 with a French message.
 */
export async function readFormData(request: Request): Promise<FormData> {
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    throw badRequest("Le formulaire envoyé est illisible ou incomplet. Rechargez la page et réessayez.");
  }
  for (const [key, value] of formData.entries()) {
    if (key.includes("\0") || (typeof value === "string" && value.includes("\0"))) {
      throw badRequest("Le formulaire contient un caractère invalide (caractère nul). Retirez-le et réessayez.");
    }
  }
  return formData;
}

function badRequest(message: string): never {
  throw new Response(message, { status: 400, statusText: "Bad Request", headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
