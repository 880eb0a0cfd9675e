// Where a campaign's ordering period stands at an instant: opens_at included, closes_at excluded.
import { labelledValues } from "~/ui/labelled-values";

export const { values: orderingStates, labels: orderingStateLabels } = labelledValues({
  not_yet_open: "Les commandes ne sont pas encore ouvertes",
  open: "Les commandes sont ouvertes",
  closed: "Les commandes sont closes",
});
export type OrderingState = (typeof orderingStates)[number];

export function orderingState(period: { opensAt: Date; closesAt: Date }, now: Date): OrderingState {
  if (now < period.opensAt) return "not_yet_open";
  return now < period.closesAt ? "open" : "closed";
}
