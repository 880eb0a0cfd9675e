// Where a structure stands in its verification, as its members read it.
import { labelledValues } from "~/ui/labelled-values";

export const { values: structureStatuses, labels: structureStatusLabels } = labelledValues({
  pending: "En attente de vérification",
  information_requested: "Informations demandées",
  verified: "Vérifiée",
  rejected: "Refusée",
});
export type StructureStatus = (typeof structureStatuses)[number];

/** What the status means for the structure's members, and what they may do next. */
export const structureStatusExplanations: Record<StructureStatus, string> = {
  pending:
    "L'inscription est enregistrée. Un instructeur de votre département ou l'équipe du programme va vérifier les informations (SIRET, commune, type de structure) ; vous recevrez un courriel dès qu'une décision est prise.",
  information_requested:
    "L'instructeur a besoin d'informations complémentaires avant de vérifier la structure. Répondez-lui pour que la vérification reprenne.",
  verified: "La structure est vérifiée : elle peut commander des kits, selon les règles d'éligibilité de la campagne en cours.",
  rejected: "L'inscription de la structure a été refusée : elle ne peut pas commander de kits.",
};
