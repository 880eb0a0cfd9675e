// What a juror downloads is inert: every crafted PDF of the corpus comes out of cleaning with no
// script, no action reaching outside the document, no embedded file, no XFA; its pages, ordinary
// links, form fields and outline stay.
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFStream, type PDFObject } from "pdf-lib";
import { describe, expect, test } from "vitest";
import { cleanPdf } from "~/media/pdfs.server";
import { EMBEDDED_TEXT, hostilePdfs, SAFE_LINK, SCRIPT_TEXT } from "../../support/hostile-pdfs";

// The oracle, written from the PDF specification rather than from the cleaner's own lists.
const activeKeys = ["OpenAction", "AA", "JavaScript", "JS", "EmbeddedFiles", "EF", "RF", "AF", "Collection", "XFA", "NeedsRendering"];
const activeActions = ["JavaScript", "Launch", "SubmitForm", "ImportData", "GoToR", "GoToE", "RichMediaExecute", "Rendition", "Sound", "Movie"];
const activeAnnotations = ["FileAttachment", "Sound", "Movie", "Screen", "RichMedia", "3D"];

/** Every active feature found by parsing the PDF and walking all its objects, direct ones included. */
async function activeContent(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const found = new Set<string>();
  const nameOf = (object: PDFObject | undefined) => (object instanceof PDFName ? object.decodeText() : undefined);
  const pending: PDFObject[] = doc.context.enumerateIndirectObjects().map(([, object]) => object);
  while (pending.length) {
    const object = pending.pop()!;
    if (object instanceof PDFStream) pending.push(object.dict);
    else if (object instanceof PDFArray) pending.push(...object.asArray());
    else if (object instanceof PDFDict) {
      for (const [key, value] of object.entries()) {
        const name = key.decodeText();
        if (activeKeys.includes(name)) found.add(`/${name}`);
        if (name === "S" && activeActions.includes(nameOf(value)!)) found.add(`/S /${nameOf(value)}`);
        if (name === "Subtype" && activeAnnotations.includes(nameOf(value)!)) found.add(`/Subtype /${nameOf(value)}`);
        if (name === "Type" && nameOf(value) === "EmbeddedFile") found.add("/Type /EmbeddedFile");
        pending.push(value);
      }
    }
  }
  return [...found].sort();
}

// In the cleaned copy, written without object streams, every dictionary is readable as text.
const activeNameInBytes = new RegExp(`/(${[...activeKeys, ...activeActions, ...activeAnnotations, "EmbeddedFile"].join("|")})(?=[\\s/<>\\[\\]()])`);

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
