// The wiring, end to end: receiveUpload with the process's own blob store queues a job, and the
// real worker (the app's task list) turns the photo ready.
import { rmSync, statSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, expect, test, vi } from "vitest";

// Before any app module reads the configuration: the process's fs store lives in a temporary folder.
const blobDir = await vi.hoisted(async () => (await import("../../support/temp-blob-dir")).tempBlobDir("kits-media-worker-"));

import { db } from "~/infra/db.server";
import { startQueueWorker } from "~/infra/queue.server";
import { taskList } from "~/jobs.server";
import { listFilesForOwner, receiveUpload } from "~/submissions/proposal-files.server";
import { noisyJpeg, pdfWithMetadata } from "../../support/media-fixtures";
import { draftProposal } from "../../support/fixtures";
import { duringSubmissions } from "../../support/calendar";

afterAll(() => rmSync(blobDir, { recursive: true, force: true }));

test("the queue worker processes an upload with the app's task list and the configured store", async () => {
  const target = await draftProposal(db);
  const photo = await receiveUpload({
    ...target,
    kind: "photo",
    filename: "kit.jpg",
    stream: Readable.from([await noisyJpeg(1000, 750)]),
    now: duringSubmissions,
  });
  const pdf = await receiveUpload({
    ...target,
    kind: "document",
    filename: "guide.pdf",
    stream: Readable.from([await pdfWithMetadata()]),
    now: duringSubmissions,
  });

  const worker = await startQueueWorker({ connectionString: process.env.DATABASE_URL!, taskList });
  try {
    await vi.waitFor(
      async () => {
        const files = await listFilesForOwner(target);
        expect(files.map((f) => f.status)).toEqual(["ready", "ready"]);
      },
      { timeout: 20_000, interval: 100 },
    );
  } finally {
    await worker.stop();
  }
  const files = await listFilesForOwner(target);
  expect(files.map((f) => f.id)).toEqual([photo.id, pdf.id]);
  for (const key of [...Object.values(files[0].derivatives), files[1].derivatives.clean!]) {
    expect(statSync(path.join(blobDir, key)).isFile()).toBe(true);
  }
  const [{ jobs }] = await db<{ jobs: number }[]>`select count(*)::int as jobs from graphile_worker.jobs`;
  expect(jobs).toBe(0);
});
