import type postgres from "postgres";
import { config } from "./config.server";
import { logger } from "./logger.server";
import { connect } from "./postgres.server";
import { singleton } from "./singleton.server";

export { connect };

export type Sql = postgres.Sql | postgres.TransactionSql;

/** The process's pool. Lazy: postgres.js connects on the first query, after the embedded server is up. */
export const db: postgres.Sql = singleton("db", () => connect(config().databaseUrl, { max: config().databasePoolSize }));

/** Errors that mean "the database cannot be reached right now", as opposed to a bug or a violated rule. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== "string") return false;
  return (
    [
      "ECONNREFUSED",
      "ECONNRESET",
      "EPIPE",
      "ETIMEDOUT",
      "ENOTFOUND",
      "CONNECT_TIMEOUT",
      "CONNECTION_CLOSED",
      "CONNECTION_ENDED",
      "CONNECTION_DESTROYED",
      "57P01", // admin_shutdown
      "57P02", // crash_shutdown
      "57P03", // cannot_connect_now
    ].includes(code) || code.startsWith("08")
  );
}

/** True when a trivial query answers within the timeout. */
export async function pingDatabase(sql: postgres.Sql = db, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const ping = sql`select 1`.then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * postgres.js 3.4.9 can throw from inside a socket error handler when the server goes away
 * (porsager/postgres#1154, #1208; fixes #1168, #1209 unmerged), which would kill the process.
 * Those exceptions, and only those, are logged and the process stays up: the pool reconnects by itself.
 */
export function guardAgainstPostgresCrash() {
  singleton("postgres-crash-guard", () => {
    process.on("uncaughtException", (error) => {
      if (isPostgresDriverFault(error)) {
        logger.warn("postgres.js a levé une exception interne après une coupure ; le processus continue", {
          error: String(error),
        });
        return;
      }
      logger.error("exception non rattrapée, arrêt du processus", { error: error?.stack ?? String(error) });
      process.exit(1);
    });
    return true;
  });
}

export function isPostgresDriverFault(error: unknown): boolean {
  const stack = error instanceof Error ? error.stack ?? "" : "";
  return /node_modules[\\/]postgres[\\/](cjs[\\/])?src[\\/]connection\.js/.test(stack) || isDatabaseUnavailable(error);
}
