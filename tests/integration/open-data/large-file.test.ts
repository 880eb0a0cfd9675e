// A file larger than one part of an S3 multipart upload (5 MiB), streamed from the cursor into a
// real S3-protocol store (s3rver): every row arrives, in order, and the size and SHA-256 recorded
// are those of the object stored.
import { createHash } from "node:crypto";
import { createGunzip } from "node:zlib";
import { afterAll, beforeAll, expect, test } from "vitest";
import { s3BlobStore } from "~/infra/blobs/s3-blob-store.server";
import { db } from "~/infra/db.server";
import { generateOpenDataFile, gzipKeyOf } from "~/open-data/files.server";
import { openCampaign } from "../../support/catalogue-world";
import { startS3rver } from "../../support/s3rver";

const PART_BYTES = 5 * 1024 * 1024; // @aws-sdk/lib-storage's default part size
const MOVES = 100_000;

let s3: Awaited<ReturnType<typeof startS3rver>>;

beforeAll(async () => {
  s3 = await startS3rver();
});
afterAll(async () => {
  await s3?.stop();
});

test("a ledger of 100,000 entries more streams through several upload parts: row count, size and SHA-256 hold", async () => {
  const campaign = await openCampaign(db, "Campagne volumineuse");
  // Back-and-forth moves between two départements, written straight into the append-only ledger.
  await db`
    insert into ledger_entries (campaign_id, movement_id, kind, departement_code, cap_delta, at)
    select ${campaign.id}, 1000000 + g / 2, 'move', case when g % 2 = 0 then '01' else '02' end, case when g % 2 = 0 then 12345 else -12345 end,
           now()
    from generate_series(0, ${MOVES - 1}) g`;
  const [{ entries, lastId }] = await db<
    { entries: number; lastId: number }[]
  >`select count(*)::int as entries, max(id) as last_id from ledger_entries`;

  const store = s3BlobStore(s3.settings);
  const file = (await generateOpenDataFile("grand-livre", { store, now: new Date() }))!;
  expect(file.rowCount).toBe(entries);
  expect(file.byteSize).toBeGreaterThan(PART_BYTES);

  const [{ blobKey }] = await db<{ blobKey: string }[]>`select blob_key from open_data_files where name = 'grand-livre'`;
  const hash = createHash("sha256");
  let size = 0;
  let lines = 0;
  let tail = "";
  for await (const chunk of await store.get(blobKey)) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    size += bytes.length;
    const text = bytes.toString("latin1");
    lines += text.split("\n").length - 1; // a CRLF may straddle two chunks; no field of the ledger holds a line break
    tail = (tail + text).slice(-200);
  }
  expect(size).toBe(file.byteSize);
  expect(hash.digest("hex")).toBe(file.sha256);
  expect(lines).toBe(entries + 1); // the header, then one line per entry
  // The compressed copy, streamed too, inflates to the same bytes.
  const inflated = createHash("sha256");
  let packedSize = 0;
  for await (const chunk of (await store.get(gzipKeyOf(blobKey))).pipe(createGunzip())) inflated.update(chunk as Buffer);
  for await (const chunk of await store.get(gzipKeyOf(blobKey))) packedSize += (chunk as Buffer).length;
  expect(inflated.digest("hex")).toBe(file.sha256);
  expect(packedSize).toBe(file.gzipByteSize);
  expect(tail.trimEnd().split("\r\n").at(-1)).toMatch(new RegExp(`^${lastId},${campaign.id},\\d+,deplacement,02,-123\\.45,0\\.00,0\\.00,0\\.00,,`));
}, 300_000);
