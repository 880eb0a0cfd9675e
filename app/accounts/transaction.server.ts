import type postgres from "postgres";
import type { Sql } from "~/infra/db.server";

/**
 * Runs `fn` in a transaction: a new one on a pool, a savepoint inside the caller's transaction,
 * so domain functions compose whether or not they are called from another one.
 */
export async function transaction<T>(sql: Sql, fn: (tx: postgres.TransactionSql) => Promise<T>): Promise<T> {
  if ("savepoint" in sql) return (await sql.savepoint(fn)) as T;
  return (await (sql as postgres.Sql).begin(fn)) as T;
}
