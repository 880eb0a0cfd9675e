// Forms and query strings of the admin's jury pages (/admin/concours/:slug/jury…), with the French
// messages a person reads by the field. Shared by the routes and the tests; no server code here.
import { z } from "zod";
import { recordId } from "~/http/params";
import { pageNumber, searchText } from "~/infra/paging";
import { DEFAULT_REVIEWS_PER_ENTRY } from "./assignment-solver";

/** How many jurors review each proposal, as the assignment form offers it first: the solver's default. */
export const DEFAULT_REVIEWS_PER_PROPOSAL = DEFAULT_REVIEWS_PER_ENTRY;

/** A record id in a query string; anything else is no filter. */
const optionalRecordId = recordId.optional().catch(undefined);

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === "string" ? [value] : []);

const id = (message: string) =>
  z.coerce.number({ invalid_type_error: message, required_error: message }).int(message).positive(message).max(Number.MAX_SAFE_INTEGER, message);

const jurorId = id("Choisissez un membre du jury dans la liste.");
const proposalId = id("Indiquez le numéro de la proposition, un nombre entier positif, par exemple 12.");

const reason = (what: string) =>
  z
    .string({ required_error: `Expliquez ${what} (3 caractères au moins).` })
    .trim()
    .min(3, `Expliquez ${what} (3 caractères au moins).`)
    .max(1000, "La raison compte au plus 1 000 caractères.");

// ---- Jurors -------------------------------------------------------------------------------------

const invite = z.object({
  intent: z.literal("invite"),
  email: z
    .string({ required_error: "Indiquez l'adresse électronique de la personne à inviter." })
    .trim()
    .toLowerCase()
    .min(1, "Indiquez l'adresse électronique de la personne à inviter.")
    .max(254, "L'adresse électronique est trop longue.")
    .email("Indiquez une adresse électronique valide, par exemple nom@exemple.fr."),
  name: z
    .string({ required_error: "Indiquez le prénom et le nom de la personne." })
    .trim()
    .min(1, "Indiquez le prénom et le nom de la personne.")
    .max(200, "Le nom compte au plus 200 caractères."),
});

const settings = z.object({
  intent: z.literal("settings"),
  userId: jurorId,
  themes: z.array(z.string().max(120)).max(40).default([]),
  maxLoad: z
    .string()
    .trim()
    .default("")
    .transform((value, ctx) => {
      if (value === "") return null;
      if (!/^\d{1,5}$/.test(value)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: "Le plafond est un nombre entier d'évaluations, par exemple 20, ou vide pour aucun plafond.",
        });
        return z.NEVER;
      }
      return Number(value);
    }),
});

const removeJuror = z.object({ intent: z.literal("remove"), userId: jurorId });

/** Every change of /admin/concours/:slug/jury. */
export const jurorChangeSchema = z.preprocess(
  // Checkboxes: none ticked sends nothing, one sends a string, several send a list.
  (raw) =>
    raw && typeof raw === "object" && (raw as Record<string, unknown>).intent === "settings"
      ? { ...(raw as object), themes: list((raw as Record<string, unknown>).themes) }
      : raw,
  z.discriminatedUnion("intent", [invite, settings, removeJuror], { errorMap: () => ({ message: "Action inconnue." }) }),
);
export type JurorChange = z.output<typeof jurorChangeSchema>;

export const jurorFieldLabels: Record<string, string> = {
  email: "Adresse électronique",
  name: "Prénom et nom",
  themes: "Thèmes préférés",
  maxLoad: "Plafond d'évaluations",
  userId: "Membre du jury",
};

// ---- Conflicts ----------------------------------------------------------------------------------

const detect = z.object({ intent: z.literal("detect") });
const addConflict = z.object({ intent: z.literal("add"), userId: jurorId, proposalId, reason: reason("la raison du conflit") });
const liftConflict = z.object({ intent: z.literal("lift"), userId: jurorId, proposalId, liftReason: reason("pourquoi le conflit est levé") });

/** Every change of /admin/concours/:slug/jury/conflits. */
export const conflictChangeSchema = z.discriminatedUnion("intent", [detect, addConflict, liftConflict], {
  errorMap: () => ({ message: "Action inconnue." }),
});
export type ConflictChange = z.output<typeof conflictChangeSchema>;

export const conflictFieldLabels: Record<string, string> = {
  userId: "Membre du jury",
  proposalId: "Numéro de la proposition",
  reason: "Raison",
  liftReason: "Raison de la levée",
};

export type ConflictSource = "detected" | "admin" | "juror";

/** How the pages name where a conflict comes from (shared with the browser: not in a .server module). */
export const conflictSourceLabels: Record<ConflictSource, string> = {
  detected: "Détecté",
  admin: "Ajouté par un gestionnaire",
  juror: "Déclaré par le membre du jury",
};

export const conflictStatuses = ["actifs", "leves", "tous"] as const;
export type ConflictStatusFilter = (typeof conflictStatuses)[number];

export const conflictFilterSchema = z.object({
  statut: z.enum(conflictStatuses).catch("actifs").default("actifs"),
  membre: optionalRecordId,
  page: pageNumber.default(1),
});
export type ConflictFilter = z.output<typeof conflictFilterSchema>;

// ---- Assignments --------------------------------------------------------------------------------

const run = z.object({
  intent: z.literal("run"),
  reviewsPerProposal: z.coerce
    .number({ invalid_type_error: "Le nombre d'évaluations par proposition est un nombre entier entre 1 et 10." })
    .int("Le nombre d'évaluations par proposition est un nombre entier entre 1 et 10.")
    .min(1, "Le nombre d'évaluations par proposition est un nombre entier entre 1 et 10.")
    .max(10, "Le nombre d'évaluations par proposition est un nombre entier entre 1 et 10.")
    .default(DEFAULT_REVIEWS_PER_PROPOSAL),
  seed: z
    .string()
    .trim()
    .default("")
    .transform((value, ctx) => {
      if (value === "") return undefined;
      if (!/^\d{1,15}$/.test(value)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: "La graine est un nombre entier positif d'au plus 15 chiffres, ou vide pour en tirer une.",
        });
        return z.NEVER;
      }
      return Number(value);
    }),
});
const addAssignment = z.object({ intent: z.literal("add"), userId: jurorId, proposalId });
const removeAssignment = z.object({ intent: z.literal("remove"), userId: jurorId, proposalId });
const remind = z.object({ intent: z.literal("remind") });

/** Every change of /admin/concours/:slug/jury/affectation. */
export const assignmentChangeSchema = z.discriminatedUnion("intent", [run, addAssignment, removeAssignment, remind], {
  errorMap: () => ({ message: "Action inconnue." }),
});
export type AssignmentChange = z.output<typeof assignmentChangeSchema>;

export const assignmentFieldLabels: Record<string, string> = {
  reviewsPerProposal: "Évaluations par proposition",
  seed: "Graine",
  userId: "Membre du jury",
  proposalId: "Numéro de la proposition",
};

export const assignmentQuerySchema = z.object({
  membre: optionalRecordId,
  execution: optionalRecordId,
});

/** /admin/concours/:slug/jury?recherche=…&page=…: a hostile or empty value means no search, the first page. */
export const jurorSearchSchema = z.object({ recherche: searchText, page: pageNumber.default(1) });
