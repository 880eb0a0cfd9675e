import { describe, expect, test } from "vitest";
import { searchName } from "~/territories/search-name";

describe("searchName", () => {
  test("accents, case, hyphens and apostrophes aside", () => {
    expect(searchName("Saint-Étienne")).toBe("saint etienne");
    expect(searchName("  L'Haÿ-les-Roses ")).toBe("l hay les roses");
    expect(searchName("Œuilly")).toBe("oeuilly");
    expect(searchName("SAINT   ETIENNE")).toBe(searchName("saint-étienne"));
  });

  test("LIKE wildcards and other punctuation are not kept", () => {
    expect(searchName("%_\\")).toBe("");
  });
});
