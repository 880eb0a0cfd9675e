// The kinds of maker that may register, in the order the registration form lists them.
import { labelledValues } from "~/ui/labelled-values";

export const { values: makerKinds, labels: makerKindLabels } = labelledValues({
  fablab: "Fablab",
  third_place: "Tiers-lieu",
  company: "Entreprise",
  laureate: "Lauréat du concours (concepteur du kit)",
  other: "Autre fabricant",
});
export type MakerKind = (typeof makerKinds)[number];

// A request to build a kit: requested, then approved or refused once by the admin.
export const { values: makerKitStatuses, labels: makerKitStatusLabels } = labelledValues({
  requested: "En attente de validation",
  approved: "Approuvé",
  refused: "Refusé",
});
export type MakerKitStatus = (typeof makerKitStatuses)[number];
