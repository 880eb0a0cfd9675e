// The SIRET field of a registration form (a structure's, a maker's): typed with spaces or dots,
// stored as its 14 digits, refused with the reason when its key does not match.
import { z } from "zod";
import { checkSiret } from "./siret";

/** `whose`: "de la structure", "du fabricant" — the messages name what is being registered. */
export function siretField(whose: string) {
  return z
    .string({ required_error: `Indiquez le SIRET ${whose}.` })
    .trim()
    .min(1, `Indiquez le SIRET ${whose}, 14 chiffres.`)
    .max(40, "Le SIRET comporte 14 chiffres, par exemple 130 025 265 00013.")
    .transform((value, ctx) => {
      const checked = checkSiret(value);
      if (checked.ok) return checked.siret;
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: checked.message });
      return z.NEVER;
    });
}
