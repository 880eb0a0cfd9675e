// Every step tried from every state: the table of allowed transitions below is the life cycle of
// issue #10 up to approval and from delivery (routing to delivery follows the fulfilments), written out by hand, and each pair not in it must be refused with a French Conflict.
import { describe, expect, test } from "vitest";
import { Conflict } from "~/infra/domain-errors";
import { fundsHeld, nextStatus, orderStatuses, orderSteps, type OrderStatus, type OrderStep } from "~/orders/orders-lifecycle";

const allowed: Record<OrderStep, Partial<Record<OrderStatus, OrderStatus>>> = {
  submit: { cart: "submitted" },
  approve: { submitted: "approved" },
  reject: { submitted: "rejected" },
  close: { delivered: "closed" },
  cancel: {
    cart: "cancelled",
    submitted: "cancelled",
    approved: "cancelled",
    routed: "cancelled",
    refused_by_maker: "cancelled",
    accepted: "cancelled",
  },
};

const steps = Object.keys(orderSteps) as OrderStep[];
const cases = steps.flatMap((step) => orderStatuses.map((from) => ({ step, from, to: allowed[step][from] })));

describe("an order's life cycle", () => {
  test("the table covers every step of the machine", () => {
    expect(Object.keys(allowed).sort()).toEqual([...steps].sort());
  });

  test.each(cases.filter((c) => c.to !== undefined))("$step leads from $from to $to", ({ step, from, to }) => {
    expect(nextStatus(from, step)).toBe(to);
  });

  test.each(cases.filter((c) => c.to === undefined))("$step is refused from $from", ({ step, from }) => {
    let refusal: unknown;
    try {
      nextStatus(from, step);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(Conflict);
    expect((refusal as Conflict).message).toMatch(/^[A-ZÀ-Ý].* .*\.$/u);
  });

  test("nothing leaves a final state", () => {
    for (const final of ["rejected", "closed", "cancelled"] as const) {
      expect(steps.filter((step) => allowed[step][final] !== undefined)).toEqual([]);
    }
  });

  test("no order can be cancelled once its kits are being built or shipped", () => {
    for (const late of ["in_production", "shipped", "delivered", "closed"] as const) expect(() => nextStatus(late, "cancel")).toThrow(Conflict);
  });

  test("money is reserved once submitted, committed from approval to shipping, spent once delivered", () => {
    expect(orderStatuses.map((status) => [status, fundsHeld(status)])).toEqual([
      ["cart", "none"],
      ["submitted", "reserved"],
      ["approved", "committed"],
      ["rejected", "none"],
      ["routed", "committed"],
      ["accepted", "committed"],
      ["refused_by_maker", "committed"],
      ["in_production", "committed"],
      ["shipped", "committed"],
      ["delivered", "spent"],
      ["closed", "spent"],
      ["cancelled", "none"],
    ]);
  });
});
