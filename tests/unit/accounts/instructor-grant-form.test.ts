import { describe, expect, test } from "vitest";
import { userChangeSchema } from "~/accounts/admin-schemas";
import { parseForm } from "~/infra/forms";

function grant(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries({ intent: "grant", role: "instructor", scopeKind: "departement", ...fields })) data.append(key, value);
  return parseForm(data, userChangeSchema);
}

describe("granting the instructor role in the admin's form", () => {
  test("a département code becomes the scope 'departement:<code>', Corsica in capitals", () => {
    for (const [typed, scope] of [
      ["35", "departement:35"],
      [" 2a ", "departement:2A"],
      ["2B", "departement:2B"],
      ["974", "departement:974"],
    ]) {
      expect(grant({ scopeId: typed })).toEqual({ ok: true, data: { intent: "grant", role: "instructor", scope } });
    }
  });

  test("an instructor is never national nor scoped to another kind of object, and the message says so", () => {
    for (const scopeKind of ["national", "contest", "structure"]) {
      expect(grant({ scopeKind, scopeId: "35" })).toMatchObject({
        ok: false,
        errors: { scopeKind: "Le rôle « Instructeur départemental » porte sur un département." },
      });
    }
  });

  test("what is not shaped like a département code is refused by the field, what was typed kept", () => {
    for (const scopeId of ["", "35; drop table memberships", "3", "2C", "9741", "035", "\u0000", "__proto__"]) {
      const result = grant({ scopeId });
      expect(result.ok, scopeId).toBe(false);
      if (result.ok) continue;
      expect(result.errors.scopeId).toBe("Indiquez le code du département, par exemple 35, 2A ou 974.");
      expect(result.values.scopeId).toBe(scopeId);
    }
  });

  test("an overlong code is refused in French, not in the library's English", () => {
    expect(grant({ scopeId: "9".repeat(31) })).toMatchObject({
      ok: false,
      errors: { scopeId: "Le numéro ou le code de la portée tient en 30 caractères au plus." },
    });
  });

  test("a département scope is only for instructors", () => {
    expect(grant({ role: "structure", scopeId: "35" })).toMatchObject({
      ok: false,
      errors: { scopeKind: "Le rôle « Structure de proximité » est national ou porte sur une structure." },
    });
  });
});
