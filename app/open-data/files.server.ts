// The open-data files: written by the worker, streamed from a database cursor through the CSV
// encoder into the blob store (a multipart upload on S3), so memory stays flat whatever the number
// of rows; and read back for the download page and the downloads (docs/decisions/038).
import { randomBytes } from "node:crypto";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import type postgres from "postgres";
import { blobStore } from "~/infra/blobs/index.server";
import type { BlobStore } from "~/infra/blobs/blob-store";
import { csvRecord } from "~/infra/csv";
import { writeCsvToStore } from "~/infra/csv-stream.server";
import { db, type Sql } from "~/infra/db.server";
import { NotFound } from "~/infra/domain-errors";
import { logger } from "~/infra/logger.server";
import { columnsOf, openDataNames, openDataSet, type OpenDataName, type OpenDataSet } from "./datasets";
import { datasetQueries } from "./queries.server";

export type OpenDataFile = {
  name: OpenDataName;
  byteSize: number;
  /** The compressed copy's size, null for a file written before the copies existed. */
  gzipByteSize: number | null;
  rowCount: number;
  sha256: string;
  generatedAt: Date;
};

/** Where a file's compressed copy is: beside the file. */
export const gzipKeyOf = (blobKey: string) => `${blobKey}.gz`;

// A pool, not a transaction: each file is read in its own transaction, however long it takes.
type Deps = { sql?: postgres.Sql; store?: BlobStore };

// Rows fetched per round trip: enough to keep the cursor cheap, few enough to stay small in memory.
const CURSOR_BATCH = 1000;

/**
 * Writes the file `name` again when what it is read from changed since the last time (or always,
 * with `force`), and returns what was written; null when nothing was to be done, or when another
 * worker is writing it right now. The rows are read in one repeatable-read transaction, so the
 * file is one consistent picture even while orders go on.
 */
export async function generateOpenDataFile(name: OpenDataName, options: Deps & { now: Date; force?: boolean }): Promise<OpenDataFile | null> {
  const sql = options.sql ?? db;
  const store = options.store ?? blobStore();
  const query = datasetQueries[name];
  let written: string | null = null;
  let outdated: string | null = null;
  try {
    const file = await sql.begin("isolation level repeatable read", async (tx) => {
      const [{ locked }]: [{ locked: boolean }] =
        await tx`select pg_try_advisory_xact_lock(hashtext('open_data_files'), hashtext(${name})) as locked`;
      if (!locked) return null;
      const [current]: [{ sourceMark: string; blobKey: string; previousBlobKey: string | null }?] = await tx`
        select source_mark, blob_key, previous_blob_key from open_data_files where name = ${name}`;
      const mark = await query.mark(tx);
      if (current && current.sourceMark === mark && !options.force) return null;

      const key = `open-data/${name}/${options.now
        .toISOString()
        .replace(/[^0-9]/g, "")
        .slice(0, 14)}-${randomBytes(6).toString("hex")}.csv`;
      const stored = await writeCsvToStore(store, key, {
        head: csvRecord(columnsOf(name)),
        batches: query.rows(tx).cursor(CURSOR_BATCH),
        line: (row) => csvRecord(query.record(row)),
      });
      written = key;
      const packed = await storeGzipCopy(store, key);
      await tx`
        insert into open_data_files (name, blob_key, previous_blob_key, byte_size, gzip_byte_size, row_count, sha256, source_mark, generated_at)
        values (${name}, ${key}, ${current?.blobKey ?? null}, ${stored.size}, ${packed.size}, ${stored.rowCount}, ${stored.sha256}, ${mark}, ${options.now})
        on conflict (name) do update set blob_key = excluded.blob_key, previous_blob_key = excluded.previous_blob_key, byte_size = excluded.byte_size,
          gzip_byte_size = excluded.gzip_byte_size, row_count = excluded.row_count, sha256 = excluded.sha256,
          source_mark = excluded.source_mark, generated_at = excluded.generated_at`;
      // The file before the previous one: no download can still be reading it.
      outdated = current?.previousBlobKey ?? null;
      return { name, byteSize: stored.size, gzipByteSize: packed.size, rowCount: stored.rowCount, sha256: stored.sha256, generatedAt: options.now };
    });
    if (outdated) await deleteQuietly(store, outdated);
    return file;
  } catch (error) {
    // The row was not written: the new blob is nobody's.
    if (written) await deleteQuietly(store, written);
    throw error;
  }
}

/** Every file written again if its data changed: what the worker runs on its schedule. */
export async function generateOpenData(options: Deps & { now: Date; force?: boolean }): Promise<OpenDataFile[]> {
  const written: OpenDataFile[] = [];
  for (const name of openDataNames) {
    const file = await generateOpenDataFile(name, options);
    if (file) written.push(file);
  }
  return written;
}

/**
 * The file compressed once, here, read back from the store and streamed through gzip into it: a
 * download then sends these bytes as they are, where compressing ten megabytes on each request
 * cost most of a second of the web process (docs/decisions/047).
 */
async function storeGzipCopy(store: BlobStore, key: string) {
  const gzip = createGzip({ level: 9 });
  const compressing = pipeline(await store.get(key), gzip);
  const [packed] = await Promise.all([store.put(gzipKeyOf(key), gzip, { contentType: "application/gzip" }), compressing]);
  return packed;
}

async function deleteQuietly(store: BlobStore, key: string) {
  for (const each of [key, gzipKeyOf(key)]) {
    try {
      await store.delete(each);
    } catch (error) {
      logger.warn("données ouvertes : un ancien fichier n'a pas pu être supprimé", { key: each, error: (error as Error).message });
    }
  }
}

export type OpenDataEntry = OpenDataSet & { file: OpenDataFile | null };

/** The four files for the download page: each one's description, columns, and last generation (null before the first). */
export async function listOpenDataFiles(sql: Sql = db): Promise<OpenDataEntry[]> {
  const rows = await sql<OpenDataFile[]>`select name, byte_size, gzip_byte_size, row_count, sha256, generated_at from open_data_files`;
  return openDataNames.map((name) => ({ ...openDataSet(name), file: rows.find((row) => row.name === name) ?? null }));
}

/** A file's last generation and where its bytes are; NotFound before the first. */
export async function findOpenDataFile(name: OpenDataName, sql: Sql = db): Promise<OpenDataFile & { blobKey: string }> {
  const [file]: [(OpenDataFile & { blobKey: string })?] = await sql`
    select name, blob_key, byte_size, gzip_byte_size, row_count, sha256, generated_at from open_data_files where name = ${name}`;
  if (!file) throw new NotFound("Ce fichier n'a pas encore été produit. Revenez dans quelques minutes.");
  return file;
}

/** The bytes of a file as last generated. */
export function readOpenDataBlob(blobKey: string, store: BlobStore = blobStore()): Promise<NodeJS.ReadableStream> {
  return store.get(blobKey);
}
