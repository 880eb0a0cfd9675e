// The quantities a structure types, refused in French before anything is read or written.
import { describe, expect, test } from "vitest";
import { Refused } from "~/infra/domain-errors";
import { checkLines, MAX_LINES, MAX_QUANTITY, quantityRefusal } from "~/orders/order-lines";

function refusalOf(work: () => unknown): Refused {
  try {
    work();
  } catch (error) {
    if (error instanceof Refused) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("order quantities", () => {
  test.each([
    [0, "Commandez au moins un kit, ou retirez cette ligne."],
    [-3, "La quantité ne peut pas être négative."],
    [1.5, "La quantité est un nombre entier de kits, sans décimale."],
    [-0.5, "La quantité est un nombre entier de kits, sans décimale."],
    [Number.NaN, "Indiquez une quantité : un nombre entier de kits."],
    [Number.POSITIVE_INFINITY, "Indiquez une quantité : un nombre entier de kits."],
    [MAX_QUANTITY + 1, "Au plus 1\u202f000 kits par ligne : pour davantage, contactez l'équipe du programme."],
    [1e21, "Au plus 1\u202f000 kits par ligne : pour davantage, contactez l'équipe du programme."],
  ])("%s is refused: %s", (quantity, message) => {
    expect(quantityRefusal(quantity)).toBe(message);
    const refusal = refusalOf(() =>
      checkLines([
        { kitId: 1, quantity: 2 },
        { kitId: 2, quantity },
      ]),
    );
    expect(refusal.message).toBe(message);
    expect(refusal.field).toBe("lines.1.quantity");
  });

  test.each([1, 7, MAX_QUANTITY])("%s kits are accepted", (quantity) => {
    expect(quantityRefusal(quantity)).toBeNull();
    expect(checkLines([{ kitId: 4, quantity }])).toEqual([{ kitId: 4, quantity }]);
  });

  test("a kit asked twice is one line, and the sum is held to the same bound", () => {
    expect(
      checkLines([
        { kitId: 4, quantity: 2 },
        { kitId: 5, quantity: 1 },
        { kitId: 4, quantity: 3 },
      ]),
    ).toEqual([
      { kitId: 4, quantity: 5 },
      { kitId: 5, quantity: 1 },
    ]);
    expect(
      refusalOf(() =>
        checkLines([
          { kitId: 4, quantity: MAX_QUANTITY },
          { kitId: 4, quantity: 1 },
        ]),
      ).field,
    ).toBe("lines");
  });

  test("an empty order, too many lines or a kit that cannot be one are refused", () => {
    expect(refusalOf(() => checkLines([])).message).toBe("Ajoutez au moins un kit à la commande.");
    const many = Array.from({ length: MAX_LINES + 1 }, (_, index) => ({ kitId: index + 1, quantity: 1 }));
    expect(refusalOf(() => checkLines(many)).field).toBe("lines");
    for (const kitId of [0, -1, 1.5, Number.MAX_SAFE_INTEGER + 2])
      expect(refusalOf(() => checkLines([{ kitId, quantity: 1 }])).field).toBe("lines.0.kitId");
  });
});
