import { orderStatusLabels, type OrderStatus } from "../orders-lifecycle";

const badgeClasses: Partial<Record<OrderStatus, string>> = {
  submitted: "fr-badge--new",
  approved: "fr-badge--success",
  rejected: "fr-badge--error",
  cancelled: "fr-badge--warning",
  delivered: "fr-badge--success",
  closed: "fr-badge--info",
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return <span className={`fr-badge fr-badge--sm ${badgeClasses[status] ?? "fr-badge--info"}`}>{orderStatusLabels[status]}</span>;
}
