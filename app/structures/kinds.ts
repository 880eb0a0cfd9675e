// The kinds of local structure that may register, in the order the registration form lists them.
import { labelledValues } from "~/ui/labelled-values";

export const { values: structureKinds, labels: structureKindLabels } = labelledValues({
  library: "Bibliothèque ou médiathèque",
  town_hall: "Mairie",
  social_action_centre: "CCAS ou CIAS",
  care_home: "EHPAD ou résidence autonomie",
  association: "Association",
  social_centre: "Centre social",
  third_place: "Tiers-lieu",
  france_services: "France Services",
  other: "Autre structure",
});
export type StructureKind = (typeof structureKinds)[number];
