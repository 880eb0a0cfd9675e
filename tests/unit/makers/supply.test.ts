import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { decisionSchema, kitRequestSchema, makerRegistrationSchema, pauseSchema, supplySchema } from "~/makers/schemas";
import { checkCoverage, coverageChange } from "~/makers/supply";

const known = new Set(["01", "15", "22", "2A", "2B", "35", "971"]);
const code = fc.constantFrom(...known);

describe("the départements a maker declares", () => {
  test.prop([fc.array(code, { minLength: 1, maxLength: 20 })])("known codes come back each once, in order", (chosen) => {
    const checked = checkCoverage(chosen, known);
    expect(checked).toEqual({ ok: true, codes: [...new Set(chosen)].sort() });
  });

  test("none, or one that is not a département, is refused in French", () => {
    expect(checkCoverage([], known)).toEqual({ ok: false, message: "Cochez au moins un département où vous livrez ce kit." });
    expect(checkCoverage(["35", "99", "__proto__"], known)).toEqual({
      ok: false,
      message: "Département inconnu : 99, __proto__. Cochez les départements dans la liste.",
    });
  });

  test.prop([fc.uniqueArray(code), fc.uniqueArray(code)])(
    "the change between two declarations rebuilds the second from the first",
    (before, after) => {
      const { added, removed } = coverageChange(before, after);
      const rebuilt = new Set([...before.filter((c) => !removed.includes(c)), ...added]);
      expect(rebuilt).toEqual(new Set(after));
      expect(added.some((c) => before.includes(c))).toBe(false);
      expect(removed.some((c) => after.includes(c))).toBe(false);
    },
  );
});

describe("the makers' forms", () => {
  test("registration: a valid SIRET and phone are normalised; a wrong kind, commune or SIRET each has its message", () => {
    const valid = {
      siret: "130 025 265 00013",
      name: "Fablab",
      kind: "fablab",
      commune: "2A004",
      contactName: "Ana Costa",
      contactPhone: "+33 4 95 00 00 00",
    };
    expect(makerRegistrationSchema.parse(valid)).toMatchObject({ siret: "13002526500013", contactPhone: "0495000000", commune: "2A004" });
    const parsed = makerRegistrationSchema.safeParse({ ...valid, siret: "13002526500014", kind: "castle", commune: "Ajaccio" });
    expect(parsed.success).toBe(false);
    const messages = Object.fromEntries(parsed.error!.issues.map((issue) => [issue.path.join("."), issue.message]));
    expect(messages).toEqual({
      siret: expect.stringContaining("clé de contrôle"),
      kind: "Choisissez le type de fabricant dans la liste.",
      commune: "Recherchez la commune du fabricant, puis choisissez-la dans la liste.",
    });
  });

  test("kit requests take one or several checked kits, at least one", () => {
    expect(kitRequestSchema.parse({ makerId: "3", kitIds: "7" })).toEqual({ makerId: 3, kitIds: [7] });
    expect(kitRequestSchema.parse({ makerId: "3", kitIds: ["7", "8"] })).toEqual({ makerId: 3, kitIds: [7, 8] });
    expect(kitRequestSchema.safeParse({ makerId: "3" }).error?.issues[0].message).toBe("Cochez au moins un kit à fabriquer.");
    expect(kitRequestSchema.safeParse({ makerId: "3", kitIds: ["7", "1e3"] }).success).toBe(false);
  });

  test.prop([fc.integer({ min: 1, max: 100_000 })])("any whole capacity from 1 to 100 000 a month is accepted", (units) => {
    expect(supplySchema.parse({ makerId: "1", kitId: "2", unitsPerMonth: String(units), departements: "35" })).toEqual({
      makerId: 1,
      kitId: 2,
      unitsPerMonth: units,
      departements: ["35"],
    });
  });

  test.prop([fc.oneof(fc.constantFrom("0", "-1", "2.5", "1e3", "100001", "", " ", "dix"), fc.integer({ min: 100_001 }).map(String))])(
    "zero, negative, fractional, huge or not a number is refused",
    (units) => {
      expect(supplySchema.safeParse({ makerId: "1", kitId: "2", unitsPerMonth: units, departements: "35" }).success).toBe(false);
    },
  );

  test("a refusal needs its reason; an approval does not; pause is true or false only", () => {
    expect(decisionSchema.safeParse({ makerId: "1", kitId: "2", decision: "refused", reason: "non" }).error?.issues[0].path).toEqual(["reason"]);
    expect(decisionSchema.parse({ makerId: "1", kitId: "2", decision: "approved" })).toMatchObject({ decision: "approved", reason: "" });
    expect(decisionSchema.safeParse({ makerId: "1", kitId: "2", decision: "maybe" }).success).toBe(false);
    expect(pauseSchema.parse({ makerId: "1", kitId: "2", paused: "false" }).paused).toBe(false);
    expect(pauseSchema.safeParse({ makerId: "1", kitId: "2", paused: "yes" }).success).toBe(false);
  });
});
