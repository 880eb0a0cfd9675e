// The lines of an order as a structure asks for them, checked before anything is read or written:
// whole numbers of kits, at least one, at most MAX_QUANTITY per kit (the database holds the same bound).
import { Refused } from "~/infra/domain-errors";

export const MAX_QUANTITY = 1_000;
export const MAX_LINES = 50;

export type OrderLineInput = { kitId: number; quantity: number };

/** Why a quantity is refused, in French, or null when it is a whole number of kits within bounds. */
export function quantityRefusal(quantity: number): string | null {
  if (!Number.isFinite(quantity)) return "Indiquez une quantité : un nombre entier de kits.";
  if (!Number.isInteger(quantity)) return "La quantité est un nombre entier de kits, sans décimale.";
  if (quantity < 0) return "La quantité ne peut pas être négative.";
  if (quantity === 0) return "Commandez au moins un kit, ou retirez cette ligne.";
  if (quantity > MAX_QUANTITY)
    return `Au plus ${MAX_QUANTITY.toLocaleString("fr-FR")} kits par ligne : pour davantage, contactez l'équipe du programme.`;
  return null;
}

/**
 * The lines to order, one per kit (a kit asked twice is one line with both quantities), or a
 * Refused naming the first fault, on the field `lines.<index>.quantity` or `lines`.
 */
export function checkLines(lines: readonly OrderLineInput[]): OrderLineInput[] {
  if (lines.length === 0) throw new Refused("Ajoutez au moins un kit à la commande.", "lines");
  if (lines.length > MAX_LINES) throw new Refused(`Une commande compte au plus ${MAX_LINES} lignes.`, "lines");
  const byKit = new Map<number, number>();
  for (const [index, line] of lines.entries()) {
    if (!Number.isSafeInteger(line.kitId) || line.kitId <= 0) throw new Refused("Choisissez un kit du catalogue.", `lines.${index}.kitId`);
    const refusal = quantityRefusal(line.quantity);
    if (refusal) throw new Refused(refusal, `lines.${index}.quantity`);
    byKit.set(line.kitId, (byKit.get(line.kitId) ?? 0) + line.quantity);
  }
  const merged = [...byKit].map(([kitId, quantity]) => ({ kitId, quantity }));
  for (const line of merged) {
    const refusal = quantityRefusal(line.quantity);
    if (refusal) throw new Refused(refusal, "lines");
  }
  return merged;
}
