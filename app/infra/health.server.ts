import type postgres from "postgres";
import { blobStore } from "./blobs/index.server";
import { config } from "./config.server";
import { connect, db } from "./db.server";
import { logger } from "./logger.server";
import { singleton } from "./singleton.server";

export type Health = { status: "ok" | "degraded"; db: "ok" | "down"; storage: "ok" | "down" };

/**
 * What `check` says, or false when it has not answered within `ms`. On a busy machine the event loop
 * can stall past the deadline; it then wakes with the timer and the answer both due, and timers run
 * first: the answer, read in that same turn of the loop, is given the chance to win.
 */
async function answersWithin(ms: number, check: () => Promise<boolean>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => setImmediate(() => resolve(false)), ms);
  });
  try {
    return await Promise.race([check().catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether the blob store (local folder or S3 bucket) answers, within two seconds. */
export function checkStorage(): Promise<boolean> {
  return answersWithin(2000, () => blobStore().check());
}

// The pings have a connection of their own: queued behind the pool's queries (a lock, a long
// query, a burst of visitors), a ping would time out and call a slow database a dead one.
const pingPool = singleton("db-ping", () => connect(config().databaseUrl, { max: 1 }));

/** True when a trivial query answers within the timeout. */
function pingDatabase(sql: postgres.Sql, timeoutMs = 2000): Promise<boolean> {
  return answersWithin(timeoutMs, async () => {
    await sql`select 1`;
    return true;
  });
}

export async function checkHealth(): Promise<Health> {
  const [dbOk, storageOk] = await Promise.all([probeDatabase(), checkStorage()]);
  return {
    status: dbOk && storageOk ? "ok" : "degraded",
    db: dbOk ? "ok" : "down",
    storage: storageOk ? "ok" : "down",
  };
}

// Concurrent callers share one ping: checks must not pile up on a pool that is waiting to reconnect,
// or on a database that does not answer.
let pingInFlight: Promise<boolean> | null = null;

/**
 * Pings PostgreSQL now and records the verdict in databaseStatus, so that /healthz (what a load
 * balancer polls), the pages and the request deadline always agree.
 */
export function probeDatabase(): Promise<boolean> {
  if (!pingInFlight) {
    const startedAt = performance.now();
    pingInFlight = (async () => {
      const ok = await pingDatabase(pingPool);
      // When PostgreSQL is back, answer only once the portal serves again: /healthz and the pages agree.
      await databaseStatus.report(ok, startedAt);
      pingInFlight = null;
      return ok;
    })();
  }
  return pingInFlight;
}

/**
 * Whether the database is known to be unreachable. Set when a ping fails (a request that hit a
 * connection error asks for one, and so do /healthz and the request deadline); while it is set, the
 * HTTP layer answers 503 at once instead of queueing requests on a dead pool. A probe then pings
 * every second and clears it once PostgreSQL answers again.
 */
class DatabaseStatus {
  private down = false;
  private changedAt = 0;
  private probe: NodeJS.Timeout | null = null;
  private recovering: Promise<void> | null = null;

  isDown() {
    return this.down;
  }

  /** The outcome of a ping started at `startedAt` (performance.now()); older than the last change, it says nothing new. */
  async report(ok: boolean, startedAt: number) {
    if (startedAt < this.changedAt) return;
    if (!ok) this.markDown();
    else if (this.down) await this.recover();
  }

  markDown() {
    if (this.down) return;
    this.down = true;
    this.changedAt = performance.now();
    logger.warn("base de données injoignable : les pages répondent 503 jusqu'à son retour");
    this.scheduleProbe();
  }

  /**
   * PostgreSQL answers again. Before serving, every connection of the pool runs one ping: postgres.js
   * 3.4.9 replays the error of a query cut by the shutdown (57P01) onto the first query of that
   * connection after it reconnects (the same fault as porsager/postgres#1223); better a ping than a visitor.
   */
  private recover() {
    this.recovering ??= (async () => {
      const startedAt = performance.now();
      await Promise.all(Array.from({ length: config().databasePoolSize }, () => pingDatabase(db)));
      const ok = await pingDatabase(db);
      if (ok && this.down && startedAt >= this.changedAt) this.markUp();
    })().finally(() => {
      this.recovering = null;
    });
    return this.recovering;
  }

  private markUp() {
    this.down = false;
    this.changedAt = performance.now();
    if (this.probe) clearTimeout(this.probe);
    this.probe = null;
    logger.info("base de données de nouveau joignable");
  }

  // One ping at a time: a ping that waits for its timeout must not pile up behind others.
  private scheduleProbe() {
    const timer: NodeJS.Timeout = setTimeout(async () => {
      const startedAt = performance.now();
      const ok = await pingDatabase(pingPool, 1000);
      if (this.probe !== timer) return; // cleared, or replaced by a newer outage's probe
      if (ok && startedAt >= this.changedAt) await this.recover();
      if (this.down && this.probe === timer) this.scheduleProbe();
    }, 1000);
    timer.unref();
    this.probe = timer;
  }
}

export const databaseStatus = singleton("database-status", () => new DatabaseStatus());
