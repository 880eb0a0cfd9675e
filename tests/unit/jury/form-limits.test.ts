import { describe, expect, test } from "vitest";
import { COMMENT_MAX, reviewFormSchema, tieFormSchema } from "~/jury/review-schemas";

// A browser cuts at maxLength without a word: the jury's forms state the limit and what was typed.
describe("the juror's forms state their limits", () => {
  test("a comment longer than the limit", () => {
    const parsed = reviewFormSchema([{ id: 1 }]).safeParse({
      intent: "save",
      "score-1": "",
      commentForAdmins: "a".repeat(COMMENT_MAX + 1),
      commentForCandidate: "",
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toContain(
      "Le commentaire pour les gestionnaires ne peut pas dépasser 5\u202f000 caractères (vous en avez saisi 5\u202f001).",
    );
  });

  test.each([
    ["organisation", "Le nom de l'organisation ne peut pas dépasser 200 caractères (vous en avez saisi 250)."],
    ["person", "Le nom de la personne ne peut pas dépasser 200 caractères (vous en avez saisi 250)."],
  ])("a %s tie named with 250 characters", (kind, message) => {
    const parsed = tieFormSchema.safeParse({ kind, label: "Nom ".repeat(62) + "Ab", siret: "" });
    expect(parsed.error?.issues.map((i) => i.message)).toEqual([message]);
  });
});
