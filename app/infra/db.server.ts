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
      "ENOENT", // a Unix socket whose server is stopped (it removes the socket file)
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

/**
 * Whether a statement was refused by the named constraint (unique key, check, or a trigger raising
 * with that constraint name): how domain code turns the database's invariants into its own errors.
 */
export function violatesConstraint(error: unknown, constraint: string): boolean {
  const e = error as { code?: unknown; constraint_name?: string; constraintName?: string } | null;
  return typeof e?.code === "string" && e.code.startsWith("23") && (e.constraint_name ?? e.constraintName) === constraint;
}

/**
 * A connection reset by the other end, raised by a socket that nobody listens to any more: its
 * driver had already given it up. PostgreSQL shutting down resets the connections that still had
 * data in flight, and on a Unix socket a reset often comes after the driver let go (seen with the
 * embedded server, decision 051). Nothing is waiting for that socket, and the pools reconnect by
 * themselves: it is not a reason to stop serving. Only the socket's own error qualifies — a reset
 * thrown from any code of ours or a library's has other frames in its stack.
 */
export function isUnheardConnectionReset(error: unknown): boolean {
  if (!(error instanceof Error) || !error.stack) return false;
  const { code, syscall } = error as NodeJS.ErrnoException;
  if (!(code === "ECONNRESET" || code === "EPIPE") || !(syscall === "read" || syscall === "write")) return false;
  return javaScriptFrames(error.stack).length === 0;
}

/** The stack's frames of JavaScript code, Node's internals and native frames left out. */
function javaScriptFrames(stack: string): string[] {
  return stack.split("\n").filter((line) => /^\s+at /.test(line) && !/\((<anonymous>|node:[^)]*)\)$|^\s+at node:/.test(line));
}

/**
 * postgres.js 3.4.9 can throw from inside a socket error handler when the server goes away
 * (porsager/postgres#1154, #1208; fixes #1168, #1209 unmerged), and it drops the promise of the
 * array-types query it runs on each new connection, so a connection cut at that moment ends in an
 * unhandled rejection (#1192, #1205, #1223). Either would kill the process. Those faults, and only
 * those, are logged and the process stays up: the pool reconnects by itself. Anything else uncaught
 * still stops the process, as Node would.
 */
export function guardAgainstPostgresCrash() {
  singleton("postgres-crash-guard", () => {
    const handle = (error: unknown) => {
      if (isPostgresDriverFault(error)) {
        logger.warn("postgres.js a levé une exception interne après une coupure ; le processus continue", {
          error: String(error),
        });
        return;
      }
      if (isUnheardConnectionReset(error)) {
        logger.warn("connexion coupée par le serveur après que son client l'a quittée ; le processus continue", {
          error: String(error),
        });
        return;
      }
      logger.error("exception non rattrapée, arrêt du processus", { error: (error as Error | null)?.stack ?? String(error) });
      process.exit(1);
    };
    process.on("uncaughtException", handle);
    process.on("unhandledRejection", handle);
    return true;
  });
}

// The catalog query postgres.js runs, unawaited, on each new connection (fetchArrayTypes in connection.js).
const driverArrayTypesQuery = /from pg_catalog\.pg_type a\s+left join pg_catalog\.pg_type b on b\.oid = a\.typelem/;

/**
 * True for the driver's own faults: a TypeError thrown from its socket handlers (`query.origin.replace`
 * on a query without origin, "Cannot redefine property: query"), whose first frame of JavaScript
 * (native frames skipped) is inside its connection.js; or the rejection of its internal array-types
 * query, which nobody awaits (postgres.js attaches the failed query's text to the error). Query
 * errors, connection errors delivered to a caller, and everything else are not: uncaught, they are a
 * bug of ours.
 */
export function isPostgresDriverFault(error: unknown): boolean {
  if (!(error instanceof Error) || !error.stack) return false;
  const [first] = javaScriptFrames(error.stack);
  if (first === undefined) return false;
  if (error instanceof TypeError) return /[\\/]node_modules[\\/]postgres[\\/](cjs[\\/])?src[\\/]connection\.js:\d+/.test(first);
  const query = (error as { query?: unknown }).query;
  return (
    typeof query === "string" &&
    driverArrayTypesQuery.test(query) &&
    /[\\/]node_modules[\\/]postgres[\\/](cjs[\\/])?src[\\/][a-z]+\.js:\d+/.test(first)
  );
}
