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

// libpq's `?host=/directory` names a Unix socket; postgres.js would send it to the server as a setting.
test("a URL's socket directory becomes the pool's socket, and the other parameters stay settings", async () => {
  const sql = connect("postgres://nobody@127.0.0.1:5433/none?host=%2Frun%2Fpostgresql&search_path=kits");
  try {
    expect(sql.options.path).toBe("/run/postgresql/.s.PGSQL.5433");
    expect(sql.options.connection).not.toHaveProperty("host");
    expect(sql.options.connection).toHaveProperty("search_path", "kits");
  } finally {
    await sql.end();
  }
});
