// The big lists' queries at national size (tests/support/national-lists.ts), on a PostgreSQL of its
// own: for each list, the median time of the domain call that feeds its page (every query it
// makes, pool warm) and the plan of its slowest statement (EXPLAIN ANALYZE), written to a file.
// Alone: `npx tsx tests/bench/national-lists.ts [plans.txt]`. Prints figures, asserts nothing.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import postgres from "postgres";
import { searchUsers } from "~/accounts/admin.server";
import { findContestBySlug } from "~/contest/contests.server";
import { listAuditPage } from "~/audit/audit.server";
import { jurySpace } from "~/jury/reviews.server";
import { listOutbox } from "~/mail/outbox.server";
import { orderQueue } from "~/orders/order-queues.server";
import { orderingSpace } from "~/orders/structure-orders.server";
import { loadDeliberationPage } from "~/results/deliberation.server";
import { reviewQueue } from "~/structures/verification.server";
import { proposalPageForAdmin } from "~/submissions/administration.server";
import type { Sql } from "~/infra/db.server";
import { postgresJsTarget } from "~/infra/postgres.server";
import { afterReview, duringReview } from "../support/calendar";
import { nationalLists } from "../support/national-lists";
import { startOwnPostgres } from "../support/server";
import { median } from "./median";

const RUNS = 7;

type Statement = { text: string; params: unknown[]; ms: number };

/** The pool's options (see app/infra/postgres.server.ts), with every statement recorded while `recording`. */
function recordingPool(url: string) {
  const statements: Statement[] = [];
  const target = postgresJsTarget(url);
  const sql = postgres(target.url, {
    host: target.host,
    max: 4,
    types: { bigint: { to: 20, from: [20], serialize: (value: number) => String(value), parse: (value: string) => Number(value) } },
    transform: { ...postgres.camel, undefined: null },
    onnotice: () => {},
    debug: (_connection, text, params) => statements.push({ text, params: params as unknown[], ms: 0 }),
  });
  return { sql, statements };
}

export async function benchNationalLists(options: { plansFile?: string; log?: (line: string) => void } = {}) {
  const log = options.log ?? ((line: string) => console.log(line));
  const pg = await startOwnPostgres("kits_national_lists");
  process.env.DATABASE_URL = pg.url; // for anything reaching for the app's pool
  const { sql, statements } = recordingPool(pg.url);
  try {
    const started = performance.now();
    const world = await nationalLists(sql as unknown as Sql);
    log(`Jeu national écrit en ${((performance.now() - started) / 1000).toFixed(0)} s.`);
    const contest = (await findContestBySlug(world.contest.slug, sql))!;
    const cases: { label: string; run: () => Promise<unknown> }[] = [
      { label: "propositions d'un concours (admin)", run: () => proposalPageForAdmin({ contestId: world.contest.id, filters: {}, page: 1 }, sql) },
      {
        label: "propositions d'un concours (admin), page 80",
        run: () => proposalPageForAdmin({ contestId: world.contest.id, filters: {}, page: 80 }, sql),
      },
      {
        label: "propositions d'un concours (admin), recherche « candidat 12 »",
        run: () => proposalPageForAdmin({ contestId: world.contest.id, filters: { search: "candidat 12" }, page: 1 }, sql),
      },
      { label: "délibération, 5 000 entrées", run: () => loadDeliberationPage(contest, { now: afterReview, filter: "all", page: 1 }, sql) },
      {
        label: "délibération, à décider, page 50",
        run: () => loadDeliberationPage(contest, { now: afterReview, filter: "undecided", page: 50 }, sql),
      },
      {
        label: "structures (admin), toutes",
        run: () => reviewQueue({ reach: "all", departement: null, status: "all", page: 1 }, sql),
      },
      {
        label: "structures (admin), en attente, page 40",
        run: () => reviewQueue({ reach: "all", departement: null, status: "pending", page: 40 }, sql),
      },
      {
        label: "structures (admin), recherche « mairie de saint »",
        run: () => reviewQueue({ reach: "all", departement: null, status: "all", search: "mairie de saint", page: 1 }, sql),
      },
      { label: "structures (instruction, 35)", run: () => reviewQueue({ reach: ["35"], departement: null, status: "all", page: 1 }, sql) },
      {
        label: "commandes (admin), toutes",
        run: () =>
          orderQueue(
            { reach: "all", filters: { status: "all", departement: null, kind: null, olderThanDays: null, search: null }, page: 1, now: new Date() },
            sql,
          ),
      },
      {
        label: "commandes (admin), recherche « médiathèque »",
        run: () =>
          orderQueue(
            {
              reach: "all",
              filters: { status: "all", departement: null, kind: null, olderThanDays: null, search: "médiathèque" },
              page: 1,
              now: new Date(),
            },
            sql,
          ),
      },
      {
        label: "file d'instruction (35), à décider",
        run: () =>
          orderQueue(
            {
              reach: ["35"],
              filters: { status: "submitted", departement: null, kind: null, olderThanDays: null, search: null },
              page: 1,
              now: new Date(),
            },
            sql,
          ),
      },
      {
        label: "commandes d'une structure",
        run: () => orderingSpace({ userId: world.busyStructure.memberId, structureId: world.busyStructure.id, now: new Date() }, sql),
      },
      { label: "utilisateurs (admin), recherche « membre 12 »", run: () => searchUsers({ query: "membre 12", page: 1 }, sql) },
      { label: "utilisateurs (admin), page 500", run: () => searchUsers({ query: "", page: 500 }, sql) },
      { label: "entrées d'un juré", run: () => jurySpace(world.jurorId, duringReview, sql) },
      { label: "courriels", run: () => listOutbox({ page: 1 }, sql) },
      { label: "journal", run: () => listAuditPage({ page: 1 }, sql) },
    ];
    const plans: string[] = [];
    log(`| liste | médiane (ms, ${RUNS} essais) | requête la plus lente (ms) |`);
    log("| --- | ---: | ---: |");
    for (const { label, run } of cases) {
      await run(); // warm-up: pool, plans, JIT
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        await run();
        times.push(performance.now() - t);
      }
      statements.length = 0;
      await run();
      const made = statements.splice(0);
      // Each statement alone, timed with EXPLAIN ANALYZE: the slowest one is the list's cost.
      let slowest: { statement: Statement; plan: string; ms: number } | null = null;
      for (const statement of made) {
        if (!/^\s*(with|select)/i.test(statement.text)) continue;
        const rows = await sql.unsafe(`explain (analyze, buffers) ${statement.text}`, statement.params as postgres.ParameterOrJSON<never>[]);
        const plan = rows.map((row) => Object.values(row)[0] as string).join("\n");
        const ms = Number(/Execution Time: ([0-9.]+)/.exec(plan)?.[1] ?? 0);
        if (!slowest || ms > slowest.ms) slowest = { statement, plan, ms };
      }
      log(`| ${label} | ${median(times).toFixed(1)} | ${slowest ? slowest.ms.toFixed(1) : "—"} |`);
      if (slowest) plans.push(`=== ${label}\n${slowest.statement.text.trim()}\n${slowest.plan}\n`);
    }
    if (options.plansFile) await writeFile(options.plansFile, plans.join("\n"));
  } finally {
    await sql.end();
    await pg.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  benchNationalLists({ plansFile: process.argv[2] }).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
