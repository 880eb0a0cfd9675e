import { db, type Sql } from "~/infra/db.server";
import { TooManyAttempts } from "./errors";
import { transaction } from "~/infra/transaction.server";

// 10 failures within 15 minutes, for an account or for an address, and the next attempt is refused.
export const MAX_FAILURES = 10;
export const FAILURE_WINDOW_SECONDS = 15 * 60;

export function accountKey(email: string) {
  return `account:${email.trim().toLowerCase()}`;
}

export function addressKey(ip: string) {
  return `address:${ip}`;
}

/** The counters an attempt is charged to: always the account, and the address when known. */
export function throttleKeys(email: string, ip: string | null | undefined): string[] {
  return ip ? [accountKey(email), addressKey(ip)] : [accountKey(email)];
}

export type Attempt = { failureIds: number[] };

/**
 * Starts a login (or second-factor) attempt. Refuses it with TooManyAttempts when a counter is
 * full; otherwise records it as a failure up front, which `succeeded()` cancels. Counting first
 * (under a per-key lock) means that a burst of concurrent guesses cannot slip past the limit
 * while their passwords are being checked.
 */
export async function beginAttempt(keys: string[], sql: Sql = db): Promise<Attempt> {
  return transaction(sql, async (tx) => {
    for (const key of [...keys].sort()) {
      await tx`select pg_advisory_xact_lock(hashtextextended(${"login_failures:" + key}, 0))`;
    }
    const full = await tx<{ key: string; count: number; oldestCounted: Date }[]>`
      select key, count(*)::int as count,
             (array_agg(at order by at desc))[${MAX_FAILURES}] as oldest_counted
      from login_failures
      where key = any(${keys}) and at > now() - make_interval(secs => ${FAILURE_WINDOW_SECONDS})
      group by key
      having count(*) >= ${MAX_FAILURES}`;
    if (full.length > 0) {
      // Refused until the MAX_FAILURES-th most recent failure leaves the window.
      const until = Math.max(...full.map((row) => new Date(row.oldestCounted).getTime() + FAILURE_WINDOW_SECONDS * 1000));
      throw new TooManyAttempts(Math.max(1, Math.ceil((until - Date.now()) / 1000)));
    }
    // Old rows are useless: keep the table as small as the window.
    await tx`delete from login_failures where key = any(${keys}) and at <= now() - make_interval(secs => ${FAILURE_WINDOW_SECONDS})`;
    const rows = await tx<{ id: number }[]>`
      insert into login_failures (key) select unnest(${keys}::text[]) returning id`;
    return { failureIds: rows.map((row) => row.id) };
  });
}

/** The attempt succeeded: it no longer counts as a failure. */
export async function attemptSucceeded(attempt: Attempt, sql: Sql = db) {
  await sql`delete from login_failures where id = any(${attempt.failureIds})`;
}

/** Forgets an account's failures after a full login or a password reset; the address keeps its own. */
export async function clearAccountFailures(email: string, sql: Sql = db) {
  await sql`delete from login_failures where key = ${accountKey(email)}`;
}

/** Drops failures too old to count for any key (attempts clean their own keys; this catches the rest). */
export async function purgeStaleLoginFailures(sql: Sql = db) {
  await sql`delete from login_failures where at <= now() - make_interval(secs => ${FAILURE_WINDOW_SECONDS})`;
}
