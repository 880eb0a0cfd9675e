import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type postgres from "postgres";
import { Logger, runMigrations as runQueueMigrations } from "graphile-worker";
import { connect } from "../app/infra/postgres.server";
import { syncTerritories } from "../app/territories/reference-data.server";

export const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

export type MigrationFile = { version: number; name: string; sql: string; checksum: string };

export class MigrationError extends Error {}

// Any fixed numbers work; they only have to be the same for every process of the portal.
const MIGRATION_LOCK = 7_340_021;
const PREPARATION_LOCK = 7_340_022;

export async function readMigrations(dir = migrationsDir): Promise<MigrationFile[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".sql")).sort();
  const migrations: MigrationFile[] = [];
  for (const name of files) {
    const match = /^(\d{4})_[a-z0-9_]+\.sql$/.exec(name);
    if (!match) throw new MigrationError(`Nom de migration invalide : ${name} (attendu : 0001_description.sql)`);
    const sql = await readFile(path.join(dir, name), "utf8");
    migrations.push({ version: Number(match[1]), name, sql, checksum: createHash("sha256").update(sql).digest("hex") });
  }
  return migrations;
}

/**
 * Applies the pending migrations in one transaction (all or nothing), under an advisory lock so that
 * processes starting together apply them once. An applied migration whose file changed stops everything.
 */
export async function migrate(sql: postgres.Sql, options: { dir?: string; connectionString?: string } = {}) {
  const migrations = await readMigrations(options.dir);
  const applied: string[] = [];
  await sql.begin(async (tx) => {
    // Transaction-scoped lock: released at commit even if this process dies mid-way.
    await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK})`;
    await tx`
      create table if not exists schema_migrations (
        version    int primary key,
        name       text not null,
        checksum   text not null,
        applied_at timestamptz not null default now()
      )`;
    const done = new Map<number, { name: string; checksum: string }>();
    for (const row of await tx<{ version: number; name: string; checksum: string }[]>`
      select version, name, checksum from schema_migrations`) {
      done.set(row.version, row);
    }
    for (const migration of migrations) {
      const previous = done.get(migration.version);
      if (previous) {
        if (previous.checksum !== migration.checksum) {
          throw new MigrationError(
            `La migration ${migration.name} a été modifiée après avoir été appliquée ` +
              `(empreinte enregistrée ${previous.checksum.slice(0, 12)}…, fichier ${migration.checksum.slice(0, 12)}…). ` +
              `Remettez le fichier dans son état d'origine et ajoutez une nouvelle migration.`,
          );
        }
        continue;
      }
      await tx.savepoint(async (step) => {
        await step.unsafe(migration.sql);
        await step`
          insert into schema_migrations (version, name, checksum)
          values (${migration.version}, ${migration.name}, ${migration.checksum})`;
      });
      applied.push(migration.name);
    }
  });
  if (options.connectionString) {
    // The job queue's own schema (graphile_worker), versioned by graphile-worker itself.
    await runQueueMigrations({ connectionString: options.connectionString, logger: quietQueueLogger });
  }
  return applied;
}

const quietQueueLogger = new Logger(() => () => {});

/**
 * What every start does before serving: the migrations, then the reference data they expect
 * (the territories, loaded once per edition). Returns the migrations applied.
 *
 * Processes that start together (N web processes and the workers of one deployment, or a release
 * command beside them) take turns: the queue's migrations and the territories' load are not safe
 * to run twice at once (two loads of an empty database collide on their keys, and the later start
 * fails). The lock is held by a session of its own, so it is released even if this process dies.
 */
export async function prepareDatabase(sql: postgres.Sql, options: { connectionString: string }) {
  const lock = connect(options.connectionString, { max: 1 });
  try {
    await lock`select pg_advisory_lock(${PREPARATION_LOCK})`;
    const applied = await migrate(sql, options);
    await syncTerritories(sql);
    return applied;
  } finally {
    await lock.end({ timeout: 5 });
  }
}
