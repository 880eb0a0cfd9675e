// The built portal on its own database for one test file (run `npx remix build` first), with a
// connection to that database for what the tests arrange and check.
import type postgres from "postgres";
import { afterAll, beforeAll, inject } from "vitest";
import { connect } from "~/infra/postgres.server";
import { startTestServer, type TestServer } from "./server";

export function portalForThisFile() {
  const portal = {} as { server: TestServer; sql: postgres.Sql };
  beforeAll(async () => {
    portal.server = await startTestServer(inject("pgAdminUrl"));
    portal.sql = connect(portal.server.databaseUrl, { max: 2 });
  });
  afterAll(async () => {
    await portal.sql?.end();
    await portal.server?.stop();
  });
  return portal;
}
