import { describe, expect, test } from "vitest";
import { decisionSchema, MOTIVATION_MAX } from "~/results/decision-schemas";

// A browser cuts at maxLength without a word: the decision form states the limit and what was typed.
describe("the decision form states its limits", () => {
  test("a decision's motivation longer than the limit", () => {
    const parsed = decisionSchema.safeParse({ outcome: "not_retained", motivation: "m".repeat(MOTIVATION_MAX + 1) });
    expect(parsed.error?.issues.map((i) => i.message)).toEqual([
      "La motivation ne peut pas dépasser 5\u202f000 caractères (vous en avez saisi 5\u202f001).",
    ]);
  });
});
