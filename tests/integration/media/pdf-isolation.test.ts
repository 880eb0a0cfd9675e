// PDF cleaning runs in a worker thread with a time limit, so a hostile file cannot freeze the web
// process; the result is the same as cleaning in place.
import { randomBytes } from "node:crypto";
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
    // Junk that carries a PDF trailer: pdf-lib needs seconds to give up on it.
    const junk = Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(3 * 1024 * 1024), Buffer.from("\nstartxref\n0\n%%EOF\n")]);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 50);
    const result = await cleanPdfIsolated(junk, { timeLimitMs: 500 });
    clearInterval(ticker);
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/demande trop de calcul/) });
    expect(ticks).toBeGreaterThan(3); // the event loop kept turning during the work
  });
});
