import type { z } from "zod";

export type FormErrors = Record<string, string>;

export type ParsedForm<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FormErrors; values: Record<string, string>; lists: Record<string, string[]> };

/**
 * Validates a submitted form against a zod schema. On failure, gives one French message per field
 * and the values as typed (never passwords), so the page can show both.
 */
export function parseForm<S extends z.ZodTypeAny>(formData: FormData, schema: S): ParsedForm<z.infer<S>> {
  const raw: Record<string, string | string[]> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    const existing = raw[key];
    raw[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FormErrors = {};
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
  const values: Record<string, string> = {};
  const lists: Record<string, string[]> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string" || /password|mot_de_passe|code/i.test(key)) continue;
    lists[key] = [...(lists[key] ?? []), value];
    values[key] = lists[key].join(", ");
  }
  return { values, lists };
}
