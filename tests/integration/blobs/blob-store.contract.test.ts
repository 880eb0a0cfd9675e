// One contract, two drivers: whatever the configuration, the blob store behaves the same.
import { randomBytes } from "node:crypto";
import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BlobNotFound, BlobStoreUnavailable, BlobTooLarge, type BlobStore } from "~/infra/blobs/blob-store";
import { fsBlobStore } from "~/infra/blobs/fs-blob-store.server";
import { s3BlobStore } from "~/infra/blobs/s3-blob-store.server";
import { startS3rver } from "../../support/s3rver";

async function readAll(stream: NodeJS.ReadableStream) {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** A stream of `size` random bytes in 64 KiB chunks, produced lazily like an upload. */
function upload(size: number) {
  const bytes = randomBytes(size);
  let offset = 0;
  const stream = new Readable({
    read() {
      if (offset >= size) return this.push(null);
      this.push(bytes.subarray(offset, offset + 65_536));
      offset += 65_536;
    },
  });
  return { bytes, stream, read: () => offset };
}

type Driver = { name: string; store: BlobStore; listKeys: () => Promise<string[]>; stop: () => Promise<void> };

const drivers: Record<string, () => Promise<Driver>> = {
  filesystem: async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "kits-blobs-"));
    const store = fsBlobStore(root);
    return {
      name: "filesystem",
      store,
      listKeys: async () => (await readdir(root, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name),
      stop: () => rm(root, { recursive: true, force: true }),
    };
  },
  s3: async () => {
    const s3 = await startS3rver();
    const store = s3BlobStore(s3.settings);
    return {
      name: "s3",
      store,
      listKeys: async () =>
        (await readdir(s3.directory, { recursive: true, withFileTypes: true }))
          .filter((e) => e.isFile() && !e.name.startsWith("."))
          .map((e) => e.name),
      stop: s3.stop,
    };
  },
};

describe.each(Object.keys(drivers))("blob store contract: %s", (driverName) => {
  let driver: Driver;
  beforeAll(async () => {
    driver = await drivers[driverName]();
  });
  afterAll(() => driver?.stop());

  test("stores bytes and gives them back with their size and SHA-256", async () => {
    const { bytes, stream } = upload(300_000);
    const stored = await driver.store.put("proposals/1/photo-a", stream, { contentType: "image/jpeg" });
    expect(stored).toEqual({ key: "proposals/1/photo-a", size: 300_000, sha256: createHash("sha256").update(bytes).digest("hex") });
    expect(await readAll(await driver.store.get("proposals/1/photo-a"))).toEqual(bytes);
    expect(await driver.store.stat("proposals/1/photo-a")).toEqual({ size: 300_000 });
  });

  test("refuses a file over the limit while streaming, and leaves nothing behind", async () => {
    const before = await driver.store.stat("proposals/2/too-big");
    const { stream, read } = upload(8 * 1024 * 1024);
    await expect(driver.store.put("proposals/2/too-big", stream, { maxBytes: 1024 * 1024 })).rejects.toBeInstanceOf(BlobTooLarge);
    expect(read()).toBeLessThan(8 * 1024 * 1024); // cut off, not read to the end
    expect(before).toBeNull();
    expect(await driver.store.stat("proposals/2/too-big")).toBeNull();
    expect((await driver.listKeys()).some((k) => k.includes("too-big"))).toBe(false);
  });

  test("an unknown key is BlobNotFound; delete removes; delete of nothing is fine", async () => {
    await expect(driver.store.get("proposals/none")).rejects.toBeInstanceOf(BlobNotFound);
    await driver.store.put("proposals/3/doc", Buffer.from("%PDF-1.7"));
    await driver.store.delete("proposals/3/doc");
    expect(await driver.store.stat("proposals/3/doc")).toBeNull();
    await driver.store.delete("proposals/3/doc");
  });

  test("keys that could escape the store are refused", async () => {
    for (const key of ["../etc/passwd", "/abs", "a/../../b", "A/Upper", "a//b", "photo\u0000.jpg"]) {
      await expect(driver.store.put(key, Buffer.from("x"))).rejects.toThrow(/clé de fichier invalide/);
    }
  });

  test("reports itself healthy", async () => {
    expect(await driver.store.check()).toBe(true);
  });
});

describe("S3 driver against an endpoint that hangs", () => {
  test("fails fast with a clear error instead of hanging", async () => {
    // A TCP server that accepts connections and never answers.
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as net.AddressInfo).port;
    const store = s3BlobStore({
      endpoint: `http://127.0.0.1:${port}`,
      region: "us-east-1",
      bucket: "kits",
      accessKeyId: "x",
      secretAccessKey: "x",
      forcePathStyle: true,
      connectionTimeoutMs: 500,
      requestTimeoutMs: 500,
    });
    try {
      await expect(store.put("proposals/1/x", Buffer.from("hello"))).rejects.toBeInstanceOf(BlobStoreUnavailable);
      await expect(store.put("proposals/1/x", Buffer.from("hello"))).rejects.toThrow(/momentanément indisponible/);
      expect(await store.check()).toBe(false);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});
