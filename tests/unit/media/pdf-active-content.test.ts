// What a juror downloads is inert: every crafted PDF of the corpus comes out of cleaning with no
// script, no action reaching outside the document, no embedded file, no XFA; its pages, ordinary
// links, form fields and outline stay.
import { PDFDict, PDFDocument, PDFName } from "pdf-lib";
import { describe, expect, test } from "vitest";
import { cleanPdf } from "~/media/pdfs.server";
import { activeContent, activeNameInBytes, EMBEDDED_TEXT, hostilePdfs, SAFE_LINK, SCRIPT_TEXT } from "../../support/hostile-pdfs";

async function cleaned(original: Buffer) {
  const result = await cleanPdf(original);
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return { bytes: Buffer.from(result.bytes), pages: result.pages };
}

describe("active content in PDFs", () => {
  test.each(hostilePdfs)("$label: found in the original, none left in the cleaned copy", async ({ make, found }) => {
    const original = await make();
    expect(await activeContent(original)).toEqual(expect.arrayContaining(found));

    const clean = await cleaned(original);
    expect(clean.pages).toBe(2);
    expect(await activeContent(clean.bytes)).toEqual([]);
    const text = clean.bytes.toString("latin1");
    expect(text).not.toMatch(activeNameInBytes);
    expect(text).not.toContain(SCRIPT_TEXT);
    expect(text).not.toContain(EMBEDDED_TEXT);

    // What is not active stays: the pages and the ordinary web link.
    const reread = await PDFDocument.load(clean.bytes, {
      updateMetadata: false,
    });
    expect(reread.getPageCount()).toBe(2);
    const links = reread
      .getPage(0)
      .node.Annots()!
      .asArray()
      .map((ref) => reread.context.lookup(ref, PDFDict));
    const uris = links.map((annot) => annot.lookupMaybe(PDFName.of("A"), PDFDict)?.get(PDFName.of("URI"))?.toString());
    expect(uris).toContain(`(${SAFE_LINK})`);
  });

  test("the byte check would see an active name left in a cleaned copy", () => {
    expect("<<\n/S /JavaScript\n/JS (x)\n>>").toMatch(activeNameInBytes);
    expect("<<\n/Type /EmbeddedFile\n>>").toMatch(activeNameInBytes);
    expect("<<\n/Type /Annot\n/Subtype /Link\n>>").not.toMatch(activeNameInBytes);
  });

  test("a form field keeps its name once its scripts are gone; an outline entry keeps its title", async () => {
    const form = await cleaned(await hostilePdfs.find((pdf) => pdf.label.startsWith("a form"))!.make());
    const fields = (await PDFDocument.load(form.bytes)).getForm().getFields();
    expect(fields.map((field) => field.getName())).toEqual(["nom"]);

    const outline = await cleaned(await hostilePdfs.find((pdf) => pdf.label.startsWith("an outline"))!.make());
    const catalog = (await PDFDocument.load(outline.bytes)).catalog;
    const entry = catalog.lookup(PDFName.of("Outlines"), PDFDict).lookup(PDFName.of("First"), PDFDict);
    expect(entry.get(PDFName.of("Title"))?.toString()).toBe("(Sommaire)");
    expect(entry.get(PDFName.of("A"))).toBeUndefined();
  });
});
