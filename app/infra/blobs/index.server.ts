import { config } from "../config.server";
import { singleton } from "../singleton.server";
import type { BlobStore } from "./blob-store";
import { fsBlobStore } from "./fs-blob-store.server";
import { s3BlobStore } from "./s3-blob-store.server";
import type { BlobStoreSettings } from "./settings";

export { readBlobStoreEnv, BlobStoreConfigError, type BlobStoreSettings } from "./settings";

export function createBlobStore(settings: BlobStoreSettings): BlobStore {
  return settings.driver === "fs" ? fsBlobStore(settings.root) : s3BlobStore(settings.s3);
}

/** The process's blob store, chosen from the environment on first use. */
export function blobStore(): BlobStore {
  return singleton("blob-store", () => createBlobStore(config().blobStore));
}
