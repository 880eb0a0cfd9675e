// Proposal statuses and their names in the UI; shared by server code and pages.
import { labelledValues } from "~/ui/labelled-values";
export const { values: proposalStatuses, labels: statusLabels } = labelledValues({
  draft: "Brouillon",
  submitted: "Déposée",
  withdrawn: "Retirée",
  eligible: "Recevable",
  ineligible: "Irrecevable",
  laureate: "Lauréate",
  not_retained: "Non retenue",
});
export type ProposalStatus = (typeof proposalStatuses)[number];
