import { z } from "zod";
import { NotFound } from "~/infra/domain-errors";

// Record ids arrive in addresses and forms as text. Only plain digits within JavaScript's exact
// integers pass: "1e3", " 7", "-1", "0x10" and 99999999999999999999 (beyond PostgreSQL's bigint,
// an error there rather than "not found") are all simply "no such record".
const MAX_DIGITS = String(Number.MAX_SAFE_INTEGER).length;

/** A record id (bigint identity column) from an address or a form field. */
export const recordId = z
  .string()
  .regex(new RegExp(`^[1-9][0-9]{0,${MAX_DIGITS - 1}}$`), "Identifiant invalide.")
  .transform(Number)
  .refine(Number.isSafeInteger, "Identifiant invalide.");

/** The id in an address segment, or NotFound with the French message for that kind of record. */
export function requireRecordId(segment: string | undefined, notFoundMessage: string): number {
  const id = recordId.safeParse(segment);
  if (!id.success) throw new NotFound(notFoundMessage);
  return id.data;
}
