import { expect, test } from "vitest";
import { connect } from "~/infra/postgres.server";

// postgres.js's default waits up to 20 s between attempts after a long outage: the portal would stay
// down that long after PostgreSQL is back (tests/integration/resilience/postgres-restart.test.ts).
test("a pool tries a refused connection again at least every second, however long the outage", async () => {
  const sql = connect("postgres://nobody@127.0.0.1:1/none"); // never connects: pools are lazy
  try {
    const backoff = sql.options.backoff as unknown as (retries: number) => number;
    for (let retries = 0; retries <= 100; retries++) expect(backoff(retries)).toBeLessThanOrEqual(1);
  } finally {
    await sql.end();
  }
});
