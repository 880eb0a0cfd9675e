import type postgres from "postgres";
import type { Sql } from "./db.server";

/**
 * Runs `work` atomically: in a new transaction on a pool, or in a savepoint when the caller
 * already holds a transaction, so domain functions compose without knowing who called them.
 */
export function transaction<T>(sql: Sql, work: (tx: postgres.TransactionSql) => Promise<T>): Promise<T> {
  if ("savepoint" in sql) return sql.savepoint(work) as Promise<T>;
  return sql.begin(work) as Promise<T>;
}
