// The demo is seeded at each first start, at whatever hour: between midnight in Paris and midnight
// in UTC the two calendars disagree on the day, and the demo's delivery must still be confirmed on
// the Paris day its shipment was made (the receipt form and its checks count in Paris time).
import { rm } from "node:fs/promises";
import { afterAll, expect, test, vi } from "vitest";
import { db } from "~/infra/db.server";
import { toParisLocal } from "~/infra/paris-time";
import { seedDemo } from "../../../db/seed";

// The seed's photos go through the real pipeline into the configured store: a temporary one here.
vi.hoisted(async () => {
  const { mkdtempSync } = await import("node:fs");
  const os = await import("node:os");
  const path = await import("node:path");
  process.env.BLOB_DIR = mkdtempSync(path.join(os.tmpdir(), "kits-demo-seed-night-"));
});

afterAll(async () => {
  await rm(process.env.BLOB_DIR!, { recursive: true, force: true });
});

test("seeded half an hour after midnight in Paris, the demo's delivery is received that Paris day", async () => {
  const parisNight = new Date();
  parisNight.setUTCHours(23, 30, 0, 0); // 00:30 in Paris in winter, 01:30 in summer: still the day before in UTC
  expect(await seedDemo(db, parisNight)).not.toBeNull();
  const receipts = await db<{ receivedOn: string }[]>`select to_char(received_on, 'YYYY-MM-DD') as received_on from shipment_receipts`;
  expect(receipts.length).toBeGreaterThan(0);
  for (const receipt of receipts) expect(receipt.receivedOn).toBe(toParisLocal(parisNight).slice(0, 10));
});
