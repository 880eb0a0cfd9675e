// Order submission through the domain function against the same SQL transaction run bare, in the
// same run (issue 10: target ≥ 0.8×), and what the audit chain's head row costs (decision 002
// foresaw it; decision 035 records these figures). At 1, 8, 32 and 64 concurrent clients, each with
// its own connection, spread over the 101 départements, for a few seconds each:
// - the bare transaction without any audit entry;
// - the same with its entry appended to one chain for all of France (one head row: the design of
//   decision 002, which every order waited on until its commit);
// - the same with its entry appended to the département's chain, as submitOrder does (decision 035);
// - submitOrder itself.
// Measures of one concurrency alternate in short slices, over rounds, so that they share the machine's load.
// Alone: `npx tsx tests/bench/order-submission.ts`. Prints figures, asserts nothing.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { verifyAuditChain } from "~/audit/audit.server";
import { departementChain, entryHash, GENESIS_HASH, MAIN_CHAIN } from "~/audit/chain";
import type { Sql } from "~/infra/db.server";
import { connect } from "~/infra/postgres.server";
import { submitOrder } from "~/orders/orders.server";
import { newKey } from "../support/orders-world";
import { startOwnPostgres } from "../support/server";
import { benchOrdersWorld, checkLedger, closedLoop, describeLedger, type BenchOrdersWorld, type BenchStructure } from "./orders-world";

const CONCURRENCY = [1, 8, 32, 64];
const SLICE_MS = 1_000;
const ROUNDS = 5;
const STRUCTURES_PER_DEPARTEMENT = 2;

type Audit = "none" | "one chain" | "département chain";
type Submit = (structure: BenchStructure, key: string, sql: Sql) => Promise<unknown>;

export type OrderSubmissionFigures = {
  clients: number;
  perSecond: Record<"bare" | "oneChain" | "departementChain" | "domain", number>;
}[];

export async function benchOrderSubmission(options: { log?: (line: string) => void } = {}): Promise<OrderSubmissionFigures> {
  const log = options.log ?? ((line: string) => console.log(line));
  const pg = await startOwnPostgres("kits_bench_orders");
  const setup = connect(pg.url, { max: 4 });
  try {
    const world = await benchOrdersWorld(setup, { perDepartement: STRUCTURES_PER_DEPARTEMENT });
    const [settings]: [{ fsync: string; synchronousCommit: string }] = await setup`
      select current_setting('fsync') as fsync, current_setting('synchronous_commit') as synchronous_commit`;
    const variants = {
      bare: (s, key, sql) => bareSubmit(world, s, key, sql, "none"),
      oneChain: (s, key, sql) => bareSubmit(world, s, key, sql, "one chain"),
      departementChain: (s, key, sql) => bareSubmit(world, s, key, sql, "département chain"),
      domain: (s, key, sql) => domainSubmit(world, s, key, sql),
    } satisfies Record<string, Submit>;

    const figures: OrderSubmissionFigures = [];
    let turn = 0;
    for (const clients of CONCURRENCY) {
      const pool = connect(pg.url, { max: clients });
      try {
        // Each request goes to the next département: concurrent clients rarely share an allocation row.
        const structureFor = () => {
          const departement = world.departements[turn % world.departements.length];
          const here = world.structures.get(departement)!;
          return here[Math.floor(turn++ / world.departements.length) % here.length];
        };
        const totals = { bare: 0, oneChain: 0, departementChain: 0, domain: 0 };
        await closedLoop(clients, 500, () => variants.domain(structureFor(), newKey(), pool).then(() => true)); // warm-up
        for (let round = 0; round < ROUNDS; round++) {
          for (const name of Object.keys(variants) as (keyof typeof variants)[]) {
            const run = await closedLoop(clients, SLICE_MS, (client) =>
              variants[name](structureFor(), newKey(), pool).then(
                () => true,
                (error) => {
                  if (client === 0) log(`  erreur (${name}) : ${String(error)}`);
                  return false;
                },
              ),
            );
            totals[name] += run.perSecond / ROUNDS;
          }
        }
        figures.push({ clients, perSecond: totals });
      } finally {
        await pool.end({ timeout: 5 });
      }
    }
    const ledger = await checkLedger(setup, world.campaign.id);
    const chains = await verifyAuditChain(setup);

    const cell = (value: string) => value.padStart(13);
    log("");
    log(
      `  Envoi de commandes, clients répartis sur les 101 départements (commandes/s, moyenne de ${ROUNDS} tranches de ${SLICE_MS / 1000} s alternées)`,
    );
    log(`  PostgreSQL : fsync=${settings.fsync}, synchronous_commit=${settings.synchronousCommit} ; une connexion par client.`);
    log(
      `  ${"clients".padEnd(8)}${cell("nue")}${cell("+ 1 chaîne")}${cell("+ ch. dépt")}${cell("domaine")}${cell("domaine/nue*")}${cell("1 ch./nue")}`,
    );
    for (const { clients, perSecond: p } of figures) {
      log(
        `  ${String(clients).padEnd(8)}${cell(p.bare.toFixed(0))}${cell(p.oneChain.toFixed(0))}${cell(p.departementChain.toFixed(0))}${cell(p.domain.toFixed(0))}` +
          `${cell((p.domain / p.departementChain).toFixed(2))}${cell((p.oneChain / p.bare).toFixed(2))}`,
      );
    }
    log("  * contre les mêmes instructions SQL en ligne, entrée dans la chaîne du département comprise. Cible : ≥ 0,8×.");
    log("  « nue » : sans journal d'audit ; « + 1 chaîne » : entrée dans une chaîne unique pour toute la France (décision 002) ;");
    log("  « + ch. dépt » : entrée dans la chaîne du département, comme submitOrder (décision 035).");
    log(
      `  Après la charge : ${describeLedger(ledger)} ; journal d'audit : ${chains.ok ? `${chains.count} entrées vérifiées` : `ALTÉRÉ (${chains.reason})`}.`,
    );
    log("");
    return figures;
  } finally {
    await setup.end({ timeout: 5 });
    await pg.destroy();
  }
}

function domainSubmit(world: BenchOrdersWorld, structure: BenchStructure, key: string, sql: Sql) {
  return submitOrder(
    {
      structureId: structure.id,
      memberId: structure.memberId,
      idempotencyKey: key,
      lines: [{ kitId: world.jeu.kitId, quantity: 1 }],
      campaignId: world.campaign.id,
      now: new Date(),
    },
    sql,
  );
}

/**
 * The statements submitOrder sends, written inline and grouped in the same round trips (decision
 * 043): the reads in two, the writes with the audit head's lock in one, the audit entry in one. No
 * validation, no eligibility rules evaluated, no errors built: only what each answer is needed for.
 * The bench's départements have no instructor, so submitOrder queues no e-mail and neither does this.
 * The audit step as told.
 */
function bareSubmit(world: BenchOrdersWorld, structure: BenchStructure, key: string, sql: Sql, audit: Audit) {
  const campaignId = world.campaign.id;
  const kitId = world.jeu.kitId;
  const now = new Date();
  return (sql as ReturnType<typeof connect>).begin(async (tx) => {
    const [[s]] = await Promise.all([
      tx<{ departementCode: string; communeCode: string }[]>`
        select s.id, s.siret, s.legal_name, s.kind, s.commune_code, c.name as commune_name, c.departement_code, s.address, s.postal_code,
               s.contact_name, s.contact_phone, s.status, s.status_reason, s.status_at, s.created_at
        from structures s join communes c on c.insee_code = s.commune_code
        where s.id = ${structure.id} and s.id in (
          select split_part(m.scope, ':', 2)::bigint from memberships m
          where m.user_id = ${structure.memberId} and m.role = 'structure' and m.scope like 'structure:%')`,
      tx`
        select id, structure_id, campaign_id, departement_code, rule_version, status, total_cents, total_units, submitted_at
        from orders where structure_id = ${structure.id} and idempotency_key = ${key}`,
      tx`
        select id, name, national_cap_cents, reserve_cents, initial_reserve_cents, floor_cents, opens_at, closes_at, weight_source, weight_year,
               weight_decimals
        from distribution_campaigns where id = ${campaignId}`,
    ]);
    const [, [rules], , [offer], , [{ id: orderId }]] = await Promise.all([
      tx`
        select l.id, l.name, v.version, v.source, to_char(v.valid_from, 'YYYY-MM-DD') as valid_from, v.is_sample, v.commune_count, v.imported_at
        from territorial_lists l join lateral (select * from territorial_list_versions where list_id = l.id order by version desc limit 1) v on true
        order by l.name`,
      tx<{ version: number; capCents: number | null; capUnits: number | null }[]>`
        select r.campaign_id, r.version, r.allowed_kinds, r.territory, r.france_services_everywhere, r.cap_cents, r.cap_units, r.reason,
               r.created_at, u.name as created_by_name,
               array(select l.list_id::text from eligibility_rule_lists l where l.rule_id = r.id order by l.list_id) as list_ids
        from eligibility_rules r left join users u on u.id = r.created_by where r.campaign_id = ${campaignId} order by r.version desc limit 1`,
      tx`
        select l.id, l.name, v.version, v.source, to_char(v.valid_from, 'YYYY-MM-DD') as valid_from, v.is_sample, v.commune_count, v.imported_at
        from territorial_lists l join lateral (select * from territorial_list_versions where list_id = l.id order by version desc limit 1) v on true
        where exists (select 1 from territorial_list_communes c where c.version_id = v.id and c.commune_code = ${s.communeCode})
        order by l.name`,
      tx<{ unitPriceCents: number }[]>`
        select kit_id, unit_price_cents from campaign_offers
        where campaign_id = ${campaignId} and kit_id = any(${[kitId]}::bigint[]) and withdrawn_at is null for share`,
      tx`
        select distinct u.id, u.email, u.name from memberships m join users u on u.id = m.user_id
        where u.disabled_at is null and ((m.role = ${"instructor"} and m.scope = ${`departement:${s.departementCode}`}) or (${false} and m.role = 'admin'))
        order by u.id`,
      tx<{ id: number }[]>`select nextval(pg_get_serial_sequence('orders', 'id')) as id`,
    ]);
    const cents = offer.unitPriceCents;
    const chain = audit === "one chain" ? MAIN_CHAIN : departementChain(s.departementCode);
    const lockHead = () => tx<{ lastId: number; lastHash: string }[]>`select last_id, last_hash from audit_head where chain = ${chain} for update`;
    const [[placed], [shifted], heads] = await Promise.all([
      tx<{ created: boolean; held: boolean }[]>`
        with created as (
          insert into orders (id, structure_id, campaign_id, departement_code, rule_version, status, idempotency_key, total_cents, total_units,
                              submitted_by, submitted_at, status_at)
          overriding system value
          values (${orderId}, ${structure.id}, ${campaignId}, ${s.departementCode}, ${rules.version}, 'submitted', ${key}, ${cents}, 1,
                  ${structure.memberId}, ${now}, ${now})
          on conflict (structure_id, idempotency_key) do nothing
          returning id, structure_id, campaign_id, total_cents, total_units
        ), lines as (
          insert into order_lines (order_id, kit_id, quantity, unit_price_cents)
          select created.id, line.kit_id, line.quantity, line.unit_price_cents
          from created, unnest(${[kitId]}::bigint[], ${[1]}::int[], ${[cents]}::bigint[]) as line (kit_id, quantity, unit_price_cents)
        ), held as (
          insert into structure_campaign_usage as u (structure_id, campaign_id, used_cents, used_units, cap_cents, cap_units)
          select structure_id, campaign_id, total_cents, total_units, ${rules.capCents}::bigint, ${rules.capUnits}::int from created
          on conflict (structure_id, campaign_id) do update
            set used_cents = u.used_cents + excluded.used_cents, used_units = u.used_units + excluded.used_units,
                cap_cents = excluded.cap_cents, cap_units = excluded.cap_units
            where (excluded.cap_cents is null or u.used_cents + excluded.used_cents <= excluded.cap_cents)
              and (excluded.cap_units is null or u.used_units + excluded.used_units <= excluded.cap_units)
          returning u.used_cents
        )
        select exists (select from created) as created, exists (select from held) as held`,
      tx`
        with shifted as (
          update allocations
          set reserved_cents = reserved_cents + ${cents}, committed_cents = committed_cents + 0, spent_cents = spent_cents + 0
          where campaign_id = ${campaignId} and departement_code = ${s.departementCode}
            and reserved_cents + ${cents} >= 0 and committed_cents + 0 >= 0 and spent_cents + 0 >= 0
            and reserved_cents + committed_cents + spent_cents + ${cents} <= cap_cents
          returning campaign_id, departement_code
        )
        insert into ledger_entries (campaign_id, movement_id, kind, departement_code, reserved_delta, committed_delta, spent_delta, reason,
                                    order_id, actor_id, at)
        select campaign_id, nextval('ledger_movements'), 'reservation', departement_code, ${cents}::bigint, 0::bigint, 0::bigint,
               ${`Commande n° ${orderId}`}, ${orderId}::bigint, ${structure.memberId}::bigint, ${now}::timestamptz
        from shifted
        returning movement_id`,
      audit === "none" ? Promise.resolve([]) : lockHead(),
    ]);
    if (!placed.created || !placed.held) throw new Error("commande non écrite");
    if (!shifted) throw new Error(`enveloppe du ${s.departementCode} épuisée`);
    if (audit === "none") return;
    let [head] = heads;
    if (!head) {
      await tx`insert into audit_head (chain, last_id, last_hash) values (${chain}, 0, ${GENESIS_HASH}) on conflict (chain) do nothing`;
      [head] = await lockHead();
    }
    const data = {
      structureId: structure.id,
      campaignId,
      ruleVersion: rules.version,
      totalCents: cents,
      lines: [{ kitId, quantity: 1, unitPriceCents: cents }],
    };
    const entry = {
      chain,
      id: head.lastId + 1,
      at: now.toISOString(),
      actorId: structure.memberId,
      action: "order.submitted",
      subject: `order:${orderId}`,
      data,
    };
    const hash = entryHash(head.lastHash, entry);
    await Promise.all([
      tx`
        insert into audit_log (chain, id, at, actor_id, action, subject, data, prev_hash, hash)
        values (${chain}, ${entry.id}, ${entry.at}, ${entry.actorId}, ${entry.action}, ${entry.subject}, ${tx.json(data)}, ${head.lastHash}, ${hash})`,
      tx`update audit_head set last_id = ${entry.id}, last_hash = ${hash} where chain = ${chain}`,
    ]);
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  benchOrderSubmission().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
