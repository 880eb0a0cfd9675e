// The dashboards' read model (docs/decisions/045): the figures of the whole country and of each
// département, computed by the worker from the live aggregates of figures.server.ts and stored with
// their time, so that a page reads one row and a page of the structures never ordering instead of
// aggregating the programme on every request. A view missing (a new campaign, a fresh database)
// is computed by the request that needs it, with the same code. The pool, not a transaction:
// a view is read in a transaction of its own.
import type postgres from "postgres";
import { db, type Sql } from "~/infra/db.server";
import { offsetOf, paged, type Paged } from "~/infra/paging";
import {
  consumptionByMonth,
  feedbackByKit,
  leadTimesByDepartement,
  leadTimesByMaker,
  ordersByStatus,
  structuresOverview,
  stuckOrders,
  type DashboardScope,
  type StuckFigures,
} from "./figures.server";
import { OUTREACH_PAGE_SIZE, everyNeverOrdered, type SilentStructure } from "./outreach.server";
import { stuckChoices } from "./schemas";

/** '*' for the whole country, or a département's code. */
export type SnapshotView = string;

async function computeFigures(scope: DashboardScope, sql: Sql) {
  const [consumption, statuses, stuck, leadByDepartement, leadByMaker, structures, feedback] = await Promise.all([
    consumptionByMonth(scope, sql),
    ordersByStatus(scope, sql),
    Promise.all(stuckChoices.map((days) => stuckOrders({ ...scope, days }, sql))),
    leadTimesByDepartement(scope, sql),
    leadTimesByMaker(scope, sql),
    structuresOverview(scope, sql),
    feedbackByKit(scope, sql),
  ]);
  const stuckByDays = Object.fromEntries(stuckChoices.map((days, i) => [days, stuck[i]]));
  return { consumption, statuses, stuckByDays, leadByDepartement, leadByMaker, structures, feedback };
}

type StoredFigures = Awaited<ReturnType<typeof computeFigures>> & { outreachTotal: number };

type Snapshot = Omit<StoredFigures, "stuckByDays"> & { stuck: StuckFigures[] | null; computedAt: Date };

function scopeOf(campaignId: number, view: SnapshotView, now: Date): DashboardScope {
  return { campaignId, departements: view === "*" ? "all" : [view], now };
}

/**
 * The tables the figures are read from, as a cheap fingerprint: the latest ledger entry, order
 * move, structure decision, receipt, feedback answer or moderation, and eligibility rule.
 */
export async function sourceMark(campaignId: number, sql: Sql = db): Promise<string> {
  const [{ mark }]: [{ mark: string }] = await sql`
    select concat_ws(':',
      (select max(id) from ledger_entries where campaign_id = ${campaignId}),
      (select max(status_at) from orders where campaign_id = ${campaignId}),
      (select count(*) from structures), (select max(status_at) from structures),
      (select count(*) from shipment_receipts), (select max(confirmed_at) from shipment_receipts),
      (select count(*) from kit_feedback where asked_at is not null), (select max(answered_at) from kit_feedback),
      (select max(moderated_at) from kit_feedback),
      (select max(id) from eligibility_rules), (select max(id) from territorial_list_versions)) as mark`;
  return mark;
}

/**
 * Computes one view as of `now` and stores it, unless a newer one was stored meanwhile. The figures
 * are read in one repeatable-read transaction (one consistent picture while orders go on), then
 * written in a short one of their own.
 */
export async function refreshView(
  input: { campaignId: number; view: SnapshotView; now: Date; mark?: string },
  sql: postgres.Sql = db,
): Promise<void> {
  const scope = scopeOf(input.campaignId, input.view, input.now);
  const { figures, silentIds, mark } = await sql.begin("isolation level repeatable read read only", async (tx) => {
    const [figures, silent, mark] = await Promise.all([
      computeFigures(scope, tx),
      (async () => {
        const ids: number[] = [];
        for await (const structure of everyNeverOrdered(scope, tx)) ids.push(structure.structureId);
        return ids;
      })(),
      input.mark ?? sourceMark(input.campaignId, tx),
    ]);
    return { figures, silentIds: silent, mark };
  });
  const stored: StoredFigures = { ...figures, outreachTotal: silentIds.length };
  await sql.begin(async (tx) => {
    const written = await tx`
      insert into dashboard_snapshots (campaign_id, view, figures, source_mark, computed_at)
      values (${input.campaignId}, ${input.view}, ${tx.json(stored as never)}, ${mark}, ${input.now})
      on conflict (campaign_id, view) do update
        set figures = excluded.figures, source_mark = excluded.source_mark, computed_at = excluded.computed_at
        where dashboard_snapshots.computed_at <= excluded.computed_at
      returning 1`;
    if (written.length === 0) return;
    await tx`delete from dashboard_silent_structures where campaign_id = ${input.campaignId} and view = ${input.view}`;
    if (silentIds.length === 0) return;
    await tx`
      insert into dashboard_silent_structures (campaign_id, view, position, structure_id)
      select ${input.campaignId}, ${input.view}, position, structure_id
      from unnest(${silentIds}::bigint[]) with ordinality as s (structure_id, position)`;
  });
}

// Beyond this age a view is computed again even if its sources did not move: ages and "stuck
// for more than N days" follow the clock.
const MAX_AGE_MS = 15 * 60_000;

/**
 * The worker's task: each view of the latest campaign (the whole country, then each département)
 * computed again when its sources changed or it got old. Returns the number of views computed.
 * graphile-worker runs a crontab's tick once whatever the number of workers, and a page's write
 * never replaces a newer view, so no lock is needed.
 */
export async function refreshDashboards(input: { now: Date }, sql: postgres.Sql = db): Promise<number> {
  const [campaign]: [{ id: number }?] = await sql`select id from distribution_campaigns order by id desc limit 1`;
  if (!campaign) return 0;
  const mark = await sourceMark(campaign.id, sql);
  // The views not read from these sources, or read too long ago (a page may have filled one since).
  const due = await sql<{ view: string }[]>`
    select v.view from (select '*' as view union all select code from departements) v
    left join dashboard_snapshots s on s.campaign_id = ${campaign.id} and s.view = v.view
    where s.view is null or s.source_mark <> ${mark} or s.computed_at <= ${new Date(input.now.getTime() - MAX_AGE_MS)}
    order by v.view = '*' desc, v.view`;
  for (const { view } of due) await refreshView({ campaignId: campaign.id, view, now: input.now, mark }, sql);
  return due.length;
}

/**
 * The stored figures of a view, with its orders waiting longer than `stuckDays` when that is one of
 * the thresholds it stores (null otherwise); computed first when missing.
 */
export async function snapshotOf(
  input: { campaignId: number; view: SnapshotView; now: Date; stuckDays: number },
  sql: postgres.Sql = db,
): Promise<Snapshot> {
  // Read as text and parsed here: the figures are stored under their TypeScript names, and the
  // driver would otherwise walk every key of them to rename it. Only the threshold asked for of
  // the four stored leaves the database.
  const read = () => sql<{ figures: string; stuck: string | null; computedAt: Date }[]>`
    select (figures - 'stuckByDays')::text as figures, (figures -> 'stuckByDays' -> ${String(input.stuckDays)}::text)::text as stuck,
           computed_at
    from dashboard_snapshots where campaign_id = ${input.campaignId} and view = ${input.view}`;
  let [row] = await read();
  if (!row) {
    await refreshView(input, sql);
    [row] = await read();
  }
  const figures: Omit<StoredFigures, "stuckByDays"> = JSON.parse(row.figures);
  // JSON keeps instants as text.
  const stuck = row.stuck === null ? null : (JSON.parse(row.stuck) as StuckFigures[]).map((s) => ({ ...s, oldestSince: new Date(s.oldestSince) }));
  return { ...figures, stuck, computedAt: row.computedAt };
}

/** A page of the structures that had never ordered at the snapshot's time, as they are named now. */
export async function silentPage(
  input: { campaignId: number; view: SnapshotView; total: number; page: number },
  sql: Sql = db,
): Promise<Paged<SilentStructure>> {
  const from = offsetOf(input.page, OUTREACH_PAGE_SIZE) + 1;
  const rows = await sql<SilentStructure[]>`
    select s.id as structure_id, s.legal_name, s.kind, c.insee_code as commune_code, c.name as commune_name,
           c.departement_code, s.status_at as verified_at
    from dashboard_silent_structures ss
    join structures s on s.id = ss.structure_id join communes c on c.insee_code = s.commune_code
    where ss.campaign_id = ${input.campaignId} and ss.view = ${input.view} and ss.position between ${from} and ${from + OUTREACH_PAGE_SIZE - 1}
    order by ss.position`;
  return paged(rows, input.total, input.page, OUTREACH_PAGE_SIZE);
}
