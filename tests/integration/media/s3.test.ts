// The same intake and processing against the S3 driver, talking to a real S3-protocol server.
import { randomBytes } from "node:crypto";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import sharp from "sharp";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createContest } from "~/contest/contests.server";
import type { BlobStore } from "~/infra/blobs/blob-store";
import { createBlobStore, readBlobStoreEnv } from "~/infra/blobs/index.server";
import { db } from "~/infra/db.server";
import { fileKeys, UploadRefused } from "~/media/media";
import { listFilesForOwner, openFileForOwner, processUpload, proposalFiles, receiveUpload } from "~/submissions/proposal-files.server";
import { createProposal } from "~/submissions/proposals.server";
import { hugeJpegLike, lazyUpload, PDF_AUTHOR, pdfWithMetadata, phoneJpeg } from "../../support/media-fixtures";
import { startS3rver } from "../../support/s3rver";
import { contestInput, createDesigner, createPerson, draftProposal } from "../../support/fixtures";
import { duringSubmissions } from "../../support/calendar";

let s3: Awaited<ReturnType<typeof startS3rver>>;
let store: BlobStore;
beforeAll(async () => {
  s3 = await startS3rver();
  // Built the way the app builds it, from BLOB_STORE=s3 and the S3_* variables.
  const settings = readBlobStoreEnv(
    {
      BLOB_STORE: "s3",
      S3_ENDPOINT: s3.settings.endpoint,
      S3_REGION: s3.settings.region,
      S3_BUCKET: s3.settings.bucket,
      S3_ACCESS_KEY_ID: s3.settings.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.settings.secretAccessKey,
      S3_REQUEST_TIMEOUT_MS: "10000",
    },
    "/nonexistent",
  );
  expect(settings).toMatchObject({ driver: "s3", s3: { bucket: s3.settings.bucket, forcePathStyle: true, requestTimeoutMs: 10_000 } });
  store = createBlobStore(settings);
});
afterAll(() => s3?.stop());

async function readAll(stream: NodeJS.ReadableStream) {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

test("a photo and a PDF go through intake and processing on S3", async () => {
  const target = await draftProposal(db);
  const photo = await receiveUpload(
    { ...target, kind: "photo", filename: "kit.jpg", stream: Readable.from([await phoneJpeg()]), now: duringSubmissions },
    { store },
  );
  const pdf = await receiveUpload(
    { ...target, kind: "document", filename: "plans.pdf", stream: Readable.from([await pdfWithMetadata()]), now: duringSubmissions },
    { store },
  );
  expect(await store.stat(fileKeys(proposalFiles, target.proposalId, photo.id).original)).toEqual({ size: photo.originalSize });

  expect(await processUpload(photo.id, { store })).toMatchObject({ status: "ready" });
  expect(await processUpload(pdf.id, { store })).toMatchObject({ status: "ready" });
  expect((await listFilesForOwner(target, { store })).map((f) => f.status)).toEqual(["ready", "ready"]);

  const large = await readAll((await openFileForOwner({ ...target, fileId: photo.id, variant: "large" }, { store })).stream);
  const meta = await sharp(large).metadata();
  expect(meta).toMatchObject({ format: "webp", width: 300, height: 600 });
  expect(meta.exif).toBeUndefined();
  const clean = await readAll((await openFileForOwner({ ...target, fileId: pdf.id, variant: "clean" }, { store })).stream);
  expect(clean.subarray(0, 5).toString()).toBe("%PDF-");
  expect(clean.includes(PDF_AUTHOR)).toBe(false);
});

test("an upload over the limit is cut off while streaming to S3, and no object remains", async () => {
  const admin = (await createPerson(db, { name: "Admin" })).id;
  const contest = await createContest(contestInput({ slug: `s3-${randomBytes(4).toString("hex")}`, maxPhotoMegabytes: "1" }), admin, db);
  const ownerId = (await createDesigner(db)).id;
  const proposalId = await createProposal({ contestId: contest.id, ownerId, now: duringSubmissions }, db);
  const source = lazyUpload(await hugeJpegLike(12 * 1024 * 1024));
  const error = await receiveUpload(
    { proposalId, ownerId, kind: "photo", filename: "x.jpg", stream: source.stream, now: duringSubmissions },
    { store },
  ).catch((e) => e);
  expect(error).toBeInstanceOf(UploadRefused);
  expect((error as Error).message).toBe("Le fichier dépasse la taille maximale de 1 Mo.");
  expect(source.read()).toBeLessThan(12 * 1024 * 1024);
  expect(await db`select 1 from proposal_files where proposal_id = ${proposalId}`).toHaveLength(0);
  const objects = (await readdir(s3.directory, { recursive: true, withFileTypes: true })).map((e) => path.join(e.parentPath, e.name));
  expect(objects.some((object) => object.includes(`proposals/${proposalId}/`))).toBe(false);
  // (the check can see objects: the first test's are there)
  expect(objects.some((object) => object.includes("/original"))).toBe(true);
});
