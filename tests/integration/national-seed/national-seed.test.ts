// The national seed at a sliver of its size, on a fresh database: the counts the scale asks for,
// every order state, the database's invariants (allocations, caps and loads recomputed from the
// orders), the same data from the same seed, and a refusal on a database that is not empty.
import { beforeAll, describe, expect, inject, test, vi } from "vitest";
import { verifyAuditChain } from "~/audit/audit.server";
import { verifyLedger } from "~/envelope/ledger.server";
import { blobStore } from "~/infra/blobs/index.server";
import { db, type Sql } from "~/infra/db.server";
import { connect } from "~/infra/postgres.server";
import { seedNational, DatabaseNotEmpty, CATALOGUE_KITS, type NationalSeedReport } from "../../../db/national-seed/seed";
import { seededOrderStates } from "../../../db/national-seed/distribution-rows";
import { copyRows } from "../../../db/national-seed/copy";
import { createTestDatabase } from "../../support/database";
import { rejectionOf } from "../../support/rejection";

vi.hoisted(async () => {
  const { tempBlobDir } = await import("../../support/temp-blob-dir");
  tempBlobDir("kits-national-seed-");
});

const SCALE = 0.005;
const options = () => ({ seed: 42, scale: SCALE, now: new Date("2026-11-15T00:00:00Z"), password: "mot-de-passe-du-test", store: blobStore() });
let report: NationalSeedReport;

beforeAll(async () => {
  report = await seedNational(db, options());
}, 180_000);

/** A digest of tables whose every column the seed decides (none left to now() or to a sequence's luck). */
async function digest(sql: Sql) {
  const [row] = await sql<{ digest: string }[]>`
    select md5(
      (select string_agg(s::text, '|' order by s.id) from structures s) ||
      (select string_agg(o::text, '|' order by o.id) from orders o) ||
      (select string_agg(l::text, '|' order by l.order_id, l.kit_id) from order_lines l) ||
      (select string_agg(f::text, '|' order by f.id) from fulfilments f) ||
      (select string_agg(r::text, '|' order by r.proposal_id, r.user_id) from reviews r) ||
      (select string_agg(e::text, '|' order by e.id) from ledger_entries e) ||
      (select string_agg(a::text, '|' order by a.id) from allocations a)) as digest`;
  return row!.digest;
}

describe("the national seed at scale 0.005", () => {
  test("writes the counts the scale asks for", async () => {
    const [counts] = await db<Record<string, number>[]>`
      select (select count(*) from proposals)::int as proposals, (select count(*) from jurors)::int as jurors,
             (select count(*) from reviews where status = 'submitted')::int as reviews, (select count(*) from structures)::int as structures,
             (select count(*) from makers)::int as makers, (select count(*) from order_lines)::int as order_lines_count,
             (select count(*) from allocations)::int as allocations, (select count(*) from catalogue_kits)::int as kits,
             (select count(*) from campaign_offers where withdrawn_at is null)::int as offers,
             (select count(*) from proposals where status = 'laureate')::int as laureates,
             (select count(*) from publications)::int as publications`;
    expect(counts).toEqual({
      proposals: report.sizes.proposals,
      jurors: report.sizes.jurors,
      reviews: report.sizes.reviews,
      structures: report.sizes.structures,
      makers: report.sizes.makers,
      orderLinesCount: report.sizes.orderLines,
      allocations: 101,
      kits: CATALOGUE_KITS,
      offers: CATALOGUE_KITS,
      laureates: report.sizes.laureates,
      publications: 1,
    });
    expect(report.sizes).toMatchObject({ proposals: 25, reviews: 75, structures: 250, orderLines: 500 });
  });

  test("has orders in every state, and structures spread over many départements", async () => {
    const states = await db<{ status: string }[]>`select distinct status from orders`;
    expect(states.map((s) => s.status).sort()).toEqual([...seededOrderStates].sort());
    const [{ departements }] = await db<{ departements: number }[]>`select count(distinct c.departement_code)::int as departements
      from structures s join communes c on c.insee_code = s.commune_code`;
    expect(departements).toBeGreaterThan(50);
  });

  test("each allocation's counters are what its orders imply, and the ledger says the same", async () => {
    const differences = await db`
      select a.departement_code, a.reserved_cents, a.committed_cents, a.spent_cents, o.reserved, o.committed, o.spent
      from allocations a
      left join (select departement_code,
                        coalesce(sum(total_cents) filter (where status = 'submitted'), 0) as reserved,
                        coalesce(sum(total_cents) filter (where status in ('approved', 'routed', 'accepted', 'refused_by_maker', 'in_production', 'shipped')), 0) as committed,
                        coalesce(sum(total_cents) filter (where status in ('delivered', 'closed')), 0) as spent
                 from orders group by departement_code) o on o.departement_code = a.departement_code
      where a.campaign_id = ${report.campaignId}
        and (a.reserved_cents, a.committed_cents, a.spent_cents) is distinct from (coalesce(o.reserved, 0), coalesce(o.committed, 0), coalesce(o.spent, 0))`;
    expect(differences).toEqual([]);
    expect(await verifyLedger(report.campaignId)).toEqual([]);
    const [{ spent }] = await db<{ spent: number }[]>`select coalesce(sum(spent_cents), 0)::bigint as spent from allocations`;
    expect(spent).toBeGreaterThan(0);
  });

  test("each structure's usage, each line's routed units and each maker's monthly load are what the orders imply", async () => {
    const usage = await db`
      select u.structure_id from structure_campaign_usage u
      full join (select structure_id, sum(total_cents) as cents, sum(total_units) as units from orders
                 where status not in ('rejected', 'cancelled') group by structure_id) o on o.structure_id = u.structure_id
      where (u.used_cents, u.used_units) is distinct from (o.cents, o.units::int)`;
    expect(usage).toEqual([]);
    const routed = await db`
      select l.order_id from order_lines l
      left join (select fl.order_id, fl.kit_id, sum(fl.quantity) as units from fulfilment_lines fl join fulfilments f on f.id = fl.fulfilment_id
                 where f.status not in ('refused', 'cancelled') group by fl.order_id, fl.kit_id) f on f.order_id = l.order_id and f.kit_id = l.kit_id
      where l.routed_units <> coalesce(f.units, 0)`;
    expect(routed).toEqual([]);
    const load = await db`
      select m.maker_id from maker_monthly_load m
      full join (select f.maker_id, fl.kit_id, f.month, sum(fl.quantity) as units from fulfilment_lines fl join fulfilments f on f.id = fl.fulfilment_id
                 where f.status not in ('refused', 'cancelled') group by f.maker_id, fl.kit_id, f.month) f
        on f.maker_id = m.maker_id and f.kit_id = m.kit_id and f.month = m.month
      where m.routed_units is distinct from f.units::int`;
    expect(load).toEqual([]);
    const receipts = await db`
      select o.id from orders o
      where o.status in ('delivered', 'closed') and o.total_cents <> (
        select coalesce(sum(r.spent_cents), 0) from shipment_receipts r join shipments s on s.id = r.shipment_id
        join fulfilments f on f.id = s.fulfilment_id where f.order_id = o.id)`;
    expect(receipts).toEqual([]);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  test("the same seed gives the same data", async () => {
    const other = await createTestDatabase(inject("pgAdminUrl"));
    const sql = connect(other.url, { max: 4 });
    try {
      await seedNational(sql, options());
      expect(await digest(sql)).toBe(await digest(db));
    } finally {
      await sql.end();
      await other.drop();
    }
  }, 180_000);

  test("refuses a database that is not empty, and changes nothing", async () => {
    const before = await digest(db);
    const refusal = await rejectionOf(seedNational(db, options()));
    expect(refusal).toBeInstanceOf(DatabaseNotEmpty);
    expect((refusal as Error).message).toMatch(/La base n'est pas vide .*base neuve/);
    expect(await digest(db)).toBe(before);
  });
});

test("a row the database refuses at the end of a COPY fails it, instead of leaving it waiting", async () => {
  const refusal = await rejectionOf(
    db.begin((tx) =>
      copyRows(tx, {
        table: "audit_log",
        columns: ["chain", "id", "at", "action", "prev_hash", "hash"],
        rows: [["departement:99", 1, new Date(), "x", "a", "b"]],
      }),
    ),
  );
  expect(String(refusal)).toMatch(/refusé les lignes copiées dans audit_log/);
});
