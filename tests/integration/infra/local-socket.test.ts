import pg from "pg";
import { expect, test } from "vitest";
import { connect, postgresJsTarget } from "~/infra/postgres.server";

// The embedded server is reached over its Unix socket (decision 051): both drivers must read the
// URL's `?host=/directory` as a socket — postgres.js for the portal, node-postgres for the job queue.
// PostgreSQL reports no server address for a Unix-socket connection.
const url = process.env.DATABASE_URL!;

test("the test databases' URL names the embedded server's socket directory", () => {
  expect(new URL(url).searchParams.get("host")).toBe("/tmp");
});

test("the portal's pool talks to PostgreSQL over the Unix socket", async () => {
  const sql = connect(url, { max: 1 });
  try {
    const [row] = await sql`select inet_server_addr() as address, current_database() as database`;
    expect(row).toEqual({ address: null, database: new URL(url).pathname.slice(1) });
  } finally {
    await sql.end();
  }
});

test("the job queue's driver reads the same URL as the same socket", async () => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query("select inet_server_addr() as address");
    expect(rows).toEqual([{ address: null }]);
  } finally {
    await client.end();
  }
});

test("without the socket directory, the same URL goes through TCP", async () => {
  const sql = connect(postgresJsTarget(url).url, { max: 1 });
  try {
    const [row] = await sql`select host(inet_server_addr()) as address`;
    expect(row.address).toBe("127.0.0.1");
  } finally {
    await sql.end();
  }
});
