import { z } from "zod";
import { boundedText, tooLongMessage } from "~/infra/text-limit";
import { luhnValid, normaliseSiret, checkSiret } from "~/organisations/siret";
import { isOrganisationDomain, normaliseDomain, normalisePersonName } from "./identity-match";

// The juror's forms (review grid, declared ties), shared by the pages and the server: French
// messages by field. The domain functions check the same rules again (scoreProblems), whatever sent them.

export const SCORE_MIN = 0;
export const SCORE_MAX = 5;
export const scoreValues = [0, 1, 2, 3, 4, 5] as const;

/** What each score means, shown above the grid. */
export const scoreScale: Record<number, string> = {
  0: "absent ou hors sujet",
  1: "très insuffisant",
  2: "insuffisant",
  3: "correct",
  4: "bon",
  5: "excellent",
};

export const reviewIntents = ["save", "submit"] as const;
export type ReviewIntent = (typeof reviewIntents)[number];

export const reviewStatusLabels = {
  not_started: "À évaluer",
  in_progress: "En cours",
  submitted: "Soumise",
} as const;
export type ReviewState = keyof typeof reviewStatusLabels;

export const COMMENT_MAX = 5000;

/** The form field of a criterion's score; its errors are keyed the same way. */
export const scoreField = (criterionId: number | string) => `score-${criterionId}`;
const scoreFieldPattern = /^score-(.*)$/;

/** Criterion id → score (0–5). Keys are the criteria's ids as text, as stored in reviews.scores. */
export type Scores = Record<string, number>;

export type ReviewInput = {
  intent: ReviewIntent;
  scores: Scores;
  commentForAdmins: string;
  commentForCandidate: string;
};

const badScore = `La note est un nombre entier de ${SCORE_MIN} à ${SCORE_MAX}.`;
export const missingScore = `Notez ce critère (de ${SCORE_MIN} à ${SCORE_MAX}) avant de soumettre.`;
export const unknownCriterion = "La grille envoyée note un critère qui n'existe pas dans ce concours : rechargez la page puis recommencez.";

/**
 * What is wrong with a set of scores against a contest's criteria, by field (`score-<id>`, or
 * `_form` for an unknown criterion): integers from 0 to 5, every criterion scored to submit.
 */
export function scoreProblems(
  criteria: readonly { id: number }[],
  scores: Readonly<Record<string, unknown>>,
  intent: ReviewIntent,
): Record<string, string> {
  const problems: Record<string, string> = {};
  const known = new Set(criteria.map((c) => String(c.id)));
  for (const [id, value] of Object.entries(scores)) {
    if (!known.has(id)) {
      problems._form = unknownCriterion;
      continue;
    }
    if (typeof value !== "number" || !Number.isInteger(value) || value < SCORE_MIN || value > SCORE_MAX) problems[scoreField(id)] = badScore;
  }
  if (intent === "submit") {
    for (const criterion of criteria) {
      if (!(String(criterion.id) in scores)) problems[scoreField(criterion.id)] ??= missingScore;
    }
  }
  return problems;
}

const comment = (label: string) =>
  z
    .string()
    .default("")
    // Browsers send CRLF; stored as typed otherwise.
    .transform((text) => text.replace(/\r\n/g, "\n").trim())
    .pipe(boundedText(label, COMMENT_MAX));

/**
 * The review grid as sent by the form: `score-<criterion id>` (empty: not scored yet), the two
 * comments and the button pressed (`intent`: save or submit).
 */
export function reviewFormSchema(criteria: readonly { id: number }[]) {
  return z.record(z.union([z.string(), z.array(z.string())])).transform((raw, ctx): ReviewInput => {
    const intent = raw.intent;
    if (intent !== "save" && intent !== "submit") {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["_form"], message: "Choisissez « Enregistrer » ou « Soumettre »." });
      return z.NEVER;
    }
    const scores: Scores = {};
    const malformed: string[] = [];
    for (const [key, value] of Object.entries(raw)) {
      const match = scoreFieldPattern.exec(key);
      if (!match) continue;
      const text = Array.isArray(value) ? null : value.trim();
      if (text === "") continue;
      if (text === null || !/^\d+$/.test(text)) {
        // Kept aside so an unknown criterion is still reported as such, not as a bad number.
        if (criteria.some((c) => String(c.id) === match[1])) malformed.push(key);
        else scores[match[1]] = Number.NaN;
        continue;
      }
      scores[match[1]] = Number(text);
    }
    const problems = scoreProblems(criteria, scores, intent);
    for (const key of malformed) problems[key] = badScore;
    for (const [path, message] of Object.entries(problems)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    const admins = comment("Le commentaire pour les gestionnaires").safeParse(raw.commentForAdmins);
    const candidate = comment("Le commentaire pour le candidat").safeParse(raw.commentForCandidate);
    if (!admins.success) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["commentForAdmins"], message: admins.error.issues[0].message });
    if (!candidate.success) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["commentForCandidate"], message: candidate.error.issues[0].message });
    if (Object.keys(problems).length > 0 || !admins.success || !candidate.success) return z.NEVER;
    return { intent, scores, commentForAdmins: admins.data, commentForCandidate: candidate.data };
  });
}

export const conflictDeclarationSchema = z.object({
  confirm: z.literal("oui", { errorMap: () => ({ message: "Cochez la case pour confirmer votre déclaration de conflit d'intérêts." }) }),
});

// Ties -------------------------------------------------------------------------------------------

export const tieKinds = ["organisation", "email_domain", "person"] as const;
export type TieKind = (typeof tieKinds)[number];

export const tieKindLabels: Record<TieKind, string> = {
  organisation: "Organisation",
  email_domain: "Domaine de courriel",
  person: "Personne",
};

export const MAX_TIES = 100;

export type TieInput = { kind: TieKind; label: string; siret: string | null };

/** A SIRET (14 digits, checked) or a SIREN (9 digits, Luhn key): a juror may only know the company. */
function siretOrSiren(value: string, ctx: z.RefinementCtx): string | null {
  if (value.trim() === "") return null;
  const digits = normaliseSiret(value);
  if (/^\d{14}$/.test(digits)) {
    const check = checkSiret(digits);
    if (check.ok) return check.siret;
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["siret"], message: check.message });
    return null;
  }
  if (/^\d{9}$/.test(digits)) {
    if (luhnValid(digits)) return digits;
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["siret"],
      message: "Ce SIREN n'est pas valide : sa clé de contrôle ne correspond pas. Vérifiez les chiffres saisis.",
    });
    return null;
  }
  ctx.addIssue({
    code: z.ZodIssueCode.custom,
    path: ["siret"],
    message: "Indiquez un SIRET (14 chiffres, par exemple 130 025 265 00013) ou un SIREN (9 chiffres), ou laissez ce champ vide.",
  });
  return null;
}

/** One declared tie, by kind: an organisation (name, optional SIRET/SIREN), an e-mail domain, a person. */
export const tieFormSchema = z
  .object({
    kind: z.enum(tieKinds, { errorMap: () => ({ message: "Choisissez la nature du lien." }) }),
    label: z.string().default(""),
    siret: z.string().default(""),
  })
  .transform((form, ctx): TieInput => {
    const label = form.label.replace(/\s+/g, " ").trim();
    if (form.kind === "email_domain") {
      const domain = normaliseDomain(label);
      if (label === "" || domain === null) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["label"], message: "Indiquez un domaine de courriel, par exemple fablab-exemple.fr." });
        return z.NEVER;
      }
      if (!isOrganisationDomain(domain)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["label"],
          message: `« ${domain} » ne désigne pas une organisation (messagerie publique ou domaine partagé) : déclarez plutôt les personnes ou les organisations concernées.`,
        });
        return z.NEVER;
      }
      return { kind: form.kind, label: domain.slice(0, 200), siret: null };
    }
    if (form.kind === "person") {
      if (label.length > 200) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["label"], message: tooLongMessage("Le nom de la personne", 200, label.length) });
        return z.NEVER;
      }
      if (label.length < 2 || normalisePersonName(label) === "") {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["label"],
          message: "Indiquez le prénom et le nom de la personne (200 caractères au plus).",
        });
        return z.NEVER;
      }
      return { kind: form.kind, label, siret: null };
    }
    if (label.length < 2 || label.length > 200) {
      const message =
        label.length > 200
          ? tooLongMessage("Le nom de l'organisation", 200, label.length)
          : "Indiquez le nom de l'organisation (entre 2 et 200 caractères).";
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["label"], message });
    }
    const siret = siretOrSiren(form.siret, ctx);
    return { kind: form.kind, label, siret };
  });
