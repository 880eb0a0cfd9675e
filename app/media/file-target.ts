import type { Sql } from "~/infra/db.server";
import type { FileKind } from "./media";

/** How many files of each kind a record may hold, and how large each may be. */
export type FileLimits = { maxPhotos: number; maxPhotoBytes: number; maxDocuments: number; maxDocumentBytes: number };

/**
 * What files are attached to: a proposal today, a structure's supporting document or a shipment's
 * photo tomorrow. The upload pipeline (streaming, sniffing, limits, derivatives, cleaning, serving)
 * knows nothing else of the record: the domain that owns it says who may read or change its files,
 * how its row is locked and which limits apply, so that media never imports that domain.
 *
 * Each target keeps its files in its own table, with the columns of proposal_files (see
 * db/migrations/0004_proposals.sql) and `recordColumn` naming the record.
 */
export type FileTarget = {
  /** The table of the target's files, and its column referencing the record. */
  table: string;
  recordColumn: string;
  /** Storage keys start with it: `${keyPrefix}/${recordId}/${fileId}/…`. */
  keyPrefix: string;
  /** Audit subjects are `${auditName}:${recordId}`, actions `${auditName}.file_added`… */
  auditName: string;
  /** The queue task that processes the target's uploads (see processUploadTask). */
  processTask: string;
  /** Whether `actorId` may see the record's files; throws NotFound otherwise. */
  checkReader(input: { recordId: number; actorId: number }, sql: Sql): Promise<void>;
  /**
   * Whether `actorId` may change the record's files at `now`, and within which limits; throws
   * NotFound or Conflict otherwise. With `lock`, the record's row stays locked for the rest of the
   * transaction: every writer of its files takes that lock first, so counts and edits are serialised.
   */
  checkWriter(input: { recordId: number; actorId: number; now: Date; lock: boolean }, sql: Sql): Promise<FileLimits>;
  /** Why one more file of this kind is refused when the record holds `max` already (0: the kind is not accepted). */
  roomRefusal(kind: FileKind, max: number): string;
  /** Locks the record's row for a write made by no one in particular (the processing job). */
  lockRecord(recordId: number, tx: Sql): Promise<void>;
  /** The largest photo, in pixels, the record accepts. */
  maxPhotoPixels(recordId: number, sql: Sql): Promise<number>;
  /** The record's set of usable files changed (added, ready, removed, described); under its lock. */
  filesChanged(recordId: number, tx: Sql): Promise<void>;
};
