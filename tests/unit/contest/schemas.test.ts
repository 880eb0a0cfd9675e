import { describe, expect, test } from "vitest";
import { contestFormSchema } from "~/contest/schemas";
import { parseForm } from "~/infra/forms";
import { contestForm } from "../../support/fixtures";

describe("contest form", () => {
  test("a complete form gives the calendar in UTC, the lists and the limits in bytes", () => {
    const parsed = parseForm(contestForm(), contestFormSchema);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.data.calendar.submissionsCloseAt.toISOString()).toBe("2026-03-29T10:00:00.000Z");
    expect(parsed.data.themes).toEqual(["Réseaux sociaux", "Achats en ligne"]);
    expect(parsed.data.criteria).toEqual([
      { label: "Pertinence pédagogique", description: "Répond aux besoins.", weight: 60 },
      { label: "Accessibilité", description: "Utilisable par tous.", weight: 40 },
    ]);
    expect(parsed.data.limits.maxPhotoBytes).toBe(15 * 1024 * 1024);
  });

  test("errors come back by field, in French, with the values kept", () => {
    const parsed = parseForm(
      contestForm({ slug: "Kits 2026!", submissionsCloseAt: "2026-03-29T02:30", criterionWeight: ["60", "0"], themes: "" }),
      contestFormSchema,
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.slug).toMatch(/lettres minuscules/);
    expect(parsed.errors.submissionsCloseAt).toMatch(/n'existe pas à Paris/);
    expect(parsed.errors["criteria.1.weight"]).toMatch(/entre 1 et 100/);
    expect(parsed.errors.themes).toMatch(/au moins un thème/);
    expect(parsed.values.slug).toBe("Kits 2026!");
  });

  test("dates out of order are refused on the field that is wrong", () => {
    const parsed = parseForm(contestForm({ reviewOpenAt: "2026-03-20T09:00" }), contestFormSchema);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.reviewOpenAt).toMatch(/avant la clôture des candidatures/);
  });

  test("a form without any criterion is refused", () => {
    const parsed = parseForm(contestForm({ criterionLabel: [""], criterionDescription: [""], criterionWeight: [""] }), contestFormSchema);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.criteria).toMatch(/au moins un critère/);
  });
});
