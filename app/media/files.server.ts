import { appendAudit } from "~/audit/audit.server";
import { BlobNotFound, type BlobStore } from "~/infra/blobs/blob-store";
import { blobStore } from "~/infra/blobs/index.server";
import { db, type Sql } from "~/infra/db.server";
import { logger } from "~/infra/logger.server";
import { transaction } from "~/infra/transaction.server";
import { editableContest, findProposalForOwner, lockProposal } from "~/submissions/proposals.server";
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

/** A proposal's file as its owner sees it. The original's key is deliberately absent: it is never served. */
export type MediaFile = {
  id: number;
  proposalId: number;
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

export const mediaFileColumns = [
  "id",
  "proposal_id",
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

/** The proposal's files (not removed), oldest first, for its owner; anyone else gets ProposalNotFound. */
export async function listFilesForOwner(input: { proposalId: number; ownerId: number }, deps: MediaDeps = {}): Promise<MediaFile[]> {
  const { sql } = resolveDeps(deps);
  await findProposalForOwner(input.proposalId, input.ownerId, sql);
  return listProposalFiles(input.proposalId, deps);
}

/** The proposal's files (not removed), oldest first, for a caller the route has already authorised (an admin). */
export async function listProposalFiles(proposalId: number, deps: MediaDeps = {}): Promise<MediaFile[]> {
  const { sql } = resolveDeps(deps);
  return sql<MediaFile[]>`
    select ${sql(mediaFileColumns)} from proposal_files
    where proposal_id = ${proposalId} and removed_at is null
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
 * A processed copy of a file of the caller's own proposal (even one removed from the draft since: a
 * submitted version may still refer to it). Originals are never served; a file not ready is not found.
 */
export async function openFileForOwner(
  input: { proposalId: number; ownerId: number; fileId: number; variant: Variant },
  deps: MediaDeps = {},
): Promise<OpenedFile> {
  const { sql } = resolveDeps(deps);
  await findProposalForOwner(input.proposalId, input.ownerId, sql);
  return openProcessedFile(input, deps);
}

/**
 * A processed copy, for a caller the route has already authorised (a juror assigned to the entry, an
 * admin). `proposalId`, when given, must be the file's. Mind that the display name may carry a name.
 */
export async function openProcessedFile(input: { fileId: number; variant: Variant; proposalId?: number }, deps: MediaDeps = {}): Promise<OpenedFile> {
  const { sql, store } = resolveDeps(deps);
  const [file] = await sql<Pick<MediaFile, "kind" | "displayName" | "derivatives" | "readySha256">[]>`
    select kind, display_name, derivatives, ready_sha256 from proposal_files
    where id = ${input.fileId} and status = 'ready'
      and ${input.proposalId === undefined ? sql`true` : sql`proposal_id = ${input.proposalId}`}`;
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

/**
 * Takes a file out of the draft while it may still be edited. Soft: versions already submitted keep
 * referring to it, so its copies stay in the store.
 */
export async function removeFile(input: { proposalId: number; ownerId: number; fileId: number; now: Date }, deps: MediaDeps = {}) {
  const { sql } = resolveDeps(deps);
  await transaction(sql, async (tx) => {
    const proposal = await lockProposal(input.proposalId, input.ownerId, tx);
    await editableContest(proposal, input.now, tx);
    const [file] = await tx<{ id: number; kind: FileKind; displayName: string }[]>`
      update proposal_files set removed_at = ${input.now}
      where id = ${input.fileId} and proposal_id = ${proposal.id} and removed_at is null
      returning id, kind, display_name`;
    if (!file) throw new MediaFileNotFound();
    await markFilesChanged(proposal.id, tx);
    await appendAudit(tx, {
      actorId: input.ownerId,
      action: "proposal.file_removed",
      subject: `proposal:${proposal.id}`,
      data: { fileId: file.id, kind: file.kind, name: file.displayName },
    });
  });
}

/**
 * Writes the description of a photo of the draft while it may still be edited. A changed description
 * changes what a submission would freeze, hence a new revision.
 */
export async function describePhoto(input: { proposalId: number; ownerId: number; fileId: number; description: string; now: Date }, deps: MediaDeps = {}) {
  const { sql } = resolveDeps(deps);
  await transaction(sql, async (tx) => {
    const proposal = await lockProposal(input.proposalId, input.ownerId, tx);
    await editableContest(proposal, input.now, tx);
    // Read then write is safe here: the proposal's lock serialises every writer of its files.
    const [file]: [{ id: number; description: string | null }?] = await tx`
      select id, description from proposal_files
      where id = ${input.fileId} and proposal_id = ${proposal.id} and kind = 'photo' and removed_at is null`;
    if (!file) throw new MediaFileNotFound();
    if (file.description === input.description) return;
    await tx`update proposal_files set description = ${input.description} where id = ${file.id}`;
    await markFilesChanged(proposal.id, tx);
    await appendAudit(tx, { actorId: input.ownerId, action: "proposal.photo_described", subject: `proposal:${proposal.id}`, data: { fileId: file.id } });
  });
}

/**
 * The set of files a submission would freeze has changed: a new revision, so that submitting again
 * makes a new version instead of answering with the previous receipt. The caller holds the proposal's lock.
 */
export async function markFilesChanged(proposalId: number, tx: Sql) {
  await tx`update proposals set draft_revision = draft_revision + 1, updated_at = now() where id = ${proposalId}`;
}
