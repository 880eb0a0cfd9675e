// The orders' benches' world, on a PostgreSQL of its own: a campaign open for orders whose €40M are
// split over the 101 départements, two laureate kits on offer, rules without a cap per structure
// (a bench measures submissions, not refusals), verified libraries in every département, and what
// the run left checked afterwards: not a cent over any cap, counters equal to the ledger.
import { readdir, readFile } from "node:fs/promises";
import { verifyLedger } from "~/envelope/ledger.server";
import type { Sql } from "~/infra/db.server";
import { createStructure } from "../support/fixtures";
import { ordersWorld, type OrdersWorld } from "../support/orders-world";

export type BenchStructure = { id: number; memberId: number; departement: string };

export type BenchOrdersWorld = OrdersWorld & {
  /** The 101 départements' codes, in order. */
  departements: string[];
  /** `perDepartement` structures in each département, grouped by département. */
  structures: Map<string, BenchStructure[]>;
};

/** Builds the world; `crowded` gets `crowdedCount` structures of its own, for clients who all order there. */
export async function benchOrdersWorld(
  sql: Sql,
  options: { perDepartement: number; crowded?: { departement: string; count: number } },
): Promise<BenchOrdersWorld> {
  const world = await ordersWorld(sql, { capCents: null, capUnits: null });
  // The most populous commune of each département: any would do, it only places the structure.
  const communes = await sql<{ departementCode: string; inseeCode: string }[]>`
    select distinct on (departement_code) departement_code, insee_code from communes order by departement_code, population desc`;
  const structures = new Map<string, BenchStructure[]>();
  for (const { departementCode, inseeCode } of communes) {
    const count = options.perDepartement + (options.crowded?.departement === departementCode ? options.crowded.count : 0);
    const here: BenchStructure[] = [];
    for (let i = 0; i < count; i++)
      here.push({ ...(await createStructure(sql, { communeCode: inseeCode, status: "verified" })), departement: departementCode });
    structures.set(departementCode, here);
  }
  return { ...world, departements: communes.map((c) => c.departementCode), structures };
}

export type LedgerCheck = { ordersCents: number; overspentCents: number; counterMismatches: number; ledgerDifferences: number };

/**
 * What the run left: orders' totals against each allocation's cap (overspend), the reserved
 * counters against the orders (the cache against what it counts), and verifyLedger's differences.
 */
export async function checkLedger(sql: Sql, campaignId: number): Promise<LedgerCheck> {
  const [row]: [{ ordersCents: number; overspentCents: number; counterMismatches: number }] = await sql`
    with per as (
      select a.cap_cents, a.reserved_cents,
             coalesce((select sum(o.total_cents) from orders o where o.campaign_id = a.campaign_id and o.departement_code = a.departement_code), 0)
               as orders_cents
      from allocations a where a.campaign_id = ${campaignId}
    )
    select coalesce(sum(orders_cents), 0)::bigint as orders_cents,
           coalesce(sum(greatest(orders_cents - cap_cents, 0)), 0)::bigint as overspent_cents,
           count(*) filter (where reserved_cents <> orders_cents)::int as counter_mismatches
    from per`;
  return { ...row, ledgerDifferences: (await verifyLedger(campaignId, sql)).length };
}

export const ledgerHolds = (check: LedgerCheck) => check.overspentCents === 0 && check.counterMismatches === 0 && check.ledgerDifferences === 0;

export function describeLedger(check: LedgerCheck) {
  return ledgerHolds(check)
    ? "0 centime au-delà d'un plafond, compteurs = grand livre"
    : `ÉCART : ${check.overspentCents} centimes au-delà des plafonds, ${check.counterMismatches} compteurs ≠ commandes, ${check.ledgerDifferences} écarts au grand livre`;
}

/** Runs `clients` loops for `durationMs`, each sending what `next` gives it; returns how many succeeded and failed. */
export async function closedLoop(clients: number, durationMs: number, send: (client: number) => Promise<boolean>) {
  let ok = 0;
  let failed = 0;
  const deadline = performance.now() + durationMs;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (performance.now() < deadline) {
        if (await send(client)) ok++;
        else failed++;
      }
    }),
  );
  return { ok, failed, perSecond: (ok * 1000) / (performance.now() - started) };
}

/** CPU time used so far by a process, in ms (utime + stime, in clock ticks of 10 ms); 0 once it has ended. */
export async function processCpuMs(pid: number): Promise<number> {
  try {
    const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/**
 * CPU time used so far by the PostgreSQL listening on `port` (its postmaster and every child: the
 * pools' backends stay open through a measure). Unlike orders per second, it hardly moves when
 * other work shares the machine.
 */
export async function postgresCpuMs(port: number): Promise<number> {
  const processes: { pid: number; ppid: number; cmdline: string }[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, "utf8");
      const cmdline = await readFile(`/proc/${entry}/cmdline`, "utf8");
      processes.push({ pid: Number(entry), ppid: Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]), cmdline });
    } catch {
      // the process ended meanwhile
    }
  }
  const postmaster = processes.find((p) => p.cmdline.includes("bin/postgres\0") && p.cmdline.includes(`\0-p\0${port}\0`));
  if (!postmaster) return 0;
  const times = await Promise.all(processes.filter((p) => p.pid === postmaster.pid || p.ppid === postmaster.pid).map((p) => processCpuMs(p.pid)));
  return times.reduce((sum, ms) => sum + ms, 0);
}
