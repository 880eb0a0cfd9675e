import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { orderingState } from "~/eligibility/period";
import { describeCap, describeRule, evaluateEligibility, type EligibilityRule, type StructureFacts } from "~/eligibility/rules";
import { structureKinds, type StructureKind } from "~/structures/kinds";

const FRR = { id: 1, name: "France Ruralités Revitalisation" };
const QPV = { id: 2, name: "Communes avec un QPV" };

const rule: EligibilityRule = {
  version: 3,
  allowedKinds: structureKinds.filter((kind) => kind !== "care_home" && kind !== "other"),
  territory: "lists",
  lists: [FRR, QPV],
  franceServicesEverywhere: true,
  capCents: 2_000_00,
  capUnits: 10,
};

const library: StructureFacts = { kind: "library", communeCode: "48095", communeName: "Mende", listIds: [FRR.id], verification: "verified" };

describe("a structure's eligibility under one version of the rules", () => {
  test("a verified library in a listed commune is eligible, with no exclusion", () => {
    expect(evaluateEligibility(library, rule)).toEqual({ eligible: true, exclusions: [] });
  });

  test("a kind not retained is excluded in plain French, agreed in gender", () => {
    expect(evaluateEligibility({ ...library, kind: "care_home" }, rule).exclusions).toEqual([
      { rule: "kind", message: "Les EHPAD et résidences autonomie ne sont pas retenus pour cette campagne." },
    ]);
    expect(evaluateEligibility({ ...library, kind: "other" }, rule).exclusions[0].message).toBe(
      "Les autres structures ne sont pas retenues pour cette campagne.",
    );
  });

  test("a commune in none of the lists is excluded, naming the commune and every list", () => {
    const verdict = evaluateEligibility({ ...library, communeCode: "19272", communeName: "Tulle", listIds: [] }, rule);
    expect(verdict.eligible).toBe(false);
    expect(verdict.exclusions).toEqual([
      {
        rule: "territory",
        message:
          "La commune de Tulle (19272) ne figure dans aucune des listes retenues : « France Ruralités Revitalisation » et « Communes avec un QPV ». " +
          "Hors de ces listes, seuls les espaces France Services peuvent commander.",
      },
    ]);
  });

  test("a list the rule does not name does not count", () => {
    expect(evaluateEligibility({ ...library, listIds: [99] }, rule).exclusions.map((e) => e.rule)).toEqual(["territory"]);
  });

  test("France Services sites order anywhere when the rule says so, and only then", () => {
    const site = { ...library, kind: "france_services" as const, listIds: [] };
    expect(evaluateEligibility(site, rule).eligible).toBe(true);
    expect(evaluateEligibility(site, { ...rule, franceServicesEverywhere: false }).exclusions.map((e) => e.rule)).toEqual(["territory"]);
  });

  test("everywhere means every commune, listed or not", () => {
    expect(evaluateEligibility({ ...library, listIds: [] }, { ...rule, territory: "everywhere", lists: [] }).eligible).toBe(true);
  });

  test("a structure not verified is not eligible yet, and is told why", () => {
    expect(evaluateEligibility({ ...library, verification: "pending" }, rule).exclusions).toEqual([
      { rule: "verification", message: "La structure n'est pas encore vérifiée : elle pourra commander une fois sa vérification faite." },
    ]);
    expect(evaluateEligibility({ ...library, verification: "information_requested" }, rule).exclusions[0].message).toContain(
      "attend les informations demandées",
    );
    expect(evaluateEligibility({ ...library, verification: "rejected" }, rule).exclusions[0].message).toContain("a été refusée");
  });

  test("every rule that excludes is listed, not only the first", () => {
    const verdict = evaluateEligibility({ ...library, kind: "care_home", listIds: [], verification: "pending" }, rule);
    expect(verdict.exclusions.map((e) => e.rule)).toEqual(["verification", "kind", "territory"]);
  });

  test("without rules published, nobody is eligible, and the sentence says so", () => {
    expect(evaluateEligibility(library, null)).toEqual({
      eligible: false,
      exclusions: [{ rule: "rules", message: "Les règles d'éligibilité de la campagne ne sont pas encore publiées." }],
    });
  });

  const factsArb = fc.record({
    kind: fc.constantFrom(...structureKinds),
    communeCode: fc.constantFrom("48095", "19272", "75056"),
    communeName: fc.constant("Commune"),
    listIds: fc.uniqueArray(fc.integer({ min: 1, max: 4 }), { maxLength: 4 }),
    verification: fc.constantFrom("pending" as const, "information_requested" as const, "verified" as const, "rejected" as const),
  });
  const ruleArb = fc.record({
    version: fc.integer({ min: 1, max: 50 }),
    allowedKinds: fc.subarray([...structureKinds] as StructureKind[], { minLength: 1 }),
    territory: fc.constantFrom("everywhere" as const, "lists" as const),
    lists: fc.subarray([FRR, QPV, { id: 3, name: "Liste 3" }], { minLength: 1 }),
    franceServicesEverywhere: fc.boolean(),
    capCents: fc.option(fc.integer({ min: 1, max: 1_000_000 }), { nil: null }),
    capUnits: fc.option(fc.integer({ min: 1, max: 1_000 }), { nil: null }),
  });

  test.prop([factsArb, ruleArb])("eligible exactly when no rule excludes, and each exclusion matches a rule the facts break", (facts, r) => {
    const verdict = evaluateEligibility(facts, r);
    expect(verdict.eligible).toBe(verdict.exclusions.length === 0);
    const inLists = r.lists.some((list) => facts.listIds.includes(list.id));
    const expected = [
      ...(facts.verification !== "verified" ? ["verification"] : []),
      ...(!r.allowedKinds.includes(facts.kind) ? ["kind"] : []),
      ...(r.territory === "lists" && !inLists && !(r.franceServicesEverywhere && facts.kind === "france_services") ? ["territory"] : []),
    ];
    expect(verdict.exclusions.map((e) => e.rule)).toEqual(expected);
    expect(verdict.exclusions.every((e) => e.message.endsWith("."))).toBe(true);
  });
});

describe("the rules in plain French", () => {
  test("kinds, territory with the lists' names, France Services, and the cap", () => {
    expect(describeRule({ ...rule, allowedKinds: ["library", "france_services"] })).toEqual([
      "Peuvent commander : les bibliothèques et médiathèques, les espaces France Services.",
      "Dans les communes qui figurent sur l'une des listes suivantes : « France Ruralités Revitalisation » et « Communes avec un QPV ».",
      "Les espaces France Services peuvent commander où qu'ils soient.",
    ]);
    expect(describeRule({ ...rule, territory: "everywhere" })[1]).toBe("Partout en France, outre-mer compris.");
    expect(describeCap(rule)).toMatch(/^Chaque structure commande au plus 2\s000,00\s€ et 10 kits pendant la campagne\.$/);
    expect(describeCap({ capCents: null, capUnits: 1 })).toBe("Chaque structure commande au plus 1 kit pendant la campagne.");
    expect(describeCap({ capCents: null, capUnits: null })).toContain("Pas de plafond par structure");
  });
});

describe("the ordering period", () => {
  const period = { opensAt: new Date("2026-04-01T07:00:00Z"), closesAt: new Date("2026-10-01T16:00:00Z") };
  test("not yet open before, open from the opening included, closed from the closing included", () => {
    expect(orderingState(period, new Date("2026-04-01T06:59:59Z"))).toBe("not_yet_open");
    expect(orderingState(period, period.opensAt)).toBe("open");
    expect(orderingState(period, new Date("2026-10-01T15:59:59Z"))).toBe("open");
    expect(orderingState(period, period.closesAt)).toBe("closed");
  });
});
