import { describe, expect, test } from "vitest";
import { distinctSlug, isSlug, kitSlug } from "~/catalogue/slug";

describe("a kit's address", () => {
  test("is made of the title's words, accents and punctuation dropped", () => {
    expect(kitSlug("Le coffret « Mes papiers en ligne »", 7)).toBe("le-coffret-mes-papiers-en-ligne");
    expect(kitSlug("Jeu de plateau « Vrai ou faux ? »", 7)).toBe("jeu-de-plateau-vrai-ou-faux");
    expect(kitSlug("Œuvre d'Ève à l'école", 7)).toBe("oeuvre-d-eve-a-l-ecole");
  });

  test("a title giving too little falls back to the proposal's number; a long one is cut without a trailing hyphen", () => {
    expect(kitSlug("« ! »", 42)).toBe("kit-42");
    expect(kitSlug("", 42)).toBe("kit-42");
    const long = kitSlug(`${"mot ".repeat(40)}fin`, 1);
    expect(long.length).toBeLessThanOrEqual(60);
    expect(isSlug(long)).toBe(true);
    expect(isSlug(distinctSlug(long, Number.MAX_SAFE_INTEGER))).toBe(true);
  });

  test("only lowercase words joined by single hyphens are addresses", () => {
    for (const ok of ["abc", "kit-42", "le-coffret"]) expect(isSlug(ok), ok).toBe(true);
    for (const bad of [undefined, "", "ab", "-abc", "abc-", "a--b", "../etc", "__proto__", "Kit", "kit\u0000", "é-t-é", "a".repeat(81)])
      expect(isSlug(bad), String(bad)).toBe(false);
  });
});
