// Long CSV exports: an admin asks, the worker writes the file with the streaming writer while the
// row holds how far it has gone, a page shows the progress, then the download. Only the person who
// asked, or an admin, ever sees an export (docs/decisions/038).
import { randomBytes } from "node:crypto";
import type postgres from "postgres";
import { hasRole, type CurrentUser } from "~/accounts/permissions.server";
import { appendAudit } from "~/audit/audit.server";
import { blobStore } from "~/infra/blobs/index.server";
import type { BlobStore } from "~/infra/blobs/blob-store";
import { SPREADSHEET_BOM, spreadsheetLine } from "~/infra/csv";
import { writeCsvToStore } from "~/infra/csv-stream.server";
import { db, type Sql } from "~/infra/db.server";
import { NotFound } from "~/infra/domain-errors";
import { logger } from "~/infra/logger.server";
import { enqueue } from "~/infra/queue.server";
import { transaction } from "~/infra/transaction.server";
import type { ExportKind } from "./kinds";
import type { ExportStatus } from "./status";
import { exportDefinitions } from "./kinds.server";

export const RUN_EXPORT_TASK = "run_export";

export type ExportJob = {
  id: number;
  kind: ExportKind;
  title: string;
  requestedBy: number;
  status: ExportStatus;
  rowsTotal: number | null;
  rowsDone: number;
  byteSize: number | null;
  requestedAt: Date;
  finishedAt: Date | null;
};

const CURSOR_BATCH = 1000;

/** Records the request and queues its job in the same transaction. */
export async function requestExport(input: { kind: ExportKind; userId: number; now: Date }, sql: Sql = db): Promise<{ id: number }> {
  return transaction(sql, async (tx) => {
    const [job]: [{ id: number }] = await tx`
      insert into export_jobs (kind, requested_by, requested_at) values (${input.kind}, ${input.userId}, ${input.now}) returning id`;
    await enqueue(tx, RUN_EXPORT_TASK, { id: job.id }, { maxAttempts: 1 });
    await appendAudit(tx, { actorId: input.userId, action: "export.requested", subject: `export:${job.id}`, data: { kind: input.kind } });
    return job;
  });
}

/**
 * Writes the export's file, telling its row how far it has gone after each batch (on the pool, so
 * the progress page sees it while the rows are still being read in their own transaction).
 */
export async function runExport(id: number, options: { now: () => Date; sql?: postgres.Sql; store?: BlobStore }): Promise<void> {
  const sql = options.sql ?? db;
  const store = options.store ?? blobStore();
  const [job]: [{ kind: ExportKind }?] = await sql`
    update export_jobs set status = 'running' where id = ${id} and status = 'queued' returning kind`;
  if (!job) return; // already run, or gone
  const definition = exportDefinitions[job.kind];
  const key = `exports/${id}/${randomBytes(8).toString("hex")}.csv`;
  try {
    const stored = await sql.begin("isolation level repeatable read read only", async (tx) => {
      const total = await definition.count(tx);
      await sql`update export_jobs set rows_total = ${total} where id = ${id}`;
      return writeCsvToStore(store, key, {
        head: SPREADSHEET_BOM + spreadsheetLine(definition.header),
        batches: definition.rows(tx).cursor(CURSOR_BATCH),
        line: (row) => spreadsheetLine(definition.cells(row)),
        progress: async (rowsDone) => {
          await sql`update export_jobs set rows_done = ${rowsDone} where id = ${id}`;
        },
      });
    });
    await sql`
      update export_jobs set status = 'done', rows_done = ${stored.rowCount}, blob_key = ${key}, byte_size = ${stored.size}, sha256 = ${stored.sha256},
        finished_at = ${options.now()}
      where id = ${id}`;
  } catch (error) {
    logger.error("export en échec", { id, error: error instanceof Error ? error.message : String(error) });
    await sql`update export_jobs set status = 'failed', finished_at = ${options.now()} where id = ${id}`;
    await store.delete(key).catch(() => {});
  }
}

const visibleTo = (sql: Sql, user: CurrentUser) => (hasRole(user, "admin") ? sql`true` : sql`requested_by = ${user.id}`);

/** An export as its page shows it; NotFound unless the user asked for it or is an admin. */
export async function findExport(id: number, user: CurrentUser, sql: Sql = db): Promise<ExportJob> {
  const [job]: [Omit<ExportJob, "title">?] = await sql`
    select id, kind, requested_by, status, rows_total, rows_done, byte_size, requested_at, finished_at
    from export_jobs where id = ${id} and ${visibleTo(sql, user)}`;
  if (!job) throw new NotFound("Export introuvable.");
  return { ...job, title: exportDefinitions[job.kind].title };
}

/** The user's latest exports. */
export async function listExports(user: CurrentUser, sql: Sql = db): Promise<ExportJob[]> {
  const jobs = await sql<Omit<ExportJob, "title">[]>`
    select id, kind, requested_by, status, rows_total, rows_done, byte_size, requested_at, finished_at
    from export_jobs where requested_by = ${user.id} order by id desc limit 20`;
  return jobs.map((job) => ({ ...job, title: exportDefinitions[job.kind].title }));
}

/** A finished export's file; NotFound unless done and the user may see it. */
export async function openExport(id: number, user: CurrentUser, sql: Sql = db, store: BlobStore = blobStore()) {
  const [job]: [{ kind: ExportKind; blobKey: string; sha256: string }?] = await sql`
    select kind, blob_key, sha256 from export_jobs where id = ${id} and status = 'done' and ${visibleTo(sql, user)}`;
  if (!job) throw new NotFound("Export introuvable ou pas encore prêt.");
  return {
    stream: await store.get(job.blobKey),
    contentType: "text/csv; charset=utf-8",
    filename: exportDefinitions[job.kind].filename,
    disposition: "attachment" as const,
    sha256: job.sha256,
  };
}
