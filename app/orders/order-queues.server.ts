// What instructors and admins read of orders: the queue of a campaign's orders within their reach
// (an admin: every département; an instructor: the départements of their memberships), one
// order's file, and the figures of the allocations the orders draw on. An order out of reach is
// as unknown as one that does not exist.
import { latestCampaign } from "~/envelope/campaigns.server";
import { db, type Sql } from "~/infra/db.server";
import { containsPattern, countBound, offsetOf, paged, type Paged } from "~/infra/paging";
import type { StructureKind } from "~/structures/kinds";
import type { Reach } from "~/structures/verification";
import { departementsInReach } from "~/structures/verification.server";
import type { OrderStatus } from "./orders-lifecycle";
import { OrderNotFound } from "./orders.server";

export const ORDER_QUEUE_PAGE_SIZE = 50;

export type OrderQueueFilters = {
  /** A status, or every status but the cart. */
  status: OrderStatus | "all";
  departement: string | null;
  kind: StructureKind | null;
  /** Only orders submitted more than this many days before `now`. */
  olderThanDays: number | null;
  /** Part of the structure's legal name or SIRET, or the order's number. */
  search: string | null;
};

export type QueuedOrder = {
  id: number;
  status: OrderStatus;
  departementCode: string;
  totalCents: number;
  totalUnits: number;
  submittedAt: Date;
  statusAt: Date;
  structureId: number;
  legalName: string;
  siret: string;
  kind: StructureKind;
  communeName: string;
};

/** What a département's allocation (or several summed) holds: `available` is what new orders may still reserve. */
export type AllocationFigures = {
  /** The départements summed; every one of the campaign when `national`. */
  departements: { code: string; name: string }[];
  national: boolean;
  capCents: number;
  reservedCents: number;
  committedCents: number;
  spentCents: number;
  availableCents: number;
};

export type OrderQueue = {
  campaign: { id: number; name: string } | null;
  orders: Paged<QueuedOrder>;
  /** The départements the reader may filter on. */
  departements: { code: string; name: string }[];
  allocation: AllocationFigures | null;
};

/** The SQL condition "order `o` is within reach". */
function withinReach(sql: Sql, reach: Reach) {
  if (reach === "all") return sql`true`;
  // One département (most instructors): an equality, which reads the département's index in the queue's order.
  return reach.length === 1 ? sql`o.departement_code = ${reach[0]}` : sql`o.departement_code = any(${[...reach]}::text[])`;
}

function matching(sql: Sql, filters: OrderQueueFilters, now: Date) {
  const search = filters.search?.trim() ?? "";
  // A number of nine digits or more is the start of a SIRET (a SIREN, or all of it); a shorter one, an order's number.
  const digits = search.replace(/[\s.]/g, "").replace(/^n°/i, "");
  const numeric = /^[0-9]{1,14}$/.test(digits);
  return sql`
    ${filters.status === "all" ? sql`o.status <> 'cart'` : sql`o.status = ${filters.status}`}
    and ${filters.departement ? sql`o.departement_code = ${filters.departement}` : sql`true`}
    and ${filters.kind ? sql`s.kind = ${filters.kind}` : sql`true`}
    and ${filters.olderThanDays ? sql`o.submitted_at < ${new Date(now.getTime() - filters.olderThanDays * 86_400_000)}` : sql`true`}
    and ${
      search === ""
        ? sql`true`
        : !numeric
          ? sql`s.legal_name ilike ${containsPattern(search)}`
          : digits.length >= 9
            ? sql`(s.legal_name ilike ${containsPattern(search)} or s.siret like ${`${digits}%`})`
            : sql`(s.legal_name ilike ${containsPattern(search)} or o.id = ${Number(digits)})`
    }`;
}

/**
 * The orders of the latest campaign within reach, filtered, a page at a time: those waiting for a
 * decision oldest first (who has waited longest comes first: a waiting order's status date is its
 * submission's), the others the latest moved first.
 * With them, the départements the reader may filter on, and the figures of the allocation(s) shown.
 * The count stops 20 pages past the page read (countBound).
 */
export async function orderQueue(
  input: { reach: Reach; filters: OrderQueueFilters; page: number; now: Date; pageSize?: number },
  sql: Sql = db,
): Promise<OrderQueue> {
  const pageSize = input.pageSize ?? ORDER_QUEUE_PAGE_SIZE;
  const [campaign, departements] = await Promise.all([latestCampaign(sql), departementsInReach(input.reach, sql)]);
  if (!campaign) return { campaign: null, orders: paged([], 0, input.page, pageSize), departements, allocation: null };
  // A département out of reach (a hand-edited address) is no filter: the reader's own orders show.
  const departement = departements.some((d) => d.code === input.filters.departement) ? input.filters.departement : null;
  const filters = { ...input.filters, departement };
  const where = () => sql`
    o.campaign_id = ${campaign.id} and ${withinReach(sql, input.reach)} and ${matching(sql, filters, input.now)}`;
  const bound = countBound(input.page, pageSize);
  const [[{ total }], items, allocation] = await Promise.all([
    // Counting reads the structures only when a filter is on them: a national count then reads the
    // orders' index alone; and it stops past the bound (countBound), a national queue holding 50,000 orders.
    sql<{ total: number }[]>`
      select count(*)::int as total from (
        select from orders o
        ${filters.kind || filters.search?.trim() ? sql`join structures s on s.id = o.structure_id` : sql``}
        where ${where()} limit ${bound + 1}) counted`,
    sql<QueuedOrder[]>`
      select o.id, o.status, o.departement_code, o.total_cents, o.total_units, o.submitted_at, o.status_at,
             s.id as structure_id, s.legal_name, s.siret, s.kind, c.name as commune_name
      from orders o join structures s on s.id = o.structure_id join communes c on c.insee_code = s.commune_code
      where ${where()}
      order by ${filters.status === "submitted" ? sql`o.status_at, o.id` : sql`o.status_at desc, o.id desc`}
      limit ${pageSize} offset ${offsetOf(input.page, pageSize)}`,
    allocationFigures({ campaignId: campaign.id, reach: input.reach, departement }, sql),
  ]);
  return { campaign: { id: campaign.id, name: campaign.name }, orders: paged(items, total, input.page, pageSize, bound), departements, allocation };
}

/**
 * The allocations of a campaign summed over the départements within reach, or over one of them:
 * what an instructor's queue, or the admin's (national unless a département is chosen), shows at the top.
 */
export async function allocationFigures(
  input: { campaignId: number; reach: Reach; departement: string | null },
  sql: Sql = db,
): Promise<AllocationFigures> {
  const [figures]: [Omit<AllocationFigures, "national">] = await sql`
    select coalesce(json_agg(json_build_object('code', d.code, 'name', d.name) order by d.code), '[]'::json) as departements,
           coalesce(sum(a.cap_cents), 0)::bigint as cap_cents, coalesce(sum(a.reserved_cents), 0)::bigint as reserved_cents,
           coalesce(sum(a.committed_cents), 0)::bigint as committed_cents, coalesce(sum(a.spent_cents), 0)::bigint as spent_cents,
           coalesce(sum(a.cap_cents - a.reserved_cents - a.committed_cents - a.spent_cents), 0)::bigint as available_cents
    from allocations a join departements d on d.code = a.departement_code
    where a.campaign_id = ${input.campaignId}
      and ${input.reach === "all" ? sql`true` : sql`a.departement_code = any(${[...input.reach]}::text[])`}
      and ${input.departement ? sql`a.departement_code = ${input.departement}` : sql`true`}`;
  return { ...figures, national: input.reach === "all" && input.departement === null };
}

export type OrderFile = {
  order: {
    id: number;
    status: OrderStatus;
    campaignId: number;
    campaignName: string;
    departementCode: string;
    totalCents: number;
    totalUnits: number;
    submittedAt: Date;
    submittedByName: string;
    decidedAt: Date | null;
    decidedByName: string | null;
    rejectionReason: string | null;
    statusAt: Date;
  };
  structure: {
    id: number;
    legalName: string;
    siret: string;
    kind: StructureKind;
    address: string;
    postalCode: string;
    communeCode: string;
    communeName: string;
    departementName: string;
    contactName: string;
    contactPhone: string;
  };
  /** The eligibility rules' version the order was checked against. */
  rules: { version: number; createdAt: Date; capCents: number | null; capUnits: number | null; reason: string | null };
  lines: { kitId: number; title: string; quantity: number; unitPriceCents: number }[];
  allocation: AllocationFigures;
};

/** Everything an instructor or admin needs to decide on an order within their reach; OrderNotFound otherwise. */
export async function orderForInstruction(input: { orderId: number; reach: Reach }, sql: Sql = db): Promise<OrderFile> {
  const [row]: [(OrderFile["order"] & { structure: OrderFile["structure"]; rules: OrderFile["rules"] })?] = await sql`
    select o.id, o.status, o.campaign_id, k.name as campaign_name, o.departement_code, o.total_cents, o.total_units, o.submitted_at,
           submitter.name as submitted_by_name, o.decided_at, decider.name as decided_by_name, o.rejection_reason, o.status_at,
           json_build_object('id', s.id, 'legalName', s.legal_name, 'siret', s.siret, 'kind', s.kind, 'address', s.address,
                             'postalCode', s.postal_code, 'communeCode', c.insee_code, 'communeName', c.name, 'departementName', d.name,
                             'contactName', s.contact_name, 'contactPhone', s.contact_phone) as structure,
           json_build_object('version', r.version, 'createdAt', r.created_at, 'capCents', r.cap_cents, 'capUnits', r.cap_units,
                             'reason', r.reason) as rules
    from orders o
    join distribution_campaigns k on k.id = o.campaign_id
    join structures s on s.id = o.structure_id
    join communes c on c.insee_code = s.commune_code
    join departements d on d.code = o.departement_code
    join eligibility_rules r on r.campaign_id = o.campaign_id and r.version = o.rule_version
    join users submitter on submitter.id = o.submitted_by
    left join users decider on decider.id = o.decided_by
    where o.id = ${input.orderId} and o.status <> 'cart' and ${withinReach(sql, input.reach)}`;
  if (!row) throw new OrderNotFound();
  const { structure, rules, ...order } = row;
  const [lines, allocation] = await Promise.all([
    sql<OrderFile["lines"]>`
      select l.kit_id, coalesce(nullif(v.content -> 'fields' ->> 'title', ''), p.title) as title, l.quantity, l.unit_price_cents
      from order_lines l
      join catalogue_kits ck on ck.id = l.kit_id
      join proposals p on p.id = ck.proposal_id
      join proposal_versions v on v.proposal_id = p.id and v.version = ck.version
      where l.order_id = ${order.id}
      order by title, l.kit_id`,
    allocationFigures({ campaignId: order.campaignId, reach: [order.departementCode], departement: null }, sql),
  ]);
  return { order, structure, rules: { ...rules, createdAt: new Date(rules.createdAt) }, lines, allocation };
}
