import { fileTypeFromBuffer } from "file-type";
import { Readable } from "node:stream";
import { appendAudit } from "~/audit/audit.server";
import { BlobTooLarge } from "~/infra/blobs/blob-store";
import type { Sql } from "~/infra/db.server";
import { logger } from "~/infra/logger.server";
import { enqueue } from "~/infra/queue.server";
import { transaction } from "~/infra/transaction.server";
import type { FileLimits, FileTarget } from "./file-target";
import { mediaFileColumns, resolveDeps, type MediaDeps, type MediaFile } from "./files.server";
import { sanitizeFilename } from "./filename";
import { acceptedTypes, fileKeys, UploadRefused, type FileKind } from "./media";

/** Enough for file-type to tell every format it knows (its own `minimumBytes`). */
export const SNIFF_BYTES = 4100;

export type ReceiveUpload = {
  /** The record (of the target) the file is for. */
  recordId: number;
  /** Who uploads it. */
  actorId: number;
  kind: FileKind;
  /** As sent by the browser: only ever a display name once sanitised. */
  filename: string;
  /** The browser's claim, never trusted: the type is sniffed from the bytes. */
  declaredType?: string | null;
  /** The file's bytes as they arrive (a Node stream, a web ReadableStream, a multipart part's data). */
  stream: AsyncIterable<Uint8Array>;
  /** The request's time: whether the record may still change is judged by it. */
  now: Date;
};

/**
 * Takes one uploaded file onto a record: one the target lets the actor change now, with room for
 * one more file of this kind; the type sniffed from the first bytes before anything is stored; the
 * bytes streamed into the blob store under a server-made key and cut off at the target's size limit;
 * then, in one transaction, the file row (status 'processing') and its processing job. Refusals
 * throw UploadRefused (French message) and leave nothing behind, as do the target's own refusals
 * (NotFound, Conflict) and BlobStoreUnavailable.
 */
export async function receiveUpload(target: FileTarget, input: ReceiveUpload, deps: MediaDeps = {}): Promise<MediaFile> {
  const { sql, store } = resolveDeps(deps);
  const source = input.stream[Symbol.asyncIterator]();
  let sourceHandedOver = false;
  try {
    // Cheap checks first, so that a refused upload is not read any further than needed.
    const limits = await target.checkWriter({ ...input, lock: false }, sql);
    await assertRoomFor(target, input.recordId, input.kind, limits, sql);

    const { head, ended } = await readHead(source, SNIFF_BYTES);
    if (head.length === 0) throw new UploadRefused("empty", "Le fichier est vide.");
    const mediaType = await sniff(head, input.kind);

    // The row's id is taken first so that the key can name it.
    const [{ fileId }] = await sql<{ fileId: number }[]>`select nextval(pg_get_serial_sequence(${target.table}, 'id')) as file_id`;
    const key = fileKeys(target, input.recordId, fileId).original;
    const maxBytes = input.kind === "photo" ? limits.maxPhotoBytes : limits.maxDocumentBytes;
    sourceHandedOver = true;
    let stored;
    try {
      stored = await store.put(key, Readable.from(rejoin(head, ended ? null : source)), { contentType: mediaType, maxBytes });
    } catch (error) {
      if (error instanceof BlobTooLarge) throw new UploadRefused("too_large", error.message, { cause: error });
      throw error;
    }

    const displayName = sanitizeFilename(input.filename);
    try {
      return await transaction(sql, async (tx) => {
        // Locked, and checked again: the deadline may have passed or the last slot been taken meanwhile.
        const lockedLimits = await target.checkWriter({ ...input, lock: true }, tx);
        await assertRoomFor(target, input.recordId, input.kind, lockedLimits, tx);
        const [file] = await tx<MediaFile[]>`
          insert into ${tx(target.table)} (id, ${tx(target.recordColumn)}, kind, display_name, media_type, original_key, original_size, original_sha256)
          overriding system value
          values (${fileId}, ${input.recordId}, ${input.kind}, ${displayName}, ${mediaType}, ${key}, ${stored.size}, ${stored.sha256})
          returning ${mediaFileColumns(target, tx)}`;
        await enqueue(tx, target.processTask, { fileId }, { jobKey: `${target.processTask}:${fileId}`, maxAttempts: 5 });
        await appendAudit(tx, {
          actorId: input.actorId,
          action: `${target.auditName}.file_added`,
          subject: `${target.auditName}:${input.recordId}`,
          data: { fileId, kind: input.kind, name: displayName, type: mediaType, size: stored.size, sha256: stored.sha256 },
        });
        return file;
      });
    } catch (error) {
      // Nothing half-made: without its row, the stored original must go too.
      await store.delete(key).catch((cleanup) => logger.error("original orphelin non supprimé", { key, error: String(cleanup) }));
      throw error;
    }
  } finally {
    // Refused before streaming: release the source (a request body, a multipart part) instead of leaving it paused.
    if (!sourceHandedOver) await source.return?.().catch(() => {});
  }
}

/** Files of this kind that count against the target's limit: neither removed nor refused. */
async function assertRoomFor(target: FileTarget, recordId: number, kind: FileKind, limits: FileLimits, sql: Sql) {
  const max = kind === "photo" ? limits.maxPhotos : limits.maxDocuments;
  const [{ count }] = await sql<{ count: number }[]>`
    select count(*)::int as count from ${sql(target.table)}
    where ${sql(target.recordColumn)} = ${recordId} and kind = ${kind} and removed_at is null and status <> 'refused'`;
  if (count >= max) throw new UploadRefused("count", target.roomRefusal(kind, max));
}

/** At least `bytes` bytes from the start of the source (less only if it ends first). */
async function readHead(source: AsyncIterator<Uint8Array>, bytes: number) {
  const chunks: Buffer[] = [];
  let size = 0;
  while (size < bytes) {
    const next = await source.next();
    if (next.done) return { head: Buffer.concat(chunks), ended: true };
    const chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
    chunks.push(chunk);
    size += chunk.length;
  }
  return { head: Buffer.concat(chunks), ended: false };
}

/** The head already read, then the rest of the source; closing this closes the source. */
async function* rejoin(head: Buffer, rest: AsyncIterator<Uint8Array> | null): AsyncGenerator<Uint8Array> {
  yield head;
  if (rest) yield* { [Symbol.asyncIterator]: () => rest };
}

async function sniff(head: Buffer, kind: FileKind): Promise<string> {
  const type = await fileTypeFromBuffer(head);
  if (type && acceptedTypes[kind].includes(type.mime)) return type.mime;
  if (kind === "document") {
    throw new UploadRefused(
      "type",
      "Ce fichier n'est pas un PDF : seuls les documents PDF sont acceptés (son contenu a été vérifié, pas seulement son nom).",
    );
  }
  const hint = type && ["heic", "heif", "avif"].includes(type.ext) ? " Les photos HEIC ou AVIF doivent d'abord être enregistrées en JPEG." : "";
  throw new UploadRefused("type", `Ce fichier n'est pas une photo JPEG, PNG ou WebP (son contenu a été vérifié, pas seulement son nom).${hint}`);
}
