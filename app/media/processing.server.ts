import type { Task } from "graphile-worker";
import { z } from "zod";
import { appendAudit } from "~/audit/audit.server";
import { BlobNotFound, type BlobStore } from "~/infra/blobs/blob-store";
import type { Sql } from "~/infra/db.server";
import { logger } from "~/infra/logger.server";
import { transaction } from "~/infra/transaction.server";
import type { FileTarget } from "./file-target";
import { resolveDeps, type MediaDeps } from "./files.server";
import { fileKeys, MAX_PDF_PAGES, variantsOf, type FileKind, type Variant } from "./media";
import { cleanPdfIsolated } from "./pdf-isolation.server";
import { renderPhoto } from "./photos.server";

export type ProcessOutcome =
  | { status: "ready"; fileId: number }
  | { status: "refused"; fileId: number; reason: string; stage: "read" | "header" | "decode" | "document" | "failed" }
  /** Nothing to do: no such file, or already processed (a retried or duplicated job). */
  | { status: "skipped"; fileId: number };

type Pending = { id: number; recordId: number; kind: FileKind; status: string; originalKey: string };

const failedReason = "Le traitement de ce fichier a échoué à plusieurs reprises. Retirez-le puis déposez-le de nouveau.";

/**
 * Turns an uploaded original into the copies that are served — photos re-encoded without metadata,
 * PDFs cleaned — or refuses it with a reason the designer reads. Idempotent: keys are fixed per file,
 * and the outcome is written only while the row is still 'processing'. No lock is held during the
 * slow part: the row is read, the work done, then one short transaction records the outcome.
 * Infrastructure faults (blob store, database) are thrown for the queue to retry; on the last
 * attempt (`lastAttempt`) the file is refused instead of staying 'processing' forever.
 */
export async function processUpload(target: FileTarget, fileId: number, deps: MediaDeps & { lastAttempt?: boolean } = {}): Promise<ProcessOutcome> {
  const { sql, store } = resolveDeps(deps);
  const [file]: [Pending?] = await sql`
    select id, ${sql(target.recordColumn)} as record_id, kind, status, original_key
    from ${sql(target.table)} where id = ${fileId}`;
  if (!file || file.status !== "processing") return { status: "skipped", fileId };

  const run = { target, file, sql, store };
  try {
    return await processPending(run);
  } catch (error) {
    if (!deps.lastAttempt) throw error;
    logger.error("traitement d'un fichier abandonné après la dernière tentative", { fileId, error: String(error) });
    return refuse(run, failedReason, "failed");
  }
}

/** One processing run: the file, its target, and what it runs against. */
type Run = { target: FileTarget; file: Pending; sql: Sql; store: BlobStore };

async function processPending(run: Run): Promise<ProcessOutcome> {
  const { target, file, sql, store } = run;
  const keys = fileKeys(target, file.recordId, file.id);
  let original: Buffer;
  try {
    original = await readAll(await store.get(file.originalKey));
  } catch (error) {
    if (!(error instanceof BlobNotFound)) throw error;
    return refuse(run, "Le fichier déposé est introuvable dans le stockage. Retirez-le puis déposez-le de nouveau.", "read");
  }

  if (file.kind === "photo") {
    const photo = await renderPhoto(original, { maxPixels: await target.maxPhotoPixels(file.recordId, sql) });
    if (!photo.ok) return refuse(run, photo.reason, photo.stage);
    const { large, medium, thumbnail } = photo.derivatives;
    const [storedLarge] = await allWritten([
      store.put(keys.large, large, { contentType: "image/webp" }),
      store.put(keys.medium, medium, { contentType: "image/webp" }),
      store.put(keys.thumbnail, thumbnail, { contentType: "image/webp" }),
    ]);
    return markReady(run, {
      derivatives: { large: keys.large, medium: keys.medium, thumbnail: keys.thumbnail },
      // The digest of the bytes as stored: what a reader can check against.
      readySha256: storedLarge.sha256,
      width: photo.width,
      height: photo.height,
      pages: null,
    });
  }

  const pdf = await cleanPdfIsolated(original, { maxPages: MAX_PDF_PAGES });
  if (!pdf.ok) return refuse(run, pdf.reason, "document");
  const clean = await store.put(keys.clean, Buffer.from(pdf.bytes.buffer, pdf.bytes.byteOffset, pdf.bytes.byteLength), {
    contentType: "application/pdf",
  });
  return markReady(run, { derivatives: { clean: keys.clean }, readySha256: clean.sha256, width: null, height: null, pages: pdf.pages });
}

type Ready = {
  derivatives: Partial<Record<Variant, string>>;
  readySha256: string;
  width: number | null;
  height: number | null;
  pages: number | null;
};

async function markReady({ target, file, sql }: Run, ready: Ready): Promise<ProcessOutcome> {
  await transaction(sql, async (tx) => {
    // Record first, then file: the order every transaction touching both takes.
    await target.lockRecord(file.recordId, tx);
    const [updated] = await tx`
      update ${tx(target.table)}
      set status = 'ready', derivatives = ${tx.json(ready.derivatives)}, ready_sha256 = ${ready.readySha256},
          width = ${ready.width}, height = ${ready.height}, pages = ${ready.pages}, processed_at = now()
      where id = ${file.id} and status = 'processing'
      returning id`;
    if (!updated) return;
    await target.filesChanged(file.recordId, tx);
    await appendAudit(tx, {
      actorId: null,
      action: `${target.auditName}.file_ready`,
      subject: `${target.auditName}:${file.recordId}`,
      data: { fileId: file.id, sha256: ready.readySha256 },
    });
  });
  return { status: "ready", fileId: file.id };
}

async function refuse(
  { target, file, sql, store }: Run,
  reason: string,
  stage: Extract<ProcessOutcome, { status: "refused" }>["stage"],
): Promise<ProcessOutcome> {
  const refused = await transaction(sql, async (tx) => {
    const [updated] = await tx`
      update ${tx(target.table)} set status = 'refused', refusal_reason = ${reason}, processed_at = now()
      where id = ${file.id} and status = 'processing'
      returning id`;
    if (!updated) return false;
    await appendAudit(tx, {
      actorId: null,
      action: `${target.auditName}.file_refused`,
      subject: `${target.auditName}:${file.recordId}`,
      data: { fileId: file.id, reason },
    });
    return true;
  });
  // Copies written by an earlier, interrupted attempt must not outlive the refusal (they could
  // never be served: only 'ready' files are).
  if (refused) {
    const keys = fileKeys(target, file.recordId, file.id);
    await Promise.all(
      variantsOf(file.kind).map((variant) =>
        store
          .delete(keys[variant])
          .catch((error) => logger.error("copie d'un fichier refusé non supprimée", { key: keys[variant], error: String(error) })),
      ),
    );
  }
  return { status: "refused", fileId: file.id, reason, stage };
}

const PURGE_BATCH = 100;

/**
 * Deletes refused files' originals from the store and returns how many: never served, they would
 * only keep a designer's hostile or broken bytes. The row stays, marked so that the next run skips
 * it. The store first, the mark second: a run interrupted between the two deletes again, harmlessly.
 */
export async function purgeRefusedOriginals(target: FileTarget, deps: MediaDeps = {}): Promise<number> {
  const { sql, store } = resolveDeps(deps);
  let purged = 0;
  for (;;) {
    const batch = await sql<{ id: number; originalKey: string }[]>`
      select id, original_key from ${sql(target.table)}
      where status = 'refused' and original_purged_at is null
      order by id limit ${PURGE_BATCH}`;
    for (const file of batch) {
      await store.delete(file.originalKey);
      await sql`update ${sql(target.table)} set original_purged_at = now() where id = ${file.id}`;
    }
    purged += batch.length;
    if (batch.length < PURGE_BATCH) return purged;
  }
}

/**
 * Like Promise.all, but waits for every write to finish even when one fails: a refusal that
 * follows must not delete copies before a still-running write puts them back.
 */
async function allWritten<T>(writes: Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(writes);
  const failed = results.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
  return results.map((result) => (result as PromiseFulfilledResult<T>).value);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

const payloadSchema = z.object({ fileId: z.number().int().positive() });

/** The queue's entry point for the target's uploads (its task `target.processTask`, queued by receiveUpload). */
export function processUploadTask(target: FileTarget): Task {
  return async (payload, helpers) => {
    const { fileId } = payloadSchema.parse(payload);
    const outcome = await processUpload(target, fileId, { lastAttempt: helpers.job.attempts >= helpers.job.max_attempts });
    helpers.logger.debug(`fichier ${fileId} : ${outcome.status}`);
  };
}
