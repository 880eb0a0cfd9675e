// The envelope's load workload, shared by the test through the domain function and the one through
// HTTP: four départements whose allocations are far smaller than the demand, 5,000 orders and 500
// replays of them sent by 100 concurrent clients, and the figures read back from the database.
import { expect } from "vitest";
import type { Campaign } from "~/envelope/campaigns.server";
import { moveFunds, verifyLedger } from "~/envelope/ledger.server";
import type { Sql } from "~/infra/db.server";
import { newKey, verifiedStructure, type OrdersWorld } from "./orders-world";

export const CLIENTS = 100;
export const ORDERS = 5_000;
export const REPLAYS = ORDERS / 10;
const STRUCTURES_PER_DEPARTEMENT = 30;
// Département → a commune in it, and the cap its allocation is brought down to.
export const DEPARTEMENTS = [
  { code: "35", commune: "35238", capCents: 30_000_00 },
  { code: "48", commune: "48095", capCents: 12_345_67 },
  { code: "13", commune: "13055", capCents: 50_000_00 },
  { code: "69", commune: "69123", capCents: 20_000_00 },
];

export type LoadStructure = { id: number; memberId: number; departement: string };
export type LoadRequest = { structure: LoadStructure; key: string; lines: { kitId: number; quantity: number }[] };
/** What one sending got: the order it was answered with, or what was thrown. */
export type Outcome = { request: LoadRequest; order?: { id: number }; error?: unknown };

/** The structures that order: 30 verified libraries in each département. */
export async function loadStructures(sql: Sql): Promise<LoadStructure[]> {
  const structures: LoadStructure[] = [];
  for (const { code, commune } of DEPARTEMENTS) {
    for (let i = 0; i < STRUCTURES_PER_DEPARTEMENT; i++) structures.push({ ...(await verifiedStructure(sql, commune)), departement: code });
  }
  return structures;
}

// A fixed-seed generator: the same workload on every run, and the same for every way of sending it.
function seeded(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

/** The orders, one or three kits of one kind each, and the replays (the same request, the same key), shuffled. */
export function workload(world: OrdersWorld, structures: LoadStructure[]): LoadRequest[] {
  const random = seeded(20_211_115);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const requests: LoadRequest[] = Array.from({ length: ORDERS }, () => ({
    structure: pick(structures),
    key: newKey(),
    lines: [{ kitId: pick([world.coffret.kitId, world.jeu.kitId]), quantity: 1 + Math.floor(random() * 3) }],
  }));
  const replays = Array.from({ length: REPLAYS }, () => pick(requests));
  const all = [...requests, ...replays];
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all;
}

/** Sends every request from CLIENTS concurrent clients, each taking the next request as soon as it is answered. */
export async function run(requests: LoadRequest[], send: (request: LoadRequest) => Promise<{ id: number }>): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  const client = async () => {
    while (next < requests.length) {
      const request = requests[next++];
      try {
        outcomes.push({ request, order: await send(request) });
      } catch (error) {
        outcomes.push({ request, error });
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return outcomes;
}

/** A campaign with its rules and the four allocations brought down to their test caps. */
export async function preparedCampaign(sql: Sql, world: OrdersWorld, campaign: Campaign) {
  for (const { code, capCents } of DEPARTEMENTS) {
    const [{ cap }] = await sql<{ cap: number }[]>`
      select cap_cents as cap from allocations where campaign_id = ${campaign.id} and departement_code = ${code}`;
    await moveFunds(
      {
        campaignId: campaign.id,
        from: { departementCode: code },
        to: "reserve",
        cents: cap - capCents,
        reason: "Essai de charge",
        actorId: world.adminId,
        now: world.now,
      },
      sql,
    );
  }
}

export function orderCents(world: OrdersWorld, request: LoadRequest) {
  const price = new Map([
    [world.coffret.kitId, world.coffret.unitPriceCents],
    [world.jeu.kitId, world.jeu.unitPriceCents],
  ]);
  return request.lines.reduce((sum, line) => sum + line.quantity * price.get(line.kitId)!, 0);
}

export type Figures = {
  overspentCents: Record<string, number>;
  countersMatchOrders: boolean;
  ledgerDifferences: number;
  duplicateOrders: number;
  structuresOverCap: number;
};

/** The figures of a run that held: not a cent over any cap, counters equal to the orders and the ledger, one order per key. */
export const heldFigures: Figures = {
  overspentCents: { "13": 0, "35": 0, "48": 0, "69": 0 },
  countersMatchOrders: true,
  ledgerDifferences: 0,
  duplicateOrders: 0,
  structuresOverCap: 0,
};

/** What the run left, read from the database: every figure the issue asks to hold. */
export async function figures(sql: Sql, campaignId: number, outcomes: Outcome[]): Promise<Figures> {
  const rows = await sql<{ code: string; capCents: number; reservedCents: number; ordersCents: number }[]>`
    select a.departement_code as code, a.cap_cents, a.reserved_cents,
           coalesce((select sum(o.total_cents) from orders o where o.campaign_id = a.campaign_id and o.departement_code = a.departement_code), 0)::bigint
             as orders_cents
    from allocations a where a.campaign_id = ${campaignId} and a.departement_code = any(${DEPARTEMENTS.map((d) => d.code)})`;
  const idsByKey = new Map<string, Set<number>>();
  for (const { request, order } of outcomes) if (order) idsByKey.set(request.key, (idsByKey.get(request.key) ?? new Set()).add(order.id));
  const [{ orders }] = await sql<{ orders: number }[]>`select count(*)::int as orders from orders where campaign_id = ${campaignId}`;
  const [{ over }] = await sql<{ over: number }[]>`
    select count(*)::int as over from structure_campaign_usage u
    where u.campaign_id = ${campaignId} and (u.used_cents > u.cap_cents or u.used_cents <> (
      select coalesce(sum(o.total_cents), 0) from orders o where o.structure_id = u.structure_id and o.campaign_id = u.campaign_id))`;
  return {
    overspentCents: Object.fromEntries(rows.map((row) => [row.code, Math.max(0, row.ordersCents - row.capCents)])),
    countersMatchOrders: rows.every((row) => row.reservedCents === row.ordersCents),
    ledgerDifferences: (await verifyLedger(campaignId, sql)).length,
    duplicateOrders: orders - idsByKey.size + [...idsByKey.values()].filter((ids) => ids.size > 1).length,
    structuresOverCap: over,
  };
}

/**
 * Each département refused orders for want of funds, and what it has left is less than the
 * smallest order it refused: it is filled to within one order of its cap.
 */
export async function expectEachDepartementFilled(sql: Sql, world: OrdersWorld, outcomes: Outcome[], forWantOfFunds: (error: unknown) => boolean) {
  for (const { code } of DEPARTEMENTS) {
    const refused = outcomes.filter(({ request, error }) => forWantOfFunds(error) && request.structure.departement === code);
    expect(refused.length, `refusals in ${code}`).toBeGreaterThan(0);
    const smallestRefused = Math.min(...refused.map(({ request }) => orderCents(world, request)));
    const [{ leftCents }] = await sql<{ leftCents: number }[]>`
      select cap_cents - reserved_cents as left_cents from allocations where campaign_id = ${world.campaign.id} and departement_code = ${code}`;
    expect(leftCents, `left in ${code}`).toBeLessThan(smallestRefused);
  }
}
