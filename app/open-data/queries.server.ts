// What each open-data file is read from: one query streamed by a cursor (its rows in the file's
// order), how a row becomes the file's record, and a cheap "mark" of the tables it reads, so that
// the worker writes a file again only when something in it changed. No query reads a person's
// name, e-mail or phone, nor a structure: the deliveries are by commune.
import type postgres from "postgres";
import { kitTitle } from "~/catalogue/kits.server";
import type { Sql } from "~/infra/db.server";
import { eurosDecimal, type OpenDataName } from "./datasets";

type Cell = string | number | null;
type Row = Record<string, unknown>;

export type DatasetQuery = {
  rows: (sql: Sql) => postgres.PendingQuery<Row[]>;
  record: (row: Row) => Cell[];
  mark: (sql: Sql) => Promise<string>;
};

// Instants as Table Schema datetimes (ISO 8601, UTC), written by PostgreSQL so the text is the same whatever the process's time zone.
const isoInstant = (sql: Sql, column: postgres.PendingQuery<Row[]>) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

// INSEE order: Corsica's 2A and 2B where 20 was.
const inseeOrder = (sql: Sql, column: postgres.PendingQuery<Row[]>) => sql`replace(replace(${column}, '2A', '20A'), '2B', '20B')`;

async function markOf(sql: Sql, query: postgres.PendingQuery<Row[]>): Promise<string> {
  const [{ mark }] = (await query) as unknown as [{ mark: string }];
  return mark;
}

const cents = (value: unknown) => eurosDecimal(Number(value));
const score = (value: unknown) => (value === null || value === undefined ? null : Number(Number(value).toFixed(4)));

const ledgerKinds: Record<string, string> = {
  allocation: "partage",
  move: "deplacement",
  reservation: "reservation",
  commitment: "engagement",
  release: "liberation",
  spending: "depense",
};

export const datasetQueries: Record<OpenDataName, DatasetQuery> = {
  "allocations-departements": {
    rows: (sql) => sql`
      select a.campaign_id, c.name as campaign_name, a.departement_code, d.name as departement_name, a.weight, a.at_floor, c.floor_cents,
             coalesce((select sum(e.cap_delta) from ledger_entries e
                       where e.campaign_id = a.campaign_id and e.departement_code = a.departement_code and e.kind = 'allocation'), 0)::bigint
               as initial_cap_cents,
             a.cap_cents, a.reserved_cents, a.committed_cents, a.spent_cents
      from allocations a join distribution_campaigns c on c.id = a.campaign_id join departements d on d.code = a.departement_code
      order by a.campaign_id, ${inseeOrder(sql, sql`a.departement_code`)}`,
    record: (row) => [
      row.campaignId as number,
      row.campaignName as string,
      row.departementCode as string,
      row.departementName as string,
      row.weight as number,
      row.atFloor ? "true" : "false",
      cents(row.floorCents),
      cents(row.initialCapCents),
      cents(row.capCents),
      cents(row.reservedCents),
      cents(row.committedCents),
      cents(row.spentCents),
    ],
    // Every counter moves with a ledger entry; campaigns and their names come with their allocations.
    mark: (sql) =>
      markOf(
        sql,
        sql`select concat_ws(':', (select max(id) from ledger_entries), (select count(*) from allocations), (select max(id) from distribution_campaigns)) as mark`,
      ),
  },

  "livraisons-communes": {
    rows: (sql) => sql`
      select o.campaign_id, c.insee_code, c.name as commune_name, c.departement_code, rl.kit_id, ${kitTitle(sql)} as kit_title,
             sum(rl.received_units)::bigint as units, sum(rl.received_units * ol.unit_price_cents)::bigint as cents,
             to_char(r.confirmed_at at time zone 'Europe/Paris', 'YYYY-MM-DD') as day
      from shipment_receipt_lines rl
      join shipment_receipts r on r.shipment_id = rl.shipment_id
      join shipments s on s.id = rl.shipment_id
      join fulfilments f on f.id = s.fulfilment_id
      join orders o on o.id = f.order_id
      join order_lines ol on ol.order_id = o.id and ol.kit_id = rl.kit_id
      join structures st on st.id = o.structure_id
      join communes c on c.insee_code = st.commune_code
      join catalogue_kits k on k.id = rl.kit_id
      where rl.received_units > 0
      group by o.campaign_id, c.insee_code, c.name, c.departement_code, rl.kit_id, k.id, day
      order by o.campaign_id, ${inseeOrder(sql, sql`c.insee_code`)}, rl.kit_id, day`,
    record: (row) => [
      row.campaignId as number,
      row.inseeCode as string,
      row.communeName as string,
      row.departementCode as string,
      row.kitId as number,
      row.kitTitle as string,
      row.units as number,
      cents(row.cents),
      row.day as string,
    ],
    // Receipts are only ever added.
    mark: (sql) => markOf(sql, sql`select concat_ws(':', count(*), max(confirmed_at)) as mark from shipment_receipts`),
  },

  "resultats-concours": {
    // What /laureats shows, from the scores frozen with the publication: laureates only, the
    // kit's title and organisation from the version the page shows.
    rows: (sql) => sql`
      with laureates as (
        select c.id as contest_id, c.slug, c.title as contest_title, pub.published_at, pub.public_scores, d.proposal_id,
               coalesce(nullif(v.content -> 'fields' ->> 'title', ''), '(sans titre)') as kit_title,
               coalesce(v.content -> 'fields' ->> 'organisationName', '') as organisation,
               pub.public_scores -> 'laureates' -> (d.proposal_id::text) as scores
        from publications pub
        join contests c on c.id = pub.contest_id
        join decisions d on d.contest_id = c.id and d.outcome = 'laureate'
        join proposals p on p.id = d.proposal_id
        left join proposal_versions v on v.proposal_id = p.id and v.version = p.current_version
      ), ranked as (
        select l.*, rank() over (partition by l.contest_id order by (l.scores ->> 'overall')::float8 desc nulls last) as rank
        from laureates l
      )
      select r.slug, r.contest_title, ${isoInstant(sql, sql`r.published_at`)} as published_at, r.proposal_id, r.kit_title, r.organisation, r.rank,
             (r.scores ->> 'overall')::float8 as overall, coalesce((r.scores ->> 'reviewCount')::int, 0) as review_count,
             cr.value ->> 'id' as criterion_id, cr.value ->> 'label' as criterion_label, (cr.value ->> 'weight')::float8 as criterion_weight,
             (r.scores -> 'means' ->> (cr.value ->> 'id'))::float8 as criterion_mean
      from ranked r
      cross join lateral jsonb_array_elements(r.public_scores -> 'criteria') with ordinality as cr(value, position)
      order by r.published_at, r.contest_id, r.rank, r.proposal_id, cr.position`,
    record: (row) => [
      row.slug as string,
      row.contestTitle as string,
      row.publishedAt as string,
      row.proposalId as number,
      row.kitTitle as string,
      row.organisation as string,
      Number(row.rank),
      score(row.overall),
      row.reviewCount as number,
      row.criterionId as string,
      row.criterionLabel as string,
      score(row.criterionWeight),
      score(row.criterionMean),
    ],
    // A publication never changes once written.
    mark: (sql) => markOf(sql, sql`select concat_ws(':', count(*), max(published_at)) as mark from publications`),
  },

  "grand-livre": {
    rows: (sql) => sql`
      select e.id, e.campaign_id, e.movement_id, e.kind, e.departement_code, e.cap_delta, e.reserved_delta, e.committed_delta, e.spent_delta,
             e.order_id, ${isoInstant(sql, sql`e.at`)} as at
      from ledger_entries e order by e.id`,
    record: (row) => [
      row.id as number,
      row.campaignId as number,
      row.movementId as number,
      ledgerKinds[row.kind as string],
      row.departementCode as string | null,
      cents(row.capDelta),
      cents(row.reservedDelta),
      cents(row.committedDelta),
      cents(row.spentDelta),
      row.orderId as number | null,
      row.at as string,
    ],
    // Append-only: its latest entry says it all.
    mark: (sql) => markOf(sql, sql`select coalesce(max(id), 0)::text as mark from ledger_entries`),
  },
};
