// The streaming CSV writer: batches encoded in order into the store, progress told after each
// batch with the rows written so far, and the stored size and SHA-256 those of the bytes.
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { fsBlobStore } from "~/infra/blobs/fs-blob-store.server";
import { csvRecord } from "~/infra/csv";
import { writeCsvToStore } from "~/infra/csv-stream.server";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function* batches() {
  yield [
    { code: "01", name: "Ain" },
    { code: "2A", name: "Corse-du-Sud" },
  ];
  yield [{ code: "75", name: "Paris, capitale" }];
  yield [];
  yield [{ code: "976", name: "Mayotte" }];
}

test("rows go into the store batch by batch, with the progress after each", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "kits-csv-stream-"));
  dirs.push(dir);
  const progress: number[] = [];
  const stored = await writeCsvToStore(fsBlobStore(dir), "exports/1/test.csv", {
    head: csvRecord(["code", "nom"]),
    batches: batches(),
    line: (row) => csvRecord([row.code, row.name]),
    progress: async (rows) => void progress.push(rows),
  });
  const bytes = await readFile(path.join(dir, "exports/1/test.csv"));
  expect(bytes.toString("utf8")).toBe('code,nom\r\n01,Ain\r\n2A,Corse-du-Sud\r\n75,"Paris, capitale"\r\n976,Mayotte\r\n');
  expect(stored).toMatchObject({ rowCount: 4, size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") });
  expect(progress).toEqual([2, 3, 3, 4]);
});
