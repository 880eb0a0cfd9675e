import type { StructureStatus } from "../statuses";
import { queueStatusLabels } from "../verification";

const badgeClasses: Record<StructureStatus, string> = {
  pending: "fr-badge--new",
  information_requested: "fr-badge--info",
  verified: "fr-badge--success",
  rejected: "fr-badge--error",
};

export function StatusBadge({ status }: { status: StructureStatus }) {
  return <span className={`fr-badge fr-badge--sm ${badgeClasses[status]}`}>{queueStatusLabels[status]}</span>;
}
