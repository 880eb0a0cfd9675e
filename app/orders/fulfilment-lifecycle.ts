// After approval an order is split by routing into fulfilments, one per maker, each with its own
// life cycle as one table (like the order's, orders-lifecycle.ts); the order's status then follows
// from its fulfilments, by orderStatusFrom. Pure, so every step from every state is tested alone.
import { labelledValues } from "~/ui/labelled-values";
import { nextIn, type OrderStatus, type Step } from "./orders-lifecycle";

export const { values: fulfilmentStatuses, labels: fulfilmentStatusLabels } = labelledValues({
  routed: "À accepter",
  accepted: "Acceptée",
  refused: "Refusée",
  in_production: "En fabrication",
  shipped: "Expédiée",
  delivered: "Livrée",
  cancelled: "Annulée",
});
export type FulfilmentStatus = (typeof fulfilmentStatuses)[number];

export const fulfilmentSteps = {
  accept: { from: ["routed"], to: "accepted", refusal: "Seule une commande qui vous est attribuée, pas encore acceptée, peut être acceptée." },
  refuse: { from: ["routed"], to: "refused", refusal: "Seule une commande qui vous est attribuée, pas encore acceptée, peut être refusée." },
  start_production: { from: ["accepted"], to: "in_production", refusal: "Seule une commande acceptée peut passer en fabrication." },
  // Several shipments: a share stays "shipped" until the structure has received all of them.
  ship: { from: ["in_production", "shipped"], to: "shipped", refusal: "Seule une commande en fabrication peut être expédiée." },
  deliver: { from: ["shipped"], to: "delivered", refusal: "Seule une commande expédiée peut être réceptionnée." },
  // The order is cancelled (before production), or the admin takes the share back from a maker
  // who disappeared, to route it again.
  cancel: {
    from: ["routed", "accepted"],
    to: "cancelled",
    refusal: "Cette part de la commande ne peut plus être annulée : sa fabrication a commencé.",
  },
} as const satisfies Record<string, Step<FulfilmentStatus>>;
export type FulfilmentStep = keyof typeof fulfilmentSteps;

/** The state the step leads to from `status`, or a Conflict with the French reason it cannot. */
export function nextFulfilmentStatus(status: FulfilmentStatus, step: FulfilmentStep): FulfilmentStatus {
  return nextIn<FulfilmentStatus>(fulfilmentSteps, status, step);
}

// From least to most advanced: an order is as far as its least advanced live share.
const progress: readonly FulfilmentStatus[] = ["routed", "accepted", "in_production", "shipped", "delivered"];
const orderStatusOfShare: Record<string, OrderStatus> = {
  routed: "routed",
  accepted: "accepted",
  in_production: "in_production",
  shipped: "shipped",
  delivered: "delivered",
};

/**
 * The status of an approved order from its fulfilments and the units not in any live share:
 * units left to route make it "approved" (or "refused_by_maker" when a maker gave them back);
 * otherwise it is as far as its least advanced live share.
 */
export function orderStatusFrom(order: { unroutedUnits: number; fulfilments: readonly FulfilmentStatus[] }): OrderStatus {
  const live = order.fulfilments.filter((status) => status !== "refused" && status !== "cancelled");
  if (order.unroutedUnits > 0 || live.length === 0) return order.fulfilments.includes("refused") ? "refused_by_maker" : "approved";
  const least = Math.min(...live.map((status) => progress.indexOf(status)));
  return orderStatusOfShare[progress[least]!]!;
}

/** Whether the order may still be cancelled: no maker has started building any share of it. */
export function cancellable(fulfilments: readonly FulfilmentStatus[]): boolean {
  return fulfilments.every((status) => status === "routed" || status === "accepted" || status === "refused" || status === "cancelled");
}
