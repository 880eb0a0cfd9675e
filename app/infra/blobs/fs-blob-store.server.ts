import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { access, constants, mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { assertValidKey, BlobNotFound, MeteredStream, type BlobStore, type PutOptions } from "./blob-store";

/** Files under one folder. Writes go to a temporary file renamed into place, so a reader never sees half a file. */
export function fsBlobStore(root: string): BlobStore {
  const tmp = path.join(root, ".tmp");
  const fileOf = (key: string) => {
    assertValidKey(key);
    return path.join(root, key);
  };

  return {
    async put(key, body, options: PutOptions = {}) {
      const target = fileOf(key);
      await mkdir(tmp, { recursive: true });
      await mkdir(path.dirname(target), { recursive: true });
      const partial = path.join(tmp, randomBytes(12).toString("hex"));
      const meter = new MeteredStream(options.maxBytes);
      const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
      try {
        await pipeline(source, meter, createWriteStream(partial, { flags: "wx" }));
        await rename(partial, target);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
      return { key, size: meter.bytesPassed, sha256: meter.digest() };
    },

    async get(key) {
      const file = fileOf(key);
      try {
        await access(file, constants.R_OK);
      } catch {
        throw new BlobNotFound(key);
      }
      return createReadStream(file);
    },

    async stat(key) {
      try {
        const info = await stat(fileOf(key));
        return { size: info.size };
      } catch {
        return null;
      }
    },

    async delete(key) {
      await rm(fileOf(key), { force: true });
    },

    async check() {
      try {
        await mkdir(root, { recursive: true });
        await access(root, constants.R_OK | constants.W_OK);
        return true;
      } catch {
        return false;
      }
    },
  };
}
