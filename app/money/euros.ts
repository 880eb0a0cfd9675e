import { z } from "zod";

// Amounts are typed the French way ("1 234,56") and kept as integer cents.

export type EurosParse = { ok: true; cents: number } | { ok: false; message: string };

const EXAMPLE = "par exemple 1 234,56";

/**
 * Parses a euro amount: optional grouping spaces (including the narrow and no-break spaces
 * that copy-paste brings), a comma (or a dot) before at most two decimals, nothing else.
 */
export function parseEuros(input: string, options: { maxCents?: number } = {}): EurosParse {
  const text = input.trim().replace(/\s*€$/, "");
  if (text === "") return { ok: false, message: `Indiquez un montant en euros, ${EXAMPLE}.` };
  if (text.startsWith("-")) return { ok: false, message: "Le montant ne peut pas être négatif." };
  const match = /^(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[,.](\d{1,2}))?$/.exec(text);
  if (!match) {
    if (/^\d+[,.]\d{3,}$/.test(text)) {
      return { ok: false, message: `Le montant a au plus deux chiffres après la virgule, ${EXAMPLE}.` };
    }
    return { ok: false, message: `Le montant doit être un nombre en euros, ${EXAMPLE}.` };
  }
  const euros = Number(match[1].replace(/[ \u00a0\u202f]/g, ""));
  const cents = euros * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  const max = options.maxCents ?? 100_000_000_00;
  if (!Number.isSafeInteger(cents) || cents > max) {
    return { ok: false, message: `Le montant ne peut dépasser ${formatEuros(max)}.` };
  }
  return { ok: true, cents };
}

const formatter = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });

/** "1 234,56 €" (with the narrow no-break spaces French typography uses). */
export function formatEuros(cents: number): string {
  return formatter.format(cents / 100);
}

/** A form field holding a euro amount: cents, or the French message saying what to type. */
export function eurosField(options: { maxCents?: number; missing: string }) {
  return z
    .string({ required_error: options.missing })
    .trim()
    .min(1, options.missing)
    .transform((value, ctx) => {
      const parsed = parseEuros(value, { maxCents: options.maxCents });
      if (parsed.ok) return parsed.cents;
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: parsed.message });
      return z.NEVER;
    });
}
