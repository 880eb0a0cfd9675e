// The envelope under load through HTTP: the workload of load.test.ts (5,000 orders and 500 replays
// over four départements whose caps are far smaller than the demand) sent by 100 concurrent clients
// to the built portal's order form, each structure's member signed in. No 5xx, not a cent over any
// cap, counters equal to the ledger, one order per key, every replay answered with its original's
// order, each département filled to within one order of its cap.
import { beforeAll, describe, expect, test } from "vitest";
import {
  ORDERS,
  REPLAYS,
  expectEachDepartementFilled,
  figures,
  loadStructures,
  preparedCampaign,
  run,
  workload,
  type LoadRequest,
  type LoadStructure,
  type Outcome,
} from "../../support/envelope-load";
import { sessionCookie } from "../../support/fixtures";
import { ordersWorld, type OrdersWorld } from "../../support/orders-world";
import { portalForThisFile } from "../../support/portal";

const portal = portalForThisFile();
let world: OrdersWorld;
let structures: LoadStructure[];
const cookies = new Map<number, string>();

beforeAll(async () => {
  const { sql } = portal;
  world = await ordersWorld(sql, { capCents: 2_000_00, capUnits: null });
  await preparedCampaign(sql, world, world.campaign);
  structures = await loadStructures(sql);
  for (const { memberId } of structures) cookies.set(memberId, await sessionCookie(sql, memberId));
}, 120_000);

/** A sending the portal did not accept: its status, and which refusal the form shows, if one the run expects. */
class Unaccepted extends Error {
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

/** The order form as the page sends it; the order's id from the redirect, or Unaccepted. */
async function send(request: LoadRequest): Promise<{ id: number }> {
  const response = await fetch(`${portal.server.url}/structure/commandes`, {
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
    headers: { Origin: portal.server.url, "Content-Type": "application/x-www-form-urlencoded", Cookie: cookies.get(request.structure.memberId)! },
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

describe("the envelope under load, through HTTP", () => {
  test(
    "5,000 orders from 100 HTTP clients: no 5xx, no overspend, one order per key, replays answered with their order",
    { timeout: 1_800_000 },
    async () => {
      const outcomes = await run(workload(world, structures), send);
      expect(outcomes.length).toBe(ORDERS + REPLAYS);
      expect(outcomes.filter(({ error }) => error instanceof Unaccepted && error.status >= 500).map(({ error }) => String(error))).toEqual([]);
      // Every sending is an order, or refused for want of funds in its own département or under its structure's cap.
      const unexpected = outcomes.filter(({ request, error }) => error && !refusedAsExpected(request, error));
      expect(unexpected.map(({ error }) => String(error))).toEqual([]);

      expect(await figures(portal.sql, world.campaign.id, outcomes)).toEqual({
        overspentCents: { "13": 0, "35": 0, "48": 0, "69": 0 },
        countersMatchOrders: true,
        ledgerDifferences: 0,
        duplicateOrders: 0,
        structuresOverCap: 0,
      });

      // Each key's sendings were answered alike: the same order for all, or refused every time.
      const byKey = new Map<string, Outcome[]>();
      for (const outcome of outcomes) byKey.set(outcome.request.key, [...(byKey.get(outcome.request.key) ?? []), outcome]);
      const replayed = [...byKey.values()].filter((sendings) => sendings.length > 1);
      expect(replayed.length).toBeGreaterThan(0);
      const answeredApart = replayed.filter((sendings) => new Set(sendings.map(({ order }) => order?.id ?? "refused")).size > 1);
      expect(answeredApart.map((sendings) => sendings.map(({ order, error }) => order?.id ?? String(error)))).toEqual([]);
      expect(replayed.some((sendings) => sendings[0].order)).toBe(true); // some replays were of accepted orders

      await expectEachDepartementFilled(portal.sql, world, outcomes, forWantOfFunds);
      expect(outcomes.some(({ error }) => error instanceof Unaccepted && error.refusal?.kind === "allowance")).toBe(true);
    },
  );
});
