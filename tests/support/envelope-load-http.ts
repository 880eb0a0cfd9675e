// The envelope's load workload sent through HTTP (envelope-load.ts): how the order form is posted,
// how its answers are read, and what the run must leave — the same whether one web process or
// several take the orders.
import type postgres from "postgres";
import { expect } from "vitest";
import { ORDERS, REPLAYS, expectEachDepartementFilled, figures, heldFigures, type LoadRequest, type Outcome } from "./envelope-load";
import type { OrdersWorld } from "./orders-world";

/** A sending the portal did not accept: its status, and which refusal the form shows, if one the run expects. */
export class Unaccepted extends Error {
  constructor(
    readonly status: number,
    readonly refusal: { kind: "envelope"; departement: string } | { kind: "allowance" } | null,
    body: string,
  ) {
    super(`${status} ${body.slice(0, 300)}`);
  }
}

// The messages of EnvelopeExhausted and AllowanceExhausted, as the form's error summary shows them.
const envelopeRefusal = /<p>L(?:'|&#x27;)enveloppe du département (\w+) ne permet plus cette commande/;
const allowanceRefusal = /<p>Cette commande dépasserait ce que votre structure peut commander pendant la campagne/;

/** Which of the refusals the run expects the form's error summary shows, if any: both are answered 409. */
function refusalShown(status: number, body: string): Unaccepted["refusal"] {
  if (status !== 409) return null;
  const envelope = envelopeRefusal.exec(body);
  if (envelope) return { kind: "envelope", departement: envelope[1] };
  return allowanceRefusal.test(body) ? { kind: "allowance" } : null;
}

/**
 * The order form as the page sends it, to the web process at `url` with `headers` (the member's
 * Cookie, the page's Origin, what a proxy adds); the order's id from the redirect, or Unaccepted.
 */
export async function sendOrderForm(url: string, headers: Record<string, string>, request: LoadRequest): Promise<{ id: number }> {
  const response = await fetch(`${url}/structure/commandes`, {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams([
      ["structureId", String(request.structure.id)],
      ["idempotencyKey", request.key],
      ...request.lines.flatMap(({ kitId, quantity }) => [
        ["kitId", String(kitId)],
        ["quantity", String(quantity)],
      ]),
    ]),
    headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
  });
  const body = await response.text();
  const accepted = /^\/structure\/commandes\/(\d+)\?fait=envoyee$/.exec(response.headers.get("Location") ?? "");
  if (response.status === 302 && accepted) return { id: Number(accepted[1]) };
  throw new Unaccepted(response.status, refusalShown(response.status, body), body);
}

const forWantOfFunds = (error: unknown) => error instanceof Unaccepted && error.refusal?.kind === "envelope";

const refusedAsExpected = (request: LoadRequest, error: unknown) =>
  error instanceof Unaccepted &&
  (error.refusal?.kind === "allowance" || (error.refusal?.kind === "envelope" && error.refusal.departement === request.structure.departement));

/**
 * What the run must leave: no 5xx, every sending an order or refused for want of funds in its own
 * département or under its structure's cap, not a cent over any cap, counters equal to the ledger,
 * one order per key, every replay answered with its original's order, each département filled to
 * within one order of its cap.
 */
export async function expectTheEnvelopeHeld(sql: postgres.Sql, world: OrdersWorld, outcomes: Outcome[]) {
  expect(outcomes.length).toBe(ORDERS + REPLAYS);
  expect(outcomes.filter(({ error }) => error instanceof Unaccepted && error.status >= 500).map(({ error }) => String(error))).toEqual([]);
  const unexpected = outcomes.filter(({ request, error }) => error && !refusedAsExpected(request, error));
  expect(unexpected.map(({ error }) => String(error))).toEqual([]);

  expect(await figures(sql, world.campaign.id, outcomes)).toEqual(heldFigures);

  // Each key's sendings were answered alike: the same order for all, or refused every time.
  const byKey = new Map<string, Outcome[]>();
  for (const outcome of outcomes) byKey.set(outcome.request.key, [...(byKey.get(outcome.request.key) ?? []), outcome]);
  const replayed = [...byKey.values()].filter((sendings) => sendings.length > 1);
  expect(replayed.length).toBeGreaterThan(0);
  const answeredApart = replayed.filter((sendings) => new Set(sendings.map(({ order }) => order?.id ?? "refused")).size > 1);
  expect(answeredApart.map((sendings) => sendings.map(({ order, error }) => order?.id ?? String(error)))).toEqual([]);
  expect(replayed.some((sendings) => sendings[0].order)).toBe(true); // some replays were of accepted orders

  await expectEachDepartementFilled(sql, world, outcomes, forWantOfFunds);
  expect(outcomes.some(({ error }) => error instanceof Unaccepted && error.refusal?.kind === "allowance")).toBe(true);
}
