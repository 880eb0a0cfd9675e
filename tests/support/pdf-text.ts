// Reads a PDF back as a person's viewer would, with pdfjs: each page's text, and where each piece of
// it is drawn, so that tests assert what a document says and that nothing is drawn over anything else.
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { expect } from "vitest";

export type PlacedText = { text: string; x: number; y: number; width: number; height: number };
export type PdfPage = { text: string; items: PlacedText[] };
export type PdfText = { pages: PdfPage[]; text: string; info: Record<string, unknown> };

/** Any run of white space (no-break and narrow no-break spaces included) as one plain space. */
export function normalised(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

export async function pdfText(bytes: Uint8Array): Promise<PdfText> {
  // pdfjs takes ownership of the buffer it is given: a copy leaves the caller's bytes intact.
  const document = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false }).promise;
  try {
    const pages: PdfPage[] = [];
    for (let n = 1; n <= document.numPages; n++) {
      const content = await (await document.getPage(n)).getTextContent();
      const items: PlacedText[] = [];
      let text = "";
      for (const item of content.items) {
        if (!("str" in item)) continue;
        text += item.str + (item.hasEOL ? "\n" : "");
        if (item.str.trim() !== "") {
          items.push({ text: item.str, x: item.transform[4], y: item.transform[5], width: item.width, height: item.height });
        }
      }
      pages.push({ text: normalised(text), items });
    }
    const { info } = await document.getMetadata();
    return { pages, text: pages.map((page) => page.text).join(" "), info: info as Record<string, unknown> };
  } finally {
    await document.destroy();
  }
}

/** Asserts that the document's text says each phrase (white space normalised). */
export function expectSays(text: string, phrases: string[]) {
  for (const said of phrases) expect(text).toContain(normalised(said));
}

/** Pairs of pieces of text on a page whose boxes overlap by more than `tolerance` points each way. */
export function overlaps(page: PdfPage, tolerance = 0.5): [PlacedText, PlacedText][] {
  const found: [PlacedText, PlacedText][] = [];
  page.items.forEach((a, i) => {
    for (const b of page.items.slice(i + 1)) {
      const across = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const down = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (across > tolerance && down > tolerance) found.push([a, b]);
    }
  });
  return found;
}
