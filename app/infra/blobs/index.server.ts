import { config } from "../config.server";
import type { BlobStore } from "./blob-store";
import { fsBlobStore } from "./fs-blob-store.server";
import { s3BlobStore } from "./s3-blob-store.server";
import type { BlobStoreSettings } from "./settings";

export { readBlobStoreEnv, BlobStoreConfigError, type BlobStoreSettings } from "./settings";

export function createBlobStore(settings: BlobStoreSettings): BlobStore {
  return settings.driver === "fs" ? fsBlobStore(settings.root) : s3BlobStore(settings.s3);
}

let store: BlobStore | undefined;

/**
 * The blob store chosen by the configuration, made on first use. Deliberately per module copy, not
 * a process-wide singleton: the Express layer and the Remix build each load this module, and a
 * store shared between them would throw the other copy's error classes (BlobTooLarge…), which
 * `instanceof` then fails to recognise.
 */
export function blobStore(): BlobStore {
  store ??= createBlobStore(config().blobStore);
  return store;
}
