// postgres.js 3.4.9 counts a query's rows on the connection and resets the count only when a query
// completes: a query that fails after some of its rows (cancelled, timed out, an error on row n)
// leaves it behind, and the next query on that connection gets its rows at that offset, with holes
// before them (porsager/postgres#1119, #1181; fixes unmerged; ours is in patches/postgres+3.4.9.patch).
// `const [row] = await sql…` then reads a hole: the portal took a signed-in admin for a visitor (302
// to the login page) on the requests that followed a cancelled CSV export. Every test fails without
// the patch.
import type postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { createSession, findSessionUser } from "~/accounts/sessions.server";
import { connect } from "~/infra/postgres.server";
import { createPerson } from "../../support/fixtures";
import { createTestDatabase } from "../../support/database";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let sql: postgres.Sql;
/** Another connection, to watch and cancel the first one's statements. */
let observer: postgres.Sql;

beforeAll(async () => {
  database = await createTestDatabase(inject("pgAdminUrl"));
  // One connection: the failed query and the next one share it, as they do in a busy pool.
  sql = connect(database.url, { max: 1 });
  observer = connect(database.url, { max: 1 });
});

afterAll(async () => {
  await sql?.end();
  await observer?.end();
  await database?.drop();
});

/** Rows 1–3 reach the client, row 4 divides by zero. */
const failsOnItsFourthRow = () => sql`select i, 1 / (4 - i) as ratio from generate_series(1, 10) i`.execute();

/** A result with every index filled, as `[first] = rows` and `rows.map` expect (Array.from reads a hole as undefined). */
const dense = (rows: readonly unknown[]) => Array.from(rows).every((row) => row !== undefined);

async function cancelWhileItSleeps(pid: number) {
  // pg_sleep reports its wait: the first row is produced by then, the second is not.
  for (;;) {
    const [row] = await observer<{ sleeping: boolean }[]>`
      select wait_event = 'PgSleep' as sleeping from pg_stat_activity where pid = ${pid}`;
    if (row?.sleeping) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  await observer`select pg_cancel_backend(${pid})`;
}

describe("a query that fails part-way through its rows", () => {
  test("the next query, sent after it, gets its own rows from index 0", async () => {
    await expect(failsOnItsFourthRow()).rejects.toThrow(/division by zero/);
    const rows = await sql<{ x: number }[]>`select x from generate_series(1, 5) x`;
    expect(dense(rows)).toBe(true);
    expect(rows.map((row) => row.x)).toEqual([1, 2, 3, 4, 5]);
  });

  test("the next query, pipelined behind it on the same connection, too", async () => {
    const failing = failsOnItsFourthRow().catch((error: Error) => error);
    const next = sql<{ x: number }[]>`select x from generate_series(1, 2) x`.execute();
    expect(String(await failing)).toMatch(/division by zero/);
    const rows = await next;
    expect(dense(rows)).toBe(true);
    expect(rows.map((row) => row.x)).toEqual([1, 2]);
  });

  test("after a statement cancelled from outside (as the national bench does), a session is still found", async () => {
    const person = await createPerson(sql, { roles: ["admin"] });
    const { token } = await createSession({ userId: person.id, secondFactor: true }, sql);
    const [{ pid }] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
    const cancelled = sql`select g, pg_sleep(case when g = 1 then 0 else 30 end) from generate_series(1, 3) g`
      .execute()
      .catch((error: Error) => error);
    await cancelWhileItSleeps(pid);
    expect(String(await cancelled)).toMatch(/canceling statement due to user request/);

    const found = await findSessionUser(token, sql);
    expect(found?.id).toBe(person.id);
  });
});
