import type { Sql } from "~/infra/db.server";
import type { FileTarget } from "~/media/file-target";
import * as files from "~/media/files.server";
import { formatInteger, type Variant } from "~/media/media";
import * as processing from "~/media/processing.server";
import * as uploads from "~/media/uploads.server";
import { editableContest, findProposalForOwner, lockProposal, ProposalNotFound } from "./proposals.server";

/**
 * A proposal's photos and documents, for the upload pipeline: its owner reads them at any time and
 * changes them while the proposal may be edited (the contest open for submissions, the proposal
 * not withdrawn), within the contest's limits.
 */
export const proposalFiles: FileTarget = {
  table: "proposal_files",
  recordColumn: "proposal_id",
  keyPrefix: "proposals",
  auditName: "proposal",
  // The name jobs were queued under before files had targets: queued jobs keep running.
  processTask: "process_upload",

  async checkReader({ recordId, actorId }, sql) {
    await findProposalForOwner(recordId, actorId, sql);
  },

  async checkWriter({ recordId, actorId, now, lock }, sql) {
    const proposal = lock ? await lockProposal(recordId, actorId, sql) : await findProposalForOwner(recordId, actorId, sql);
    const { limits } = await editableContest(proposal, now, sql);
    return limits;
  },

  roomRefusal(kind, max) {
    if (max === 0) return "Ce concours n'accepte pas de documents joints.";
    const what = kind === "photo" ? (max > 1 ? "photos" : "photo") : max > 1 ? "documents" : "document";
    return `Cette proposition compte déjà ${formatInteger(max)} ${what}, le maximum fixé par le concours : retirez-en un${kind === "photo" ? "e" : ""} avant d'en ajouter.`;
  },

  async lockRecord(recordId, tx) {
    await tx`select id from proposals where id = ${recordId} for update`;
  },

  async maxPhotoPixels(recordId, sql) {
    const [row]: [{ maxPhotoPixels: number }?] = await sql`
      select c.max_photo_pixels from proposals p join contests c on c.id = p.contest_id where p.id = ${recordId}`;
    if (!row) throw new ProposalNotFound();
    return row.maxPhotoPixels;
  },

  filesChanged: markFilesChanged,
};

/**
 * The set of files a submission would freeze has changed: a new revision, so that submitting again
 * makes a new version instead of answering with the previous receipt. The caller holds the proposal's lock.
 */
async function markFilesChanged(proposalId: number, tx: Sql) {
  await tx`update proposals set draft_revision = draft_revision + 1, updated_at = now() where id = ${proposalId}`;
}

// The pipeline bound to proposals, in a proposal's terms: `proposalId` is the record, `ownerId` the
// designer acting on it.

type Owned = { proposalId: number; ownerId: number };

function asRecord<T extends Owned>({ proposalId, ownerId, ...rest }: T) {
  return { ...rest, recordId: proposalId, actorId: ownerId };
}

export function receiveUpload(input: Owned & Omit<uploads.ReceiveUpload, "recordId" | "actorId">, deps?: files.MediaDeps) {
  return uploads.receiveUpload(proposalFiles, asRecord(input), deps);
}

export function processUpload(fileId: number, deps?: files.MediaDeps & { lastAttempt?: boolean }) {
  return processing.processUpload(proposalFiles, fileId, deps);
}

export function listFilesForOwner(input: Owned, deps?: files.MediaDeps) {
  return files.listFilesForOwner(proposalFiles, asRecord(input), deps);
}

/** For a caller the route has already authorised (an admin). */
export function listProposalFiles(proposalId: number, deps?: files.MediaDeps) {
  return files.listFiles(proposalFiles, proposalId, deps);
}

export function openFileForOwner(input: Owned & { fileId: number; variant: Variant }, deps?: files.MediaDeps) {
  return files.openFileForOwner(proposalFiles, asRecord(input), deps);
}

/** For a caller the route has already authorised (a juror assigned to the entry, an admin, the public for laureates). */
export function openProcessedFile(input: { fileId: number; variant: Variant; proposalId?: number }, deps?: files.MediaDeps) {
  return files.openProcessedFile(proposalFiles, { fileId: input.fileId, variant: input.variant, recordId: input.proposalId }, deps);
}

export function removeFile(input: Owned & { fileId: number; now: Date }, deps?: files.MediaDeps) {
  return files.removeFile(proposalFiles, asRecord(input), deps);
}

export function describePhoto(input: Owned & { fileId: number; description: string; now: Date }, deps?: files.MediaDeps) {
  return files.describePhoto(proposalFiles, asRecord(input), deps);
}
