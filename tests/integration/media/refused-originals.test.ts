// Refused uploads: their originals leave the store on the scheduled purge, once; their rows stay,
// with the reason their owner reads. Ready and pending originals are left alone.
import { rmSync } from "node:fs";
import { Readable } from "node:stream";
import { parseCrontab } from "graphile-worker";
import { afterAll, expect, test, vi } from "vitest";

// Before any app module reads the configuration: the process's fs store lives in a temporary folder.
const blobDir = await vi.hoisted(async () => (await import("../../support/temp-blob-dir")).tempBlobDir("kits-media-purge-"));

import type { BlobStore } from "~/infra/blobs/blob-store";
import { blobStore } from "~/infra/blobs/index.server";
import { db } from "~/infra/db.server";
import { enqueue, startQueueWorker } from "~/infra/queue.server";
import { crontab, taskList } from "~/jobs.server";
import type { FileKind } from "~/media/media";
import { purgeRefusedOriginals } from "~/media/processing.server";
import { listFilesForOwner, processUpload, proposalFiles, receiveUpload } from "~/submissions/proposal-files.server";
import { noisyJpeg, pdfWithMetadata } from "../../support/media-fixtures";
import { draftProposal } from "../../support/fixtures";
import { duringSubmissions } from "../../support/calendar";

afterAll(() => rmSync(blobDir, { recursive: true, force: true }));

const brokenPdf = () => Buffer.from(`%PDF-1.7\n${"n'importe quoi ".repeat(500)}`);

async function upload(target: { proposalId: number; ownerId: number }, kind: FileKind, bytes: Buffer) {
  const file = await receiveUpload({
    ...target,
    kind,
    filename: kind === "photo" ? "kit.jpg" : "plans.pdf",
    stream: Readable.from([bytes]),
    now: duringSubmissions,
  });
  const [{ originalKey }] = await db<{ originalKey: string }[]>`select original_key from proposal_files where id = ${file.id}`;
  return { id: file.id, originalKey };
}

async function purgeMark(fileId: number) {
  const [row] = await db<
    { status: string; originalPurgedAt: Date | null }[]
  >`select status, original_purged_at from proposal_files where id = ${fileId}`;
  return row;
}

test("a refused file's original leaves the store once; ready and pending originals stay; the refusal is still listed", async () => {
  const target = await draftProposal(db);
  const ready = await upload(target, "document", await pdfWithMetadata());
  const refused = await upload(target, "document", brokenPdf());
  const pending = await upload(target, "photo", await noisyJpeg(320, 240));
  expect((await processUpload(ready.id)).status).toBe("ready");
  expect((await processUpload(refused.id)).status).toBe("refused");
  expect(await blobStore().stat(refused.originalKey)).not.toBeNull();

  const deleted: string[] = [];
  const store: BlobStore = {
    ...blobStore(),
    delete: async (key) => {
      deleted.push(key);
      await blobStore().delete(key);
    },
  };
  expect(await purgeRefusedOriginals(proposalFiles, { store })).toBe(1);
  expect(deleted).toEqual([refused.originalKey]);
  expect(await blobStore().stat(refused.originalKey)).toBeNull();
  expect(await blobStore().stat(ready.originalKey)).not.toBeNull();
  expect(await blobStore().stat(pending.originalKey)).not.toBeNull();
  expect(await purgeMark(refused.id)).toEqual({ status: "refused", originalPurgedAt: expect.any(Date) });
  expect(await purgeMark(ready.id)).toEqual({ status: "ready", originalPurgedAt: null });

  // Not purged twice.
  expect(await purgeRefusedOriginals(proposalFiles, { store })).toBe(0);
  expect(deleted).toEqual([refused.originalKey]);

  const listed = await listFilesForOwner(target);
  expect(listed.find((file) => file.id === refused.id)).toMatchObject({
    status: "refused",
    refusalReason: expect.stringMatching(/pas un PDF lisible/),
  });
});

test("more refused originals than one batch are all purged in one run", async () => {
  const files = [];
  // Five documents per proposal at most.
  for (let i = 0; i < 21; i++) {
    const target = await draftProposal(db);
    for (let j = 0; j < 5; j++) files.push(await upload(target, "document", brokenPdf()));
  }
  // Refused as processing would, without its cost a hundred times over.
  await db`
    update proposal_files set status = 'refused', refusal_reason = 'Ce fichier n''est pas un PDF lisible.', processed_at = now()
    where id in ${db(files.map((file) => file.id))}`;

  expect(await purgeRefusedOriginals(proposalFiles)).toBe(105);
  for (const file of files) expect(await blobStore().stat(file.originalKey)).toBeNull();
});

test("the app's crontab schedules the purge, and the queue worker runs it with the app's task list", async () => {
  expect(parseCrontab(crontab).map((item) => item.task)).toContain("purge_refused_originals");

  const target = await draftProposal(db);
  const refused = await upload(target, "document", brokenPdf());
  const worker = await startQueueWorker({ connectionString: process.env.DATABASE_URL!, taskList });
  try {
    // The upload's own job refuses the file; then the job the crontab would add.
    await vi.waitFor(async () => expect((await purgeMark(refused.id)).status).toBe("refused"), { timeout: 30_000, interval: 100 });
    await enqueue(db, "purge_refused_originals", {});
    await vi.waitFor(async () => expect((await purgeMark(refused.id)).originalPurgedAt).toBeInstanceOf(Date), { timeout: 30_000, interval: 100 });
  } finally {
    await worker.stop();
  }
  expect(await blobStore().stat(refused.originalKey)).toBeNull();
});
