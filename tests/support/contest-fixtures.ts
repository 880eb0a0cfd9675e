import { contestFormSchema, type ContestInput } from "~/contest/schemas";

/** A valid contest form as an admin would submit it, with overridable fields. */
export function contestForm(overrides: Record<string, string | string[]> = {}): FormData {
  const fields: Record<string, string | string[]> = {
    title: "Concours kits d'inclusion numérique 2026",
    slug: "kits-2026",
    rules: "1. Les kits sont prêts à l'emploi.\n2. Les plans sont publiés sous licence ouverte.",
    submissionsOpenAt: "2026-03-01T09:00",
    submissionsCloseAt: "2026-03-29T12:00",
    reviewOpenAt: "2026-04-01T09:00",
    reviewCloseAt: "2026-05-01T18:00",
    resultsAt: "2026-05-15T10:00",
    themes: "Réseaux sociaux\nAchats en ligne",
    audiences: "Personnes âgées\nJeunes",
    criterionLabel: ["Pertinence pédagogique", "Accessibilité"],
    criterionDescription: ["Répond aux besoins.", "Utilisable par tous."],
    criterionWeight: ["60", "40"],
    maxPhotos: "10",
    maxPhotoMegabytes: "15",
    maxPhotoMegapixels: "40",
    maxDocuments: "5",
    maxDocumentMegabytes: "25",
    ...overrides,
  };
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
  }
  return form;
}

export function contestInput(overrides: Record<string, string | string[]> = {}): ContestInput {
  const form = contestForm(overrides);
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key) as string[];
    raw[key] = all.length > 1 || key.startsWith("criterion") ? all : all[0];
  }
  return contestFormSchema.parse(raw);
}
