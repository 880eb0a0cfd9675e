// A structure's verification as a state machine: an instructor (or an admin) verifies it, rejects
// it with a reason, or asks a question the structure answers, which puts it back in the queue.
// Verified and rejected are final here. Pure: the domain (verification.server.ts) applies it under
// a row lock, and both screens and tests read it.
import { checkSiret, luhnValid } from "~/organisations/siret";
import { labelledValues } from "~/ui/labelled-values";
import type { StructureStatus } from "./statuses";

/** The statuses as the review queue names them (its members read `structureStatusLabels`). */
export const queueStatusLabels: Record<StructureStatus, string> = {
  pending: "À instruire",
  information_requested: "Informations demandées",
  verified: "Vérifiée",
  rejected: "Refusée",
};

/** What can happen to a structure under review, as its history records it. */
export const { values: reviewActions, labels: reviewActionLabels } = labelledValues({
  verified: "Structure vérifiée",
  rejected: "Structure refusée",
  information_requested: "Informations demandées",
  information_provided: "Réponse de la structure",
});
export type ReviewAction = (typeof reviewActions)[number];

const transitions: Record<ReviewAction, { from: readonly StructureStatus[]; to: StructureStatus }> = {
  verified: { from: ["pending", "information_requested"], to: "verified" },
  rejected: { from: ["pending", "information_requested"], to: "rejected" },
  information_requested: { from: ["pending"], to: "information_requested" },
  information_provided: { from: ["information_requested"], to: "pending" },
};

export type Transition = { ok: true; status: StructureStatus } | { ok: false; message: string };

/** The status `action` leads to from `current`, or why it cannot happen, in French. */
export function transition(current: StructureStatus, action: ReviewAction): Transition {
  const rule = transitions[action];
  if (rule.from.includes(current)) return { ok: true, status: rule.to };
  if (current === "verified") return { ok: false, message: "Cette structure est déjà vérifiée : la décision est définitive." };
  if (current === "rejected") return { ok: false, message: "Cette structure a déjà été refusée : la décision est définitive." };
  if (action === "information_provided") return { ok: false, message: "Aucune question n'attend de réponse de cette structure." };
  return { ok: false, message: "Une question est déjà posée à cette structure : attendez sa réponse, ou décidez sans elle." };
}

/** The decisions open to a reviewer on a structure in this status, in the order the page offers them. */
export function decisionsOpen(current: StructureStatus): ReviewAction[] {
  return (["verified", "information_requested", "rejected"] as const).filter((action) => transition(current, action).ok);
}

/**
 * Where a reviewer's decisions reach: every département (an admin, in the admin space) or the
 * départements of their instructor memberships ('departement:35'), in the instruction space.
 */
export type Reach = "all" | readonly string[];

export function reachOf(memberships: readonly { role: string; scope: string }[], space: "admin" | "instruction"): Reach {
  if (space === "admin") return memberships.some((m) => m.role === "admin" && m.scope === "*") ? "all" : [];
  return memberships.flatMap((m) => (m.role === "instructor" && m.scope.startsWith("departement:") ? [m.scope.slice("departement:".length)] : []));
}

/** How a SIRET passes its check, for the reviewer: its Luhn key, or La Poste's exception (see ~/organisations/siret). */
export const { values: siretVerdicts, labels: siretVerdictLabels } = labelledValues({
  valid_key: "Clé de contrôle valide",
  la_poste_exception: "Valide au titre de l'exception de La Poste (somme des 14 chiffres multiple de 5)",
  invalid: "Clé de contrôle invalide",
});
export type SiretVerdict = (typeof siretVerdicts)[number];

export function siretVerdict(siret: string): SiretVerdict {
  const check = checkSiret(siret);
  if (!check.ok) return "invalid";
  return luhnValid(check.siret) ? "valid_key" : "la_poste_exception";
}
