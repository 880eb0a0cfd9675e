import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { EligibilityNotice } from "~/eligibility/eligibility-notice";
import { evaluateEligibility, type EligibilityRule, type PublishedList } from "~/eligibility/rules";

const frr: PublishedList = { id: 1, name: "France Ruralités Revitalisation", source: "Échantillon", validFrom: "2025-07-01", isSample: true };
const rule: Omit<EligibilityRule, "lists"> & { lists: PublishedList[] } = {
  version: 2,
  allowedKinds: ["library", "france_services"],
  territory: "lists",
  lists: [frr],
  franceServicesEverywhere: true,
  capCents: 2_000_00,
  capUnits: null,
};
const library = { kind: "library" as const, communeCode: "03002", communeName: "Agonges", listIds: [1], verification: "verified" as const };
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replaceAll("&#x27;", "'")
    .replace(/\s+/g, " ");

describe("what a structure's page says about its eligibility", () => {
  test("eligible: said so, with the rules it orders under and the cap", () => {
    const html = renderToStaticMarkup(<EligibilityNotice verdict={evaluateEligibility(library, rule)} rule={rule} />);
    expect(html).toContain("Votre structure est éligible");
    expect(text(html)).toMatch(/au plus 2\s000,00\s€/);
    expect(html).toContain("Données d&#x27;exemple");
  });

  test("not eligible: every rule that excludes it, in plain French", () => {
    const verdict = evaluateEligibility({ ...library, kind: "care_home", communeName: "Tulle", communeCode: "19272", listIds: [] }, rule);
    const html = text(renderToStaticMarkup(<EligibilityNotice verdict={verdict} rule={rule} />));
    expect(html).toContain("Votre structure n'est pas éligible");
    expect(html).toContain("Les EHPAD et résidences autonomie ne sont pas retenus pour cette campagne.");
    expect(html).toContain("La commune de Tulle (19272) ne figure dans aucune des listes retenues");
  });

  test("only waiting for verification: not eligible yet", () => {
    const verdict = evaluateEligibility({ ...library, verification: "pending" }, rule);
    const html = text(renderToStaticMarkup(<EligibilityNotice verdict={verdict} rule={rule} />));
    expect(html).toContain("Votre structure n'est pas encore éligible");
    expect(html).toContain("n'est pas encore vérifiée");
  });
});
