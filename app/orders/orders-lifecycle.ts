// An order's life cycle as one table: for each step, the states it may leave from, the state it
// leads to, and what it does to the money. Pure, so every transition from every state is tested
// alone, and each domain function (submit, approve, reject, cancel, close) asks this table before
// writing. From routing to delivery the order's status follows from its fulfilments, one per maker
// (fulfilment-lifecycle.ts), whose own steps live in their own table.
import { Conflict } from "~/infra/domain-errors";
import { labelledValues } from "~/ui/labelled-values";

export const { values: orderStatuses, labels: orderStatusLabels } = labelledValues({
  cart: "Panier",
  submitted: "Envoyée",
  approved: "Approuvée",
  rejected: "Refusée par l'instruction",
  routed: "Attribuée à un fabricant",
  accepted: "Acceptée par le fabricant",
  refused_by_maker: "Refusée par le fabricant",
  in_production: "En fabrication",
  shipped: "Expédiée",
  delivered: "Livrée",
  closed: "Close",
  cancelled: "Annulée",
});
export type OrderStatus = (typeof orderStatuses)[number];

/** Where the order's money stands on its département's allocation in each state. */
export type FundsState = "none" | "reserved" | "committed" | "spent";

export function fundsHeld(status: OrderStatus): FundsState {
  switch (status) {
    case "submitted":
      return "reserved";
    case "approved":
    case "routed":
    case "accepted":
    case "refused_by_maker":
    case "in_production":
    case "shipped":
      return "committed";
    case "delivered":
    case "closed":
      return "spent";
    default:
      return "none";
  }
}

/** A step of a life cycle table: the states it may leave from, the state it leads to, why not. */
export type Step<S extends string> = { from: readonly S[]; to: S; refusal: string };

/** The state `step` of `steps` leads to from `status`, or a Conflict with the French reason it cannot. */
export function nextIn<S extends string>(steps: Record<string, Step<S>>, status: S, step: string): S {
  const { from, to, refusal } = steps[step]!;
  if (!from.includes(status)) throw new Conflict(refusal);
  return to;
}

// Cancelling is allowed until a maker starts building (fulfilment-lifecycle.ts says it of the
// shares): a kit in production is the maker's work already done. An order a maker refused waits to
// be routed again, and may be cancelled meanwhile.
export const orderSteps = {
  submit: { from: ["cart"], to: "submitted", refusal: "Cette commande a déjà été envoyée." },
  approve: { from: ["submitted"], to: "approved", refusal: "Seule une commande envoyée, pas encore instruite, peut être approuvée." },
  reject: { from: ["submitted"], to: "rejected", refusal: "Seule une commande envoyée, pas encore instruite, peut être refusée." },
  close: { from: ["delivered"], to: "closed", refusal: "Seule une commande livrée peut être close." },
  cancel: {
    from: ["cart", "submitted", "approved", "routed", "refused_by_maker", "accepted"],
    to: "cancelled",
    refusal: "Cette commande ne peut plus être annulée : sa fabrication a commencé, ou elle est close.",
  },
} as const satisfies Record<string, Step<OrderStatus>>;
export type OrderStep = keyof typeof orderSteps;

/** The state the step leads to from `status`, or a Conflict with the French reason it cannot. */
export function nextStatus(status: OrderStatus, step: OrderStep): OrderStatus {
  return nextIn<OrderStatus>(orderSteps, status, step);
}
