import { describe, expect, test } from "vitest";
import { formatPhone, normalisePhone, postalCodeRefusal, registrationSchema } from "~/structures/schemas";

const valid = {
  siret: "130 025 265 00013",
  legalName: "Médiathèque des Champs Libres",
  kind: "library",
  commune: "35238",
  address: "10 cours des Alliés",
  postal: "35000",
  contactName: "Claude Martin",
  contactPhone: "02 23 40 66 00",
};

function errorsOf(overrides: Record<string, unknown>) {
  const parsed = registrationSchema.safeParse({ ...valid, ...overrides });
  return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join("."), issue.message]));
}

describe("the registration form", () => {
  test("a complete form gives the SIRET's digits and the phone in one form", () => {
    expect(registrationSchema.parse(valid)).toMatchObject({ siret: "13002526500013", contactPhone: "0223406600", commune: "35238" });
  });

  test("a SIRET with a wrong check key is refused by its field, in French", () => {
    expect(errorsOf({ siret: "130 025 265 00014" }).siret).toMatch(/clé de contrôle/);
  });

  test("a La Poste establishment passes on the sum of its digits", () => {
    expect(registrationSchema.parse({ ...valid, siret: "356 000 000 00001" }).siret).toBe("35600000000001");
    expect(errorsOf({ siret: "35600000000002" }).siret).toMatch(/clé de contrôle/);
  });

  test("missing fields each say what to give, never zod's English", () => {
    const errors = errorsOf({ siret: undefined, legalName: undefined, kind: "castle", commune: undefined, postal: "350", contactPhone: "" });
    expect(errors).toEqual({
      siret: "Indiquez le SIRET de la structure.",
      legalName: expect.stringMatching(/^Indiquez la raison sociale/),
      kind: "Choisissez le type de structure dans la liste.",
      commune: expect.stringMatching(/^Recherchez la commune/),
      postal: "Le code postal compte 5 chiffres, par exemple 35000.",
      contactPhone: "Indiquez le téléphone de la personne à contacter.",
    });
  });

  test("Corsican INSEE codes are communes; anything else is not", () => {
    expect(errorsOf({ commune: "2A004" }).commune).toBeUndefined();
    for (const bad of ["3523", "2C004", "35238 ", "__proto__"]) expect(errorsOf({ commune: bad }).commune, bad).toBeDefined();
  });

  test("a legal name beyond 200 characters says the limit and what was typed", () => {
    expect(errorsOf({ legalName: "a".repeat(250) }).legalName).toMatch(/200 caractères \(vous en avez saisi 250\)/);
  });
});

describe("phone numbers", () => {
  test.each([
    ["01 23 45 67 89", "0123456789"],
    ["01.23.45.67.89", "0123456789"],
    ["01-23-45-67-89", "0123456789"],
    ["+33 1 23 45 67 89", "0123456789"],
    ["+33 (0)1 23 45 67 89", "0123456789"],
    ["0033 1 23 45 67 89", "0123456789"],
    ["0262 12 34 56", "0262123456"],
    ["02 62 12 34 56", "0262123456"],
    ["+32 2 123 45 67", "+3221234567"],
    ["0032 2 123 45 67", "+3221234567"],
    ["01 23 45 67", null],
    ["+33 1 23 45 67", null],
    ["téléphone", null],
    ["", null],
  ])("%s → %s", (typed, normalised) => {
    expect(normalisePhone(typed)).toBe(normalised);
  });

  test("a French number is shown in pairs", () => {
    expect(formatPhone("0123456789")).toBe("01 23 45 67 89");
    expect(formatPhone("+3221234567")).toBe("+3221234567");
  });

  test("every normalised number fits the database's rule", () => {
    for (const typed of ["01 23 45 67 89", "+32 2 123 45 67", "+1 202 555 0100"]) expect(normalisePhone(typed)).toMatch(/^\+?[0-9]{8,15}$/);
  });
});

describe("the delivery postal code", () => {
  const rennes = { name: "Rennes", postalCodes: ["35000", "35200", "35700"] };
  const vitre = { name: "Vitré", postalCodes: ["35500"] };

  test("is one of the commune's", () => {
    expect(postalCodeRefusal("35200", rennes)).toBeNull();
    expect(postalCodeRefusal("35500", vitre)).toBeNull();
  });

  test("when it is not, the message gives the commune's codes", () => {
    expect(postalCodeRefusal("35500", rennes)).toBe("Ce code postal n'est pas l'un de ceux de Rennes : 35000, 35200, 35700.");
    expect(postalCodeRefusal("35000", vitre)).toBe("Le code postal de Vitré est 35500.");
  });
});
