import { z } from "zod";
import { pageNumber } from "~/infra/paging";
import { tooLongMessage } from "~/infra/text-limit";
import { parseEuros } from "~/money/euros";

// The jury's decisions, shared by the decision form and the server: French messages by field.

export const decisionOutcomes = ["laureate", "not_retained"] as const;
export type DecisionOutcome = (typeof decisionOutcomes)[number];

export const outcomeLabels: Record<DecisionOutcome, string> = {
  laureate: "Lauréat",
  not_retained: "Non retenu",
};

/** Which entries of the ranking the deliberation page lists, by their address's word. */
export const rankingFilters = {
  toutes: "all",
  "a-decider": "undecided",
  laureats: "laureate",
  "non-retenues": "not_retained",
  desaccords: "disagreement",
} as const;
export type RankingFilter = (typeof rankingFilters)[keyof typeof rankingFilters];

export const rankingFilterLabels: Record<keyof typeof rankingFilters, string> = {
  toutes: "Toutes",
  "a-decider": "À décider",
  laureats: "Lauréates",
  "non-retenues": "Non retenues",
  desaccords: "En désaccord fort",
};

/** The deliberation's query string; a hand-edited address shows the whole ranking's first page. */
export const rankingQuerySchema = z.object({
  filtre: z
    .enum(Object.keys(rankingFilters) as [keyof typeof rankingFilters])
    .catch("toutes")
    .default("toutes"),
  page: pageNumber.default(1),
});

/** The query string of a page of the ranking ("" for the first page of the whole ranking): where an entry's page sends back. */
export function rankingSearch(query: z.output<typeof rankingQuerySchema>): string {
  const params = new URLSearchParams();
  if (query.filtre !== "toutes") params.set("filtre", query.filtre);
  if (query.page > 1) params.set("page", String(query.page));
  const search = params.toString();
  return search ? `?${search}` : "";
}

export const MOTIVATION_MIN = 10;
export const MOTIVATION_MAX = 5000;
/** A kit's final unit price, at most 100 000 € (the proposal form's own ceiling). */
export const FINAL_PRICE_MAX_CENTS = 100_000_00;
export const FINAL_CAPACITY_MAX = 1_000_000;

export const decisionFieldLabels: Record<string, string> = {
  outcome: "Décision",
  motivation: "Motivation",
  finalUnitPrice: "Prix unitaire final",
  finalMonthlyCapacity: "Capacité de production mensuelle confirmée",
};

// Every field is checked at once (a refused form lists all its problems, not the first one).
export const decisionSchema = z
  .object({
    outcome: z.string().default(""),
    motivation: z.string().trim().default(""),
    finalUnitPrice: z.string().trim().default(""),
    finalMonthlyCapacity: z.string().trim().default(""),
  })
  .transform((form, ctx) => {
    let failed = false;
    const problem = (path: string, message: string) => {
      failed = true;
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    };
    const outcome = (decisionOutcomes as readonly string[]).includes(form.outcome) ? (form.outcome as DecisionOutcome) : null;
    if (!outcome) problem("outcome", "Choisissez « lauréat » ou « non retenu ».");
    if (form.motivation.length < MOTIVATION_MIN) {
      problem("motivation", `Rédigez la motivation que lira le candidat (${MOTIVATION_MIN} caractères au moins).`);
    } else if (form.motivation.length > MOTIVATION_MAX) {
      problem("motivation", tooLongMessage("La motivation", MOTIVATION_MAX, form.motivation.length));
    }
    let finalUnitPriceCents: number | null = null;
    let finalMonthlyCapacity: number | null = null;
    if (outcome === "laureate") {
      if (form.finalUnitPrice === "") {
        problem("finalUnitPrice", "Confirmez le prix unitaire final du kit lauréat, par exemple 189,50.");
      } else {
        const parsed = parseEuros(form.finalUnitPrice, { maxCents: FINAL_PRICE_MAX_CENTS });
        if (!parsed.ok) problem("finalUnitPrice", parsed.message);
        else if (parsed.cents === 0) problem("finalUnitPrice", "Le prix unitaire final doit être supérieur à zéro.");
        else finalUnitPriceCents = parsed.cents;
      }
      const capacity = form.finalMonthlyCapacity.replace(/[\s\u00a0\u202f]/g, "");
      if (capacity === "") {
        problem("finalMonthlyCapacity", "Confirmez la capacité de production mensuelle du kit lauréat (nombre de kits par mois).");
      } else if (!/^\d+$/.test(capacity) || Number(capacity) < 1 || Number(capacity) > FINAL_CAPACITY_MAX) {
        problem(
          "finalMonthlyCapacity",
          `La capacité de production mensuelle est un nombre entier de kits entre 1 et ${FINAL_CAPACITY_MAX.toLocaleString("fr-FR")}.`,
        );
      } else {
        finalMonthlyCapacity = Number(capacity);
      }
    }
    if (failed || !outcome) return z.NEVER;
    return { outcome, motivation: form.motivation, finalUnitPriceCents, finalMonthlyCapacity };
  });

export type DecisionInput = z.output<typeof decisionSchema>;

export const publicationSchema = z.object({
  confirm: z.literal("oui", { errorMap: () => ({ message: "Cochez la case pour confirmer la publication des résultats." }) }),
});
