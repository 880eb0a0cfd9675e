// PDF cleaning runs in a worker thread with a time limit, so a hostile file cannot freeze the web
// process; the result is the same as cleaning in place.
import { describe, expect, test } from "vitest";
import { cleanPdfIsolated } from "~/media/pdf-isolation.server";
import { PDF_AUTHOR, pdfWithMetadata } from "../../support/media-fixtures";

describe("PDF cleaning in a worker thread", () => {
  test("a real PDF comes back cleaned, with its page count", async () => {
    const result = await cleanPdfIsolated(await pdfWithMetadata(3));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.pages).toBe(3);
      expect(Buffer.from(result.bytes).includes(PDF_AUTHOR)).toBe(false);
    }
  });

  test("a file that takes too long is refused with a French reason while the main thread stays free", async () => {
    // A hundred thousand well-formed objects and a trailer: pdf-lib parses every one of them, which
    // takes seconds. (Random bytes would not do: pdf-lib sometimes gives up on them at once.)
    const objects = Array.from({ length: 100_000 }, (_, i) => `${i + 1} 0 obj\n<< /A [${i + 1} 0 R] >>\nendobj\n`).join("");
    const slow = Buffer.from(`%PDF-1.7\n${objects}trailer\n<< /Root 1 0 R >>\nstartxref\n0\n%%EOF\n`);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 50);
    const result = await cleanPdfIsolated(slow, { timeLimitMs: 500 });
    clearInterval(ticker);
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/demande trop de calcul/) });
    expect(ticks).toBeGreaterThan(3); // the event loop kept turning during the work
  });
});
