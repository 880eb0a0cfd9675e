// A maker's share of an order, step by step from every state, and the order's status as it follows
// from its shares: the tables below are written out by hand from issue #10's life cycle.
import { describe, expect, test } from "vitest";
import { Conflict } from "~/infra/domain-errors";
import {
  cancellable,
  fulfilmentStatuses,
  fulfilmentSteps,
  nextFulfilmentStatus,
  orderStatusFrom,
  type FulfilmentStatus,
  type FulfilmentStep,
} from "~/orders/fulfilment-lifecycle";

const allowed: Record<FulfilmentStep, Partial<Record<FulfilmentStatus, FulfilmentStatus>>> = {
  accept: { routed: "accepted" },
  refuse: { routed: "refused" },
  start_production: { accepted: "in_production" },
  ship: { in_production: "shipped", shipped: "shipped" },
  deliver: { shipped: "delivered" },
  cancel: { routed: "cancelled", accepted: "cancelled" },
};

const steps = Object.keys(fulfilmentSteps) as FulfilmentStep[];
const cases = steps.flatMap((step) => fulfilmentStatuses.map((from) => ({ step, from, to: allowed[step][from] })));

describe("a maker's share of an order", () => {
  test("the table covers every step", () => {
    expect(Object.keys(allowed).sort()).toEqual([...steps].sort());
  });

  test.each(cases.filter((c) => c.to !== undefined))("$step leads from $from to $to", ({ step, from, to }) => {
    expect(nextFulfilmentStatus(from, step)).toBe(to);
  });

  test.each(cases.filter((c) => c.to === undefined))("$step is refused from $from", ({ step, from }) => {
    expect(() => nextFulfilmentStatus(from, step)).toThrow(Conflict);
  });
});

describe("the order's status from its shares", () => {
  test.each([
    { unroutedUnits: 3, fulfilments: [], status: "approved" },
    { unroutedUnits: 1, fulfilments: ["routed"], status: "approved" },
    { unroutedUnits: 2, fulfilments: ["refused", "accepted"], status: "refused_by_maker" },
    { unroutedUnits: 0, fulfilments: ["routed", "accepted"], status: "routed" },
    { unroutedUnits: 0, fulfilments: ["accepted", "refused", "accepted"], status: "accepted" },
    { unroutedUnits: 0, fulfilments: ["in_production", "shipped"], status: "in_production" },
    { unroutedUnits: 0, fulfilments: ["shipped", "delivered"], status: "shipped" },
    { unroutedUnits: 0, fulfilments: ["delivered", "cancelled", "delivered"], status: "delivered" },
  ] as const)("$fulfilments with $unroutedUnits unit(s) left to route: $status", ({ unroutedUnits, fulfilments, status }) => {
    expect(orderStatusFrom({ unroutedUnits, fulfilments })).toBe(status);
  });

  test("an order may be cancelled until a maker starts building one of its shares", () => {
    expect(cancellable(["routed", "accepted", "refused", "cancelled"])).toBe(true);
    for (const late of ["in_production", "shipped", "delivered"] as const) expect(cancellable(["routed", late])).toBe(false);
  });
});
