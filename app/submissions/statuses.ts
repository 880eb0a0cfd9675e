// Proposal statuses and their names in the UI; shared by server code and pages.
export const proposalStatuses = ["draft", "submitted", "withdrawn", "eligible", "ineligible", "laureate", "not_retained"] as const;
export type ProposalStatus = (typeof proposalStatuses)[number];

export const statusLabels: Record<ProposalStatus, string> = {
  draft: "Brouillon",
  submitted: "Déposée",
  withdrawn: "Retirée",
  eligible: "Recevable",
  ineligible: "Irrecevable",
  laureate: "Lauréate",
  not_retained: "Non retenue",
};
