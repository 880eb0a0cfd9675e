import { PDFDocument } from "pdf-lib";
import { describe, expect, test } from "vitest";
import { cleanPdf, hasPdfTrailer } from "~/media/pdfs.server";

describe("PDF trailer check", () => {
  test("a real PDF has its trailer; bytes that only start like a PDF do not, and are refused at once", async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage();
    expect(hasPdfTrailer(await pdf.save())).toBe(true);
    const fake = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(5 * 1024 * 1024, 0x41)]);
    expect(hasPdfTrailer(fake)).toBe(false);
    expect(await cleanPdf(fake)).toEqual({ ok: false, reason: expect.stringMatching(/n'est pas un PDF lisible/) });
  });
});
