import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFStream, type PDFObject } from "pdf-lib";
import { formatInteger, MAX_PDF_PAGES } from "./media";

export type CleanedPdf = { ok: true; bytes: Uint8Array; pages: number };
export type PdfRefusal = { ok: false; reason: string };

// Keys that carry who made the file (XMP packets, application-private data such as Illustrator's),
// or run something when it is opened. Removed wherever they appear.
const strippedEverywhere = ["Metadata", "PieceInfo", "AA"].map((key) => PDFName.of(key));
const strippedFromCatalog = ["OpenAction"].map((key) => PDFName.of(key));

/**
 * A copy of the PDF the jury can read without learning who made it: no document information
 * dictionary (Title, Author, Subject, Keywords, Creator, Producer, dates), no XMP metadata
 * streams, no document-level JavaScript or open actions; unreachable objects (where an earlier
 * revision's metadata may linger) are dropped. Encrypted, unreadable, empty or over-long
 * documents are refused with a reason the designer reads.
 */
export async function cleanPdf(input: Uint8Array, limits: { maxPages: number } = { maxPages: MAX_PDF_PAGES }): Promise<CleanedPdf | PdfRefusal> {
  // pdf-lib spends minutes of CPU on megabytes of bytes that only start like a PDF: a file without
  // the end-of-file marker a PDF writer always puts in its last bytes is refused before parsing.
  if (!hasPdfTrailer(input)) {
    return { ok: false, reason: "Ce fichier n'est pas un PDF lisible : il est peut-être endommagé. Exportez-le de nouveau en PDF puis déposez-le." };
  }
  let doc: PDFDocument;
  let pages: number;
  try {
    // updateMetadata: false, or pdf-lib would write its own Producer and dates.
    doc = await PDFDocument.load(input, { ignoreEncryption: true, updateMetadata: false });
    if (doc.isEncrypted) {
      return { ok: false, reason: "Ce PDF est protégé par un mot de passe ou chiffré : déposez une version sans protection." };
    }
    pages = doc.getPageCount();
  } catch {
    return { ok: false, reason: "Ce fichier n'est pas un PDF lisible : il est peut-être endommagé. Exportez-le de nouveau en PDF puis déposez-le." };
  }
  if (pages === 0) return { ok: false, reason: "Ce PDF ne contient aucune page." };
  if (pages > limits.maxPages) {
    return {
      ok: false,
      reason: `Ce PDF compte ${formatInteger(pages)} pages : ${formatInteger(limits.maxPages)} au plus sont acceptées. Scindez-le en plusieurs documents.`,
    };
  }

  const context = doc.context;
  context.trailerInfo.Info = undefined;
  for (const key of strippedFromCatalog) doc.catalog.delete(key);
  const names = doc.catalog.lookupMaybe(PDFName.of("Names"), PDFDict);
  names?.delete(PDFName.of("JavaScript"));
  for (const [, object] of context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFStream ? object.dict : object instanceof PDFDict ? object : null;
    for (const key of strippedEverywhere) dict?.delete(key);
  }
  dropUnreachable(doc);

  try {
    // Without object streams the dictionaries stay readable as text, which is how the tests check them.
    const bytes = await doc.save({ useObjectStreams: false });
    return { ok: true, bytes, pages };
  } catch {
    return { ok: false, reason: "Ce PDF n'a pas pu être nettoyé : il est peut-être endommagé. Exportez-le de nouveau en PDF puis déposez-le." };
  }
}

/** Whether the last kilobyte holds "startxref" and "%%EOF", as every complete PDF does. */
export function hasPdfTrailer(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(Math.max(0, bytes.byteLength - 1024)).toString("latin1");
  return tail.includes("%%EOF") && tail.includes("startxref");
}

/** Deletes every indirect object not reachable from the catalog. */
function dropUnreachable(doc: PDFDocument) {
  const context = doc.context;
  const reached = new Set<string>();
  const pending: PDFObject[] = [context.trailerInfo.Root!];
  while (pending.length) {
    const object = pending.pop()!;
    if (object instanceof PDFRef) {
      if (reached.has(object.tag)) continue;
      reached.add(object.tag);
      const target = context.lookup(object);
      if (target) pending.push(target);
    } else if (object instanceof PDFDict) {
      pending.push(...object.values());
    } else if (object instanceof PDFStream) {
      pending.push(object.dict);
    } else if (object instanceof PDFArray) {
      pending.push(...object.asArray());
    }
  }
  for (const [ref] of context.enumerateIndirectObjects()) {
    if (!reached.has(ref.tag)) context.delete(ref);
  }
}
