import { BlobStoreUnavailable } from "~/infra/blobs/blob-store";
import { Conflict, Refused } from "~/infra/domain-errors";
import { UploadRefused } from "./media";
import { MalformedUpload, TooManyFiles } from "./multipart.server";
import { uploadFailures, type UploadFailure } from "./upload-outcomes";

/** A failed upload or removal as the page's script and its fallback answer it. */
export type FailedUpload = { status: number; key: UploadFailure; message: string };

/**
 * The answer to an error thrown while taking in or removing a file, or null for errors that are
 * not the designer's to fix (those propagate; a NotFound becomes the 404 page).
 */
export function failedUpload(error: unknown): FailedUpload | null {
  if (error instanceof UploadRefused) return { status: 400, key: `refus-${error.code}`, message: error.message };
  if (error instanceof TooManyFiles) return { status: 400, key: "plusieurs", message: uploadFailures.plusieurs };
  if (error instanceof MalformedUpload) return { status: 400, key: "malforme", message: uploadFailures.malforme };
  if (error instanceof Conflict) return { status: 409, key: "ferme", message: error.message };
  if (error instanceof BlobStoreUnavailable) return { status: 503, key: "stockage", message: error.message };
  if (error instanceof Refused) return { status: 400, key: "malforme", message: error.message };
  return null;
}
