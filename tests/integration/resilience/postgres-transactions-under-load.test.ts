// postgres.js 3.4.9 loses a transaction's hold on its connection when the BEGIN is written past the
// end of a connection's pipeline (porsager/postgres#823, fix #1207 unmerged; our fix is
// patches/postgres+3.4.9.patch): the BEGIN still runs, sql.begin fails with UNSAFE_TRANSACTION, and
// the pool goes on giving the connection, still inside that transaction, to other callers. Under
// load the portal answered 500 to orders and ran requests inside the dashboards' read-only
// transaction. Both tests fail without the patch.
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { connect, postgresJsTarget } from "~/infra/postgres.server";
import { createTestDatabase } from "../../support/database";

let database: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  database = await createTestDatabase(inject("pgAdminUrl"), "template0");
});

afterAll(async () => {
  await database?.drop();
});

/**
 * Fills every connection's pipeline, then opens read-only transactions, which the pool writes past
 * its end, then sends more plain statements. A plain statement must run read-write (not inside
 * someone's transaction), a transaction must keep one backend and one start. Returns what broke.
 */
async function transactionsPastFullPipelines(sql: postgres.Sql, { connections, pipeline }: { connections: number; pipeline: number }) {
  // The queries are sent in this order: executed now, not when awaited.
  const plain = () => sql<{ readonly: string }[]>`select current_setting('transaction_read_only') as readonly`.execute();
  const sleepers = Array.from({ length: connections }, () => sql`select pg_sleep(0.05)`.execute());
  const before = Array.from({ length: connections * (pipeline - 1) }, plain);
  const transactions = Array.from({ length: 5 }, () =>
    sql.begin("read only", async (tx) => {
      const [first] = await tx<{ started: Date; pid: number }[]>`select transaction_timestamp() as started, pg_backend_pid() as pid`;
      const [second] = await tx<{ started: Date; pid: number }[]>`select transaction_timestamp() as started, pg_backend_pid() as pid`;
      return first.pid === second.pid && first.started.getTime() === second.started.getTime();
    }),
  );
  const after = Array.from({ length: 20 }, plain);

  const broken: string[] = [];
  for (const outcome of await Promise.allSettled(transactions)) {
    if (outcome.status === "rejected") broken.push(String(outcome.reason));
    else if (!outcome.value) broken.push("une transaction a changé de connexion en cours de route");
  }
  for (const [row] of await Promise.all([...before, ...after])) {
    if (row.readonly !== "off") broken.push("une requête isolée a tourné dans la transaction d'un autre");
  }
  await Promise.all(sleepers);
  return broken;
}

/** Opens every connection of the pool (pipelining only starts on open ones), then loads it `rounds` times; returns what broke. */
async function loadRounds(sql: postgres.Sql, shape: { connections: number; pipeline: number }, rounds: number) {
  const broken: string[] = [];
  try {
    await Promise.all(Array.from({ length: shape.connections }, () => sql`select 1`));
    for (let round = 0; round < rounds; round++) broken.push(...(await transactionsPastFullPipelines(sql, shape)));
  } finally {
    await sql.end();
  }
  return broken;
}

describe("transactions written past a full pipeline (postgres.js, patched)", () => {
  test("a pipeline of two: the BEGINs behind it keep their connection, no statement strays into them", { timeout: 120_000 }, async () => {
    // max_pipeline is a driver option its type declarations leave out.
    const target = postgresJsTarget(database.url);
    const options = { host: target.host, max: 3, max_pipeline: 2, onnotice: () => {} } as postgres.Options<Record<string, never>>;
    expect(await loadRounds(postgres(target.url, options), { connections: 3, pipeline: 2 }, 5)).toEqual([]);
  });

  test("the portal's own pool, its pipeline of 100 full", { timeout: 120_000 }, async () => {
    expect(await loadRounds(connect(database.url, { max: 2 }), { connections: 2, pipeline: 100 }, 3)).toEqual([]);
  });
});
