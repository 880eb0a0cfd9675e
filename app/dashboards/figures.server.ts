// The dashboards' figures for one campaign, over every département or a few of them: each an
// aggregate computed by PostgreSQL (a few hundred rows at most come back, whatever the size of the
// programme), so that a page holds at 50,000 structures and 100,000 order lines.
import { kitTitle } from "~/catalogue/kits.server";
import type { EligibilityRule } from "~/eligibility/rules";
import { currentRules } from "~/eligibility/rules.server";
import { db, type Sql } from "~/infra/db.server";
import { parisMonth } from "~/infra/paris-time";
import type { OrderStatus } from "~/orders/orders-lifecycle";
import type { StructureKind } from "~/structures/kinds";

type Fragment = ReturnType<Sql["unsafe"]>;

/** What a dashboard looks at: one campaign, the départements in view ("all": the whole country), and now. */
export type DashboardScope = { campaignId: number; departements: "all" | readonly string[]; now: Date };

/** The SQL condition "`column` (a département code) is in view". */
export function inView(sql: Sql, scope: DashboardScope, column: Fragment) {
  return scope.departements === "all" ? sql`true` : sql`${column} = any(${[...scope.departements]}::text[])`;
}

/** Days between two instants, to the tenth, as SQL. */
function days(sql: Sql, from: Fragment, to: Fragment) {
  return sql`(extract(epoch from ${to} - ${from}) / 86400)`;
}

const tenth = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

export type MonthPosition = { month: string; reservedCents: number; committedCents: number; spentCents: number };

/**
 * Where the money in view stood at the end of each month (Paris time), from the first month the
 * ledger moved it to the last: the running sums of the ledger's reserved, committed and spent deltas.
 */
export async function consumptionByMonth(scope: DashboardScope, sql: Sql = db): Promise<MonthPosition[]> {
  return sql<MonthPosition[]>`
    with flows as (
      select date_trunc('month', e.at at time zone 'Europe/Paris')::date as month,
             sum(e.reserved_delta) as reserved, sum(e.committed_delta) as committed, sum(e.spent_delta) as spent
      from ledger_entries e
      where e.campaign_id = ${scope.campaignId} and e.departement_code is not null and ${inView(sql, scope, sql`e.departement_code`)}
        -- The orders' entries: the allocation and the moves change caps only, and would start the months too early.
        and (e.reserved_delta <> 0 or e.committed_delta <> 0 or e.spent_delta <> 0)
      group by 1
    ), months as (
      select generate_series(min(month), max(month), interval '1 month')::date as month from flows
    )
    select to_char(m.month, 'YYYY-MM') as month,
           sum(coalesce(f.reserved, 0)) over (order by m.month)::bigint as reserved_cents,
           sum(coalesce(f.committed, 0)) over (order by m.month)::bigint as committed_cents,
           sum(coalesce(f.spent, 0)) over (order by m.month)::bigint as spent_cents
    from months m left join flows f on f.month = m.month
    order by m.month`;
}

export type StatusFigures = { status: OrderStatus; orders: number; totalCents: number; medianAgeDays: number; oldestAgeDays: number };

/** The orders in view by status (carts aside): how many, for how much, and how long they have been in it. */
export async function ordersByStatus(scope: DashboardScope, sql: Sql = db): Promise<StatusFigures[]> {
  const rows = await sql<StatusFigures[]>`
    select o.status, count(*)::int as orders, sum(o.total_cents)::bigint as total_cents,
           percentile_cont(0.5) within group (order by ${days(sql, sql`o.status_at`, sql`${scope.now}::timestamptz`)}) as median_age_days,
           max(${days(sql, sql`o.status_at`, sql`${scope.now}::timestamptz`)})::float8 as oldest_age_days
    from orders o
    where o.campaign_id = ${scope.campaignId} and o.status <> 'cart' and ${inView(sql, scope, sql`o.departement_code`)}
    group by o.status
    order by o.status`;
  return rows.map((row) => ({ ...row, medianAgeDays: tenth(row.medianAgeDays)!, oldestAgeDays: tenth(row.oldestAgeDays)! }));
}

export type StuckFigures = { departementCode: string; departementName: string; submitted: number; approved: number; oldestSince: Date };

/**
 * Where orders wait too long: per département, the orders submitted and not yet decided, and the
 * approved ones not yet given to a maker, that have been so for more than `days` days.
 */
export async function stuckOrders(scope: DashboardScope & { days: number }, sql: Sql = db): Promise<StuckFigures[]> {
  const before = new Date(scope.now.getTime() - scope.days * 86_400_000);
  return sql<StuckFigures[]>`
    select o.departement_code, d.name as departement_name,
           count(*) filter (where o.status = 'submitted')::int as submitted,
           count(*) filter (where o.status = 'approved')::int as approved,
           min(o.status_at) as oldest_since
    from orders o join departements d on d.code = o.departement_code
    where o.campaign_id = ${scope.campaignId} and o.status in ('submitted', 'approved') and o.status_at < ${before}
      and ${inView(sql, scope, sql`o.departement_code`)}
    group by o.departement_code, d.name
    order by count(*) desc, o.departement_code`;
}

export type LeadTime = { key: string; name: string; orders: number; medianDays: number; p90Days: number };

/**
 * From submission to service fait, per département (of orders fully delivered: the last receipt
 * confirmed), the whole view first under the key "*".
 */
export async function leadTimesByDepartement(scope: DashboardScope, sql: Sql = db): Promise<LeadTime[]> {
  const rows = await sql<LeadTime[]>`
    with served as (
      select o.id, o.departement_code, ${days(sql, sql`o.submitted_at`, sql`max(r.confirmed_at)`)} as days
      from orders o
      join fulfilments f on f.order_id = o.id
      join shipments sh on sh.fulfilment_id = f.id
      join shipment_receipts r on r.shipment_id = sh.id
      where o.campaign_id = ${scope.campaignId} and o.status in ('delivered', 'closed') and ${inView(sql, scope, sql`o.departement_code`)}
      group by o.id
    )
    select case when grouping(s.departement_code) = 1 then '*' else s.departement_code end as key,
           case when grouping(s.departement_code) = 1 then 'Ensemble' else min(d.name) end as name, count(*)::int as orders,
           percentile_cont(0.5) within group (order by s.days) as median_days,
           percentile_cont(0.9) within group (order by s.days) as p90_days
    from served s join departements d on d.code = s.departement_code
    group by grouping sets ((s.departement_code), ())
    order by s.departement_code nulls first`;
  return rows.map(roundLeadTime);
}

/** From submission to service fait, per maker (of its shares delivered: their last receipt confirmed). */
export async function leadTimesByMaker(scope: DashboardScope, sql: Sql = db): Promise<LeadTime[]> {
  const rows = await sql<LeadTime[]>`
    with served as (
      select f.maker_id, ${days(sql, sql`min(o.submitted_at)`, sql`max(r.confirmed_at)`)} as days
      from fulfilments f
      join orders o on o.id = f.order_id
      join shipments sh on sh.fulfilment_id = f.id
      join shipment_receipts r on r.shipment_id = sh.id
      where o.campaign_id = ${scope.campaignId} and f.status = 'delivered' and ${inView(sql, scope, sql`o.departement_code`)}
      group by f.id
    )
    select m.id::text as key, m.name, count(*)::int as orders,
           percentile_cont(0.5) within group (order by s.days) as median_days,
           percentile_cont(0.9) within group (order by s.days) as p90_days
    from served s join makers m on m.id = s.maker_id
    group by m.id
    order by m.name, m.id`;
  return rows.map(roundLeadTime);
}

function roundLeadTime(row: LeadTime): LeadTime {
  return { ...row, medianDays: tenth(row.medianDays)!, p90Days: tenth(row.p90Days)! };
}

export type MakerLoad = { makerId: number; name: string; capacity: number; routedUnits: number };

/**
 * Each maker's units routed in a month against its capacity, summed over its kits; in a
 * département's view, the makers that deliver there. A kit's capacity is the month's copy once
 * routing needed it (decision 026), the declared one before.
 */
export async function makersLoad(scope: DashboardScope & { month: string }, sql: Sql = db): Promise<MakerLoad[]> {
  return sql<MakerLoad[]>`
    select m.id as maker_id, m.name, sum(coalesce(l.capacity, c.units_per_month))::int as capacity,
           sum(coalesce(l.routed_units, 0))::int as routed_units
    from maker_capacity c
    join makers m on m.id = c.maker_id
    left join maker_monthly_load l on l.maker_id = c.maker_id and l.kit_id = c.kit_id and l.month = ${scope.month}
    where ${
      scope.departements === "all"
        ? sql`true`
        : sql`exists (select 1 from maker_coverage mc where mc.maker_id = c.maker_id and ${inView(sql, scope, sql`mc.departement_code`)})`
    }
    group by m.id
    order by sum(coalesce(l.routed_units, 0))::float8 / sum(coalesce(l.capacity, c.units_per_month)) desc, m.name, m.id`;
}

/** The month a dashboard's makers' load shows by default: the current one in Paris. */
export function currentMonth(now: Date): string {
  return parisMonth(now);
}

/** The rules in force in a campaign, in the form `eligibleStructure` reads; null before the first version. */
export async function eligibilityRules(campaignId: number, sql: Sql = db): Promise<EligibilityRule | null> {
  return (await currentRules(campaignId, sql)) ?? null;
}

/**
 * The SQL condition "structure `s` may order under these rules" (verified, of an allowed kind, in
 * an allowed territory): evaluateEligibility's verdict, for every structure at once. Without rules,
 * none may.
 */
export function eligibleStructure(sql: Sql, rules: EligibilityRule | null) {
  if (!rules) return sql`false`;
  const listIds = rules.lists.map((list) => list.id);
  return sql`(s.status = 'verified' and s.kind = any(${[...rules.allowedKinds]}::text[]) and (
    ${rules.territory === "everywhere"}
    or (${rules.franceServicesEverywhere} and s.kind = 'france_services')
    or exists (
      select 1 from territorial_list_communes lc
      where lc.commune_code = s.commune_code
        and lc.version_id in (select distinct on (list_id) id from territorial_list_versions
                              where list_id = any(${listIds}::bigint[]) order by list_id, version desc))))`;
}

export type StructureCounts = { total: number; verified: number; eligible: number; ordered: number };
export type StructuresByKind = StructureCounts & { kind: StructureKind };
export type StructuresByDepartement = StructureCounts & { departementCode: string; departementName: string };

/** The structures in view by kind and by département: registered, verified, eligible, and those that ordered in the campaign. */
export async function structuresOverview(
  scope: DashboardScope,
  sql: Sql = db,
): Promise<{ byKind: StructuresByKind[]; byDepartement: StructuresByDepartement[] }> {
  const eligible = eligibleStructure(sql, await eligibilityRules(scope.campaignId, sql));
  const rows = await sql<(StructureCounts & { kind: StructureKind | null; departementCode: string | null; departementName: string | null })[]>`
    with counted as (
      select s.kind, c.departement_code, s.status = 'verified' as verified, ${eligible} as eligible,
             exists (select 1 from orders o where o.structure_id = s.id and o.campaign_id = ${scope.campaignId} and o.status <> 'cart') as ordered
      from structures s join communes c on c.insee_code = s.commune_code
      where ${inView(sql, scope, sql`c.departement_code`)}
    )
    select k.kind, k.departement_code, min(d.name) as departement_name, count(*)::int as total,
           count(*) filter (where k.verified)::int as verified, count(*) filter (where k.eligible)::int as eligible,
           count(*) filter (where k.ordered)::int as ordered
    from counted k left join departements d on d.code = k.departement_code
    group by grouping sets ((k.kind), (k.departement_code))
    order by k.kind, k.departement_code`;
  const counts = ({ total, verified, eligible, ordered }: StructureCounts) => ({ total, verified, eligible, ordered });
  return {
    byKind: rows.filter((row) => row.kind !== null).map((row) => ({ kind: row.kind!, ...counts(row) })),
    byDepartement: rows
      .filter((row) => row.departementCode !== null)
      .map((row) => ({ departementCode: row.departementCode!, departementName: row.departementName!, ...counts(row) })),
  };
}

export type KitFeedbackFigures = {
  kitId: number;
  title: string;
  asked: number;
  answered: number;
  averageRating: number | null;
  peopleReached: number;
  published: number;
};

/** What the structures in view said of each kit they received: asked, answered, mean rating, people reached. */
export async function feedbackByKit(scope: DashboardScope, sql: Sql = db): Promise<KitFeedbackFigures[]> {
  const rows = await sql<KitFeedbackFigures[]>`
    select k.id as kit_id, ${kitTitle(sql)} as title,
           count(f.asked_at)::int as asked, count(f.answered_at)::int as answered, avg(f.rating)::float8 as average_rating,
           coalesce(sum(f.people_reached), 0)::int as people_reached,
           count(*) filter (where f.moderation = 'published')::int as published
    from kit_feedback f
    join orders o on o.id = f.order_id
    join catalogue_kits k on k.id = f.kit_id
    where o.campaign_id = ${scope.campaignId} and ${inView(sql, scope, sql`o.departement_code`)}
    group by k.id
    order by title, k.id`;
  return rows.map((row) => ({ ...row, averageRating: tenth(row.averageRating) }));
}
