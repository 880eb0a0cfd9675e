// Test files for the media pipeline, generated on the fly (no binary fixtures): photos made by sharp,
// PDFs made by pdf-lib, and hand-crafted hostile files.
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { deflateSync } from "node:zlib";
import { PDFDocument, PDFName } from "pdf-lib";
import sharp from "sharp";
import { fsBlobStore } from "~/infra/blobs/fs-blob-store.server";
import type { BlobStore } from "~/infra/blobs/blob-store";

/** A photo-like JPEG: smooth colour structure plus sensor-like noise, so it does not compress to nothing. */
export async function noisyJpeg(width = 1200, height = 900, options: { quality?: number; seed?: number } = {}) {
  const structure = await sharp({
    create: {
      width: Math.max(2, Math.round(width / 100)),
      height: Math.max(2, Math.round(height / 100)),
      channels: 3,
      background: "#000",
      noise: { type: "gaussian", mean: 128, sigma: 60 },
    },
  })
    .resize(width, height, { kernel: "cubic" })
    .raw()
    .toBuffer();
  const grain = await sharp({ create: { width, height, channels: 3, background: "#000", noise: { type: "gaussian", mean: 128, sigma: 16 } } })
    .raw()
    .toBuffer();
  const seed = options.seed ?? 0;
  for (let i = 0; i < grain.length; i++) grain[i] = Math.max(0, Math.min(255, structure[i] + grain[i] - 128 + ((i + seed) % 5)));
  return sharp(grain, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: options.quality ?? 88 })
    .toBuffer();
}

export async function solidPng(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: "#3a7bd5" } })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/** A JPEG as a phone makes it: EXIF orientation 6 (shot rotated), GPS position, author; plus an XMP packet. */
export async function phoneJpeg() {
  return sharp({ create: { width: 600, height: 300, channels: 3, background: "#c0392b" } })
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Artist: "Jean Dupont", Copyright: "Jean Dupont", Make: "Téléphone", Model: "X" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 24/1", GPSLongitudeRef: "E", GPSLongitude: "2/1 21/1 3/1" },
    })
    .withXmp(
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
        '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Jean Dupont</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>',
    )
    .jpeg()
    .toBuffer();
}

/** True when an EXIF block carries a GPS IFD pointer (tag 0x8825), in either byte order. */
export function hasGpsPointer(exif: Buffer) {
  return exif.includes(Buffer.from([0x88, 0x25, 0x00, 0x04])) || exif.includes(Buffer.from([0x25, 0x88, 0x04, 0x00]));
}

function crc32(bytes: Buffer) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A decompression bomb: a valid PNG signature and IHDR declaring width×height, and a tiny IDAT. */
export function pngDeclaring(width: number, height: number) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", deflateSync(Buffer.alloc(1024))),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

export const PDF_AUTHOR = "Jean Dupont";

/** A PDF naming its author everywhere metadata can: the information dictionary and an XMP stream. */
export async function pdfWithMetadata(pages = 2) {
  const doc = await PDFDocument.create();
  doc.setTitle(`Plans de ${PDF_AUTHOR}`);
  doc.setAuthor(PDF_AUTHOR);
  doc.setSubject(`Kit conçu par ${PDF_AUTHOR}`);
  doc.setKeywords([PDF_AUTHOR, "kit"]);
  doc.setCreator(`${PDF_AUTHOR} Bureau`);
  doc.setProducer(`${PDF_AUTHOR} PDF`);
  for (let i = 0; i < pages; i++) doc.addPage([300, 400]).drawText(`Page ${i + 1}`, { x: 40, y: 300 });
  const xmp = doc.context.stream(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>${PDF_AUTHOR}</dc:creator></x:xmpmeta>`, {
    Type: "Metadata",
    Subtype: "XML",
  });
  doc.catalog.set(PDFName.of("Metadata"), doc.context.register(xmp));
  // Uncompressed object streams: the author's name is readable in the bytes, as in many real files.
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** The same PDF with an /Encrypt entry in its trailer: what a password-protected export looks like to a reader. */
export async function encryptedPdf() {
  const text = (await pdfWithMetadata(1)).toString("latin1");
  return Buffer.from(text.replace("trailer\n<<", "trailer\n<<\n/Encrypt << /Filter /Standard /V 1 /R 2 /O (x) /U (x) /P -4 >>"), "latin1");
}

/**
 * An upload arriving lazily in 64 KiB chunks, like a request body: `read()` says how far the
 * consumer went, to prove a file over the limit was cut off rather than read to the end.
 */
export function lazyUpload(bytes: Buffer, chunkSize = 65_536) {
  let offset = 0;
  const stream = new Readable({
    read() {
      if (offset >= bytes.length) return this.push(null);
      this.push(bytes.subarray(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
  return { stream, read: () => offset };
}

/** A 40 MB "photo": a real JPEG's first bytes, then noise. */
export async function hugeJpegLike(size = 40 * 1024 * 1024) {
  const head = await noisyJpeg(64, 64);
  return Buffer.concat([head, randomBytes(size - head.length)]);
}

export type MediaWorld = {
  store: BlobStore;
  root: string;
  /** Every key in the store (files only). */
  keys: () => Promise<string[]>;
  cleanup: () => Promise<void>;
};

export async function tempFsStore(): Promise<MediaWorld> {
  const root = await mkdtemp(path.join(os.tmpdir(), "kits-media-"));
  return {
    store: fsBlobStore(root),
    root,
    keys: async () =>
      (await readdir(root, { recursive: true, withFileTypes: true }))
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
        .filter((key) => !key.startsWith(".tmp")),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}
