import { appendAudit } from "~/audit/audit.server";
import { BlobNotFound, type BlobStore } from "~/infra/blobs/blob-store";
import { blobStore } from "~/infra/blobs/index.server";
import { db, type Sql } from "~/infra/db.server";
import { logger } from "~/infra/logger.server";
import { transaction } from "~/infra/transaction.server";
import type { FileTarget } from "./file-target";
import { downloadName } from "./filename";
import { MediaFileNotFound, type FileKind, type FileStatus, type Variant } from "./media";

/** What the media functions run against; the process's database and blob store unless given. */
export type MediaDeps = { sql?: Sql; store?: BlobStore };

export function resolveDeps(deps: MediaDeps = {}) {
  return {
    sql: deps.sql ?? db,
    get store() {
      return deps.store ?? blobStore();
    },
  };
}

/** A record's file as its owner sees it. The original's key is deliberately absent: it is never served. */
export type MediaFile = {
  id: number;
  /** The record (of the target) the file is attached to. */
  recordId: number;
  kind: FileKind;
  displayName: string;
  /** Photos: the candidate's text description, their alternative text (null until written). */
  description: string | null;
  /** Sniffed from the bytes at upload. */
  mediaType: string;
  originalSize: number;
  originalSha256: string;
  status: FileStatus;
  refusalReason: string | null;
  /** Keys of the processed copies, once ready: large/medium/thumbnail (WebP) for photos, clean for PDFs. */
  derivatives: Partial<Record<Variant, string>>;
  readySha256: string | null;
  /** Photos: the original's size once oriented. */
  width: number | null;
  height: number | null;
  /** PDFs: the page count. */
  pages: number | null;
  removedAt: Date | null;
  createdAt: Date;
  processedAt: Date | null;
};

/** What a page shows of a file: no storage keys or hashes reach the browser. */
export function fileForScreen(f: MediaFile) {
  return {
    id: f.id,
    kind: f.kind,
    displayName: f.displayName,
    description: f.description,
    status: f.status,
    refusalReason: f.refusalReason,
    pages: f.pages,
  };
}

const fileColumns = [
  "id",
  "kind",
  "display_name",
  "description",
  "media_type",
  "original_size",
  "original_sha256",
  "status",
  "refusal_reason",
  "derivatives",
  "ready_sha256",
  "width",
  "height",
  "pages",
  "removed_at",
  "created_at",
  "processed_at",
] as const;

/** The columns of a MediaFile, from the target's table. */
export function mediaFileColumns(target: FileTarget, sql: Sql) {
  return sql`${sql(fileColumns as unknown as string[])}, ${sql(target.recordColumn)} as record_id`;
}

/** The record's files (not removed), oldest first, for a reader the target accepts; anyone else gets its NotFound. */
export async function listFilesForOwner(
  target: FileTarget,
  input: { recordId: number; actorId: number },
  deps: MediaDeps = {},
): Promise<MediaFile[]> {
  const { sql } = resolveDeps(deps);
  await target.checkReader(input, sql);
  return listFiles(target, input.recordId, deps);
}

/** The record's files (not removed), oldest first, for a caller the route has already authorised (an admin). */
export async function listFiles(target: FileTarget, recordId: number, deps: MediaDeps = {}): Promise<MediaFile[]> {
  const { sql } = resolveDeps(deps);
  return sql<MediaFile[]>`
    select ${mediaFileColumns(target, sql)} from ${sql(target.table)}
    where ${sql(target.recordColumn)} = ${recordId} and removed_at is null
    order by id`;
}

export type OpenedFile = {
  stream: NodeJS.ReadableStream;
  contentType: "image/webp" | "application/pdf";
  /** A safe display name with the copy's extension, for Content-Disposition. */
  filename: string;
  /** PDFs are only ever offered as downloads. */
  disposition: "inline" | "attachment";
  /** SHA-256 of these bytes when known (the large photo and the cleaned PDF): a strong ETag. */
  sha256: string | null;
};

/**
 * A processed copy of a file of a record the reader may see (even one removed from the draft since: a
 * submitted version may still refer to it). Originals are never served; a file not ready is not found.
 */
export async function openFileForOwner(
  target: FileTarget,
  input: { recordId: number; actorId: number; fileId: number; variant: Variant },
  deps: MediaDeps = {},
): Promise<OpenedFile> {
  const { sql } = resolveDeps(deps);
  await target.checkReader(input, sql);
  return openProcessedFile(target, input, deps);
}

/**
 * A processed copy, for a caller the route has already authorised (a juror assigned to the entry, an
 * admin). `recordId`, when given, must be the file's. Mind that the display name may carry a name.
 */
export async function openProcessedFile(
  target: FileTarget,
  input: { fileId: number; variant: Variant; recordId?: number },
  deps: MediaDeps = {},
): Promise<OpenedFile> {
  const { sql, store } = resolveDeps(deps);
  const [file]: [Pick<MediaFile, "kind" | "displayName" | "derivatives" | "readySha256">?] = await sql`
    select kind, display_name, derivatives, ready_sha256 from ${sql(target.table)}
    where id = ${input.fileId} and status = 'ready'
      and ${input.recordId === undefined ? sql`true` : sql`${sql(target.recordColumn)} = ${input.recordId}`}`;
  const key = file?.derivatives[input.variant];
  if (!file || !key) throw new MediaFileNotFound();
  let stream: NodeJS.ReadableStream;
  try {
    stream = await store.get(key);
  } catch (error) {
    if (!(error instanceof BlobNotFound)) throw error;
    logger.error("copie traitée absente du stockage", { fileId: input.fileId, key });
    throw new MediaFileNotFound();
  }
  const document = file.kind === "document";
  return {
    stream,
    contentType: document ? "application/pdf" : "image/webp",
    filename: downloadName(file.displayName, document ? "pdf" : "webp"),
    disposition: document ? "attachment" : "inline",
    sha256: input.variant === "large" || input.variant === "clean" ? file.readySha256 : null,
  };
}

type FileChange = { recordId: number; actorId: number; fileId: number; now: Date };

/**
 * Takes a file off the record while the target allows changes. Soft: what was frozen before (a
 * submitted version) keeps referring to it, so its copies stay in the store.
 */
export async function removeFile(target: FileTarget, input: FileChange, deps: MediaDeps = {}) {
  const { sql } = resolveDeps(deps);
  await transaction(sql, async (tx) => {
    await target.checkWriter({ ...input, lock: true }, tx);
    const [file]: [{ id: number; kind: FileKind; displayName: string }?] = await tx`
      update ${tx(target.table)} set removed_at = ${input.now}
      where id = ${input.fileId} and ${tx(target.recordColumn)} = ${input.recordId} and removed_at is null
      returning id, kind, display_name`;
    if (!file) throw new MediaFileNotFound();
    await target.filesChanged(input.recordId, tx);
    await appendAudit(tx, {
      actorId: input.actorId,
      action: `${target.auditName}.file_removed`,
      subject: `${target.auditName}:${input.recordId}`,
      data: { fileId: file.id, kind: file.kind, name: file.displayName },
    });
  });
}

/** Writes the description of a photo of the record while the target allows changes. */
export async function describePhoto(target: FileTarget, input: FileChange & { description: string }, deps: MediaDeps = {}) {
  const { sql } = resolveDeps(deps);
  await transaction(sql, async (tx) => {
    await target.checkWriter({ ...input, lock: true }, tx);
    // Read then write is safe here: the record's lock serialises every writer of its files.
    const [file]: [{ id: number; description: string | null }?] = await tx`
      select id, description from ${tx(target.table)}
      where id = ${input.fileId} and ${tx(target.recordColumn)} = ${input.recordId} and kind = 'photo' and removed_at is null`;
    if (!file) throw new MediaFileNotFound();
    if (file.description === input.description) return;
    await tx`update ${tx(target.table)} set description = ${input.description} where id = ${file.id}`;
    await target.filesChanged(input.recordId, tx);
    await appendAudit(tx, {
      actorId: input.actorId,
      action: `${target.auditName}.photo_described`,
      subject: `${target.auditName}:${input.recordId}`,
      data: { fileId: file.id },
    });
  });
}
