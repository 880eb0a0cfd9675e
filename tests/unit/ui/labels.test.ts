import { describe, expect, test } from "vitest";
import { pageTitle } from "~/ui/page-title";
import { plural } from "~/ui/plural";

describe("plural", () => {
  test("French puts 0 and 1 in the singular, 2 and more in the plural", () => {
    expect([0, 1, 2, 15].map((n) => plural(n, "proposition"))).toEqual(["0 proposition", "1 proposition", "2 propositions", "15 propositions"]);
  });

  test("irregular plurals are given", () => {
    expect(plural(3, "journal", "journaux")).toBe("3 journaux");
    expect(plural(1, "journal", "journaux")).toBe("1 journal");
  });
});

describe("pageTitle", () => {
  test("from the most specific to the portal, empty parts left out", () => {
    expect(pageTitle("Ma proposition", undefined, "Espace candidat")).toBe("Ma proposition — Espace candidat — Kits d'inclusion numérique");
    expect(pageTitle()).toBe("Kits d'inclusion numérique");
  });
});
