import { Conflict } from "~/infra/domain-errors";
import type { FileTarget } from "~/media/file-target";
import * as files from "~/media/files.server";
import type { Variant } from "~/media/media";
import * as uploads from "~/media/uploads.server";
import { MAX_STRUCTURE_DOCUMENTS } from "./document-limits";
import { checkStructureReader, findStructureForMember } from "./structures.server";

const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/**
 * A structure's supporting documents (PDF only), for the upload pipeline: its members, admins and
 * the instructors of its département read them; members add or remove them until it is verified,
 * after which they are what the verification relied on.
 */
export const structureFiles: FileTarget = {
  table: "structure_files",
  recordColumn: "structure_id",
  keyPrefix: "structures",
  auditName: "structure",
  processTask: "process_structure_upload",

  async checkReader({ recordId, actorId }, sql) {
    await checkStructureReader({ structureId: recordId, userId: actorId }, sql);
  },

  async checkWriter({ recordId, actorId, lock }, sql) {
    const structure = await findStructureForMember({ structureId: recordId, userId: actorId, lock }, sql);
    if (structure.status === "verified") {
      throw new Conflict("La structure est vérifiée : ses pièces justificatives ne peuvent plus être modifiées.");
    }
    return { maxPhotos: 0, maxPhotoBytes: 0, maxDocuments: MAX_STRUCTURE_DOCUMENTS, maxDocumentBytes: MAX_DOCUMENT_BYTES };
  },

  roomRefusal(kind, max) {
    if (kind === "photo") return "Seuls des documents PDF sont acceptés comme pièces justificatives.";
    return `La structure compte déjà ${max} pièces justificatives, le maximum : retirez-en une avant d'en ajouter.`;
  },

  async lockRecord(recordId, tx) {
    await tx`select id from structures where id = ${recordId} for update`;
  },

  // Photos are not accepted: no size for them.
  async maxPhotoPixels() {
    return 0;
  },

  // Nothing derives from the set of documents.
  async filesChanged() {},
};

type Member = { structureId: number; memberId: number };

function asRecord<T extends Member>({ structureId, memberId, ...rest }: T) {
  return { ...rest, recordId: structureId, actorId: memberId };
}

export function receiveStructureDocument(input: Member & Omit<uploads.ReceiveUpload, "recordId" | "actorId" | "kind">, deps?: files.MediaDeps) {
  return uploads.receiveUpload(structureFiles, { ...asRecord(input), kind: "document" }, deps);
}

export function removeStructureDocument(input: Member & { fileId: number; now: Date }, deps?: files.MediaDeps) {
  return files.removeFile(structureFiles, asRecord(input), deps);
}

/** For a caller that has already authorised the reader (the verification queue). */
export function listStructureDocuments(structureId: number, deps?: files.MediaDeps) {
  return files.listFiles(structureFiles, structureId, deps);
}

/** The cleaned copy of a document, for a reader the structure accepts. */
export function openStructureDocument(input: { structureId: number; readerId: number; fileId: number; variant: Variant }, deps?: files.MediaDeps) {
  return files.openFileForOwner(
    structureFiles,
    { recordId: input.structureId, actorId: input.readerId, fileId: input.fileId, variant: input.variant },
    deps,
  );
}
