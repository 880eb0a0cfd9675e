import { createHash } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";

/** Where uploaded files live: the local filesystem or any S3-compatible object store. */
export interface BlobStore {
  /** Streams `body` under `key`, refusing it as soon as it passes `maxBytes`; nothing is left behind on failure. */
  put(key: string, body: NodeJS.ReadableStream | Buffer, options?: PutOptions): Promise<StoredBlob>;
  /** The blob's bytes, or BlobNotFound. */
  get(key: string): Promise<NodeJS.ReadableStream>;
  /** The blob's size, or null when there is none. */
  stat(key: string): Promise<{ size: number } | null>;
  delete(key: string): Promise<void>;
  /** True when the store answers (for /healthz). */
  check(): Promise<boolean>;
}

export type PutOptions = { contentType?: string; maxBytes?: number };
export type StoredBlob = { key: string; size: number; sha256: string };

export class BlobNotFound extends Error {
  constructor(key: string) {
    super(`Fichier introuvable : ${key}`);
  }
}

export class BlobTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`Le fichier dépasse la taille maximale de ${formatBytes(maxBytes)}.`);
  }
}

export class BlobStoreUnavailable extends Error {
  constructor(cause: unknown) {
    super("Le stockage des fichiers est momentanément indisponible. Réessayez dans quelques instants.", { cause });
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} Mo`.replace(".", ",");
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} Ko`;
  return `${bytes} octets`;
}

// Keys are made by the server, never taken from a filename: lowercase segments, no dot-dot, no leading slash.
const keyPattern = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_.-]*)*$/;

export function assertValidKey(key: string) {
  if (!keyPattern.test(key) || key.includes("..") || key.length > 512) {
    throw new Error(`clé de fichier invalide : ${JSON.stringify(key)}`);
  }
}

/** Counts and hashes bytes as they pass, and fails the stream the moment the limit is crossed. */
export class MeteredStream extends Transform {
  // Not named `size`: @aws-sdk/lib-storage reads a body's `size` as its length in bytes, and a
  // stream announcing 0 bytes made every multipart upload (over 5 MiB) fail at completion.
  bytesPassed = 0;
  private readonly hash = createHash("sha256");

  constructor(private readonly maxBytes = Number.POSITIVE_INFINITY) {
    super();
  }

  _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.bytesPassed += chunk.length;
    if (this.bytesPassed > this.maxBytes) return callback(new BlobTooLarge(this.maxBytes));
    this.hash.update(chunk);
    callback(null, chunk);
  }

  digest(): string {
    return this.hash.digest("hex");
  }
}
