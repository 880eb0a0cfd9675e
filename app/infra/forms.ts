import type { z } from "zod";

export type FormErrors = Record<string, string>;

export type ParsedForm<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FormErrors; values: Record<string, string> };

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
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!/password|mot_de_passe|code/i.test(key)) values[key] = Array.isArray(value) ? value.join(", ") : value;
  }
  return { ok: false, errors, values };
}
