// The copy a juror downloads, as the worker makes it (in its own thread) and as it is served, has no
// active content. The whole corpus is checked against the cleaner in tests/unit/media; here, the two
// files that carry the most kinds of it, since each takes a thread's start-up.
import { Readable } from "node:stream";
import { afterAll, beforeAll, expect, test } from "vitest";
import { db } from "~/infra/db.server";
import { activeContent, activeNameInBytes, EMBEDDED_TEXT, hostilePdfs, SCRIPT_TEXT } from "../../support/hostile-pdfs";
import { tempFsStore, type MediaWorld } from "../../support/media-fixtures";
import { draftProposal } from "../../support/fixtures";
import { duringSubmissions } from "../../support/calendar";
import { openProcessedFile, processUpload, receiveUpload } from "~/submissions/proposal-files.server";

let world: MediaWorld;
beforeAll(async () => {
  world = await tempFsStore();
});
afterAll(() => world?.cleanup());

test.each(hostilePdfs.filter((pdf) => /^(links|embedded files)/.test(pdf.label)))("$label: the served copy is inert", async ({ make }) => {
  const target = await draftProposal(db);
  const file = await receiveUpload(
    { ...target, kind: "document", filename: "plans.pdf", stream: Readable.from([await make()]), now: duringSubmissions },
    { store: world.store },
  );
  expect(await processUpload(file.id, { store: world.store })).toEqual({ status: "ready", fileId: file.id });

  const opened = await openProcessedFile({ fileId: file.id, variant: "clean" }, { store: world.store });
  const chunks: Buffer[] = [];
  for await (const chunk of opened.stream) chunks.push(Buffer.from(chunk as Buffer));
  const served = Buffer.concat(chunks);
  expect(await activeContent(served)).toEqual([]);
  const text = served.toString("latin1");
  expect(text).not.toMatch(activeNameInBytes);
  expect(text).not.toContain(SCRIPT_TEXT);
  expect(text).not.toContain(EMBEDDED_TEXT);
});
