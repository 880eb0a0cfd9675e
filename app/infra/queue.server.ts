import pg from "pg";
import { Logger, run, type Runner, type TaskList } from "graphile-worker";
import type { Sql } from "./db.server";
import { logger } from "./logger.server";

export type EnqueueOptions = { maxAttempts?: number; jobKey?: string; runAt?: Date };

/**
 * Adds a job in the caller's transaction: it exists only if the transaction commits,
 * so a state change and the work it triggers cannot drift apart. Arguments are cast: add_job
 * takes json (not jsonb), and untyped nulls would not resolve its named parameters.
 */
export async function enqueue(sql: Sql, task: string, payload: Record<string, unknown>, options: EnqueueOptions = {}) {
  await sql`
    select graphile_worker.add_job(
      ${task}::text,
      ${sql.json(payload as never)}::json,
      max_attempts => ${options.maxAttempts ?? 10}::int,
      job_key => ${options.jobKey ?? null}::text,
      run_at => ${options.runAt ?? null}::timestamptz
    )`;
}

const queueLogger = new Logger((scope) => (level, message) => {
  if (level === "error" || level === "warning") logger.warn(`file de tâches : ${message}`, { scope });
  else logger.debug(`file de tâches : ${message}`, { scope });
});

/** Runs the worker on the given pool until `stop()`; the pool's errors are logged, never fatal. */
export async function startQueueWorker(options: { connectionString: string; taskList: TaskList; crontab?: string; concurrency?: number }) {
  const pool = new pg.Pool({ connectionString: options.connectionString, max: (options.concurrency ?? 2) + 2 });
  // node-postgres emits 'error' on idle clients when the server goes away; unhandled, it kills the process.
  pool.on("error", (error) => logger.warn("file de tâches : connexion perdue", { error: error.message }));
  pool.on("connect", (client) => client.on("error", (error) => logger.warn("file de tâches : connexion perdue", { error: error.message })));
  const runner: Runner = await run({
    pgPool: pool,
    taskList: options.taskList,
    // graphile-worker's cron: each item runs once per slot across all workers.
    crontab: options.crontab ?? "",
    concurrency: options.concurrency ?? 2,
    noHandleSignals: true,
    pollInterval: 1000,
    logger: queueLogger,
  });
  return {
    runner,
    async stop() {
      await runner.stop();
      await pool.end();
    },
  };
}
