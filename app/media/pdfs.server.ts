import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFStream, type PDFContext, type PDFObject } from "pdf-lib";
import { formatInteger, MAX_PDF_PAGES } from "./media";

export type CleanedPdf = { ok: true; bytes: Uint8Array; pages: number };
export type PdfRefusal = { ok: false; reason: string };

// Removed wherever they appear. Who made the file: XMP packets, application-private data (such as
// Illustrator's). What runs without a click: the open action, additional actions (catalog, pages,
// annotations, form fields), the JavaScript name tree, script text itself. What travels inside:
// embedded and associated files, portfolios. XFA forms, which carry their own scripts.
const strippedKeys = [
  "Metadata",
  "PieceInfo",
  "OpenAction",
  "AA",
  "JavaScript",
  "JS",
  "EmbeddedFiles",
  "EF",
  "RF",
  "AF",
  "Collection",
  "XFA",
  "NeedsRendering",
].map((key) => PDFName.of(key));

// Actions that run code, open or send to something outside the document, or play media.
const activeActions = new Set(
  ["JavaScript", "Launch", "SubmitForm", "ImportData", "GoToR", "GoToE", "RichMediaExecute", "Rendition", "Sound", "Movie"].map((name) =>
    PDFName.of(name),
  ),
);
// Annotations that hold a file, media or a scriptable 3D scene.
const activeAnnotations = new Set(["FileAttachment", "Sound", "Movie", "Screen", "RichMedia", "3D"].map((name) => PDFName.of(name)));
const embeddedFile = PDFName.of("EmbeddedFile");

/**
 * A copy of the PDF the jury can read without learning who made it and open without risk: no
 * document information dictionary (Title, Author, Subject, Keywords, Creator, Producer, dates), no
 * XMP metadata streams, no JavaScript, no open or additional actions, no action that launches,
 * submits, imports or opens another file, no embedded files or file attachments, no XFA; unreachable
 * objects (where an earlier revision's metadata may linger) are dropped. Encrypted, unreadable,
 * empty or over-long documents are refused with a reason the designer reads.
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

  doc.context.trailerInfo.Info = undefined;
  keepPassiveContent(doc.context);

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
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .subarray(Math.max(0, bytes.byteLength - 1024))
    .toString("latin1");
  return tail.includes("%%EOF") && tail.includes("startxref");
}

/**
 * Keeps what the catalog reaches, less what is active: `strippedKeys` are deleted from every
 * dictionary, every reference to an active object is cut from its dictionary or array, then every
 * indirect object no longer reached is deleted. Iterative, so that a hostile file's long chains of
 * objects cannot overflow the stack.
 */
function keepPassiveContent(context: PDFContext) {
  const reached = new Set<string>();
  const pending: PDFObject[] = [context.trailerInfo.Root!];
  const isActive = (value: PDFObject) => {
    const object = value instanceof PDFRef ? context.lookup(value) : value;
    const dict = object instanceof PDFStream ? object.dict : object instanceof PDFDict ? object : null;
    if (!dict) return false;
    return (
      activeActions.has(dict.lookup(PDFName.of("S")) as PDFName) ||
      activeAnnotations.has(dict.lookup(PDFName.of("Subtype")) as PDFName) ||
      dict.lookup(PDFName.of("Type")) === embeddedFile
    );
  };
  while (pending.length) {
    const object = pending.pop()!;
    if (object instanceof PDFRef) {
      if (reached.has(object.tag)) continue;
      reached.add(object.tag);
      const target = context.lookup(object);
      if (target) pending.push(target);
    } else if (object instanceof PDFStream) {
      pending.push(object.dict);
    } else if (object instanceof PDFDict) {
      for (const key of strippedKeys) object.delete(key);
      for (const [key, value] of object.entries()) {
        if (isActive(value)) object.delete(key);
        else pending.push(value);
      }
    } else if (object instanceof PDFArray) {
      for (let index = object.size() - 1; index >= 0; index--) {
        if (isActive(object.get(index))) object.remove(index);
        else pending.push(object.get(index));
      }
    }
  }
  for (const [ref] of context.enumerateIndirectObjects()) {
    if (!reached.has(ref.tag)) context.delete(ref);
  }
}
