// The State look of the portal's PDFs: the « République française » bloc-marque and the programme
// as issuer at the top of the first page, the Marianne typeface, titles in blue France, tables that
// repeat their header on each page, every page numbered. Deterministic: the same content and date
// give the same bytes (decision 033).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import { sfntFromWoff } from "./woff.server";

export const PROGRAMME = "Kits d'inclusion numérique";

const BLUE_FRANCE = "#000091";
const TEXT = "#161616";
const MUTED = "#666666";
const RULE = "#dddddd";
const HEADER_FILL = "#f5f5fe";

// The DSFR package ships Marianne as WOFF and WOFF2 only; fontkit (inside pdfkit) reads both and
// embeds the same subset. WOFF, decoded once per process (woff.server.ts).
const require = createRequire(import.meta.url);
const fontFiles = { regular: "Marianne-Regular", bold: "Marianne-Bold", italic: "Marianne-Regular_Italic" } as const;
type FontName = keyof typeof fontFiles;
let fonts: Record<FontName, Buffer> | undefined;
function marianne(): Record<FontName, Buffer> {
  fonts ??= Object.fromEntries(
    Object.entries(fontFiles).map(([name, file]) => [name, sfntFromWoff(readFileSync(require.resolve(`@gouvfr/dsfr/dist/fonts/${file}.woff`)))]),
  ) as Record<FontName, Buffer>;
  return fonts;
}

const MARGIN = { top: 72, bottom: 64, left: 56, right: 56 };
const MAX_CELL_LINES = 6;
const CELL_PADDING = 4.5;

type Column = { header: string; width: number; align?: "left" | "right" };

/** A page of a State document being written; `finish` numbers the pages and gives the bytes. */
export class StatePdf {
  private readonly doc: PDFKit.PDFDocument;
  private readonly bytes: Promise<Buffer>;
  private readonly hasGlyph: (codePoint: number) => boolean;

  constructor(private readonly meta: { title: string; reference: string; subject: string; issuedAt: Date }) {
    this.doc = new PDFDocument({
      size: "A4",
      margins: MARGIN,
      bufferPages: true,
      lang: "fr-FR",
      displayTitle: true,
      // Fixed dates: pdfkit derives the file's ID from this dictionary, so the bytes depend on nothing else.
      info: {
        Title: `${meta.title} n° ${meta.reference}`,
        Subject: meta.subject,
        Author: PROGRAMME,
        Creator: PROGRAMME,
        Producer: PROGRAMME,
        CreationDate: meta.issuedAt,
        ModDate: meta.issuedAt,
      },
    });
    const chunks: Buffer[] = [];
    this.doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    this.bytes = new Promise((resolve, reject) => {
      this.doc.on("end", () => resolve(Buffer.concat(chunks)));
      this.doc.on("error", reject);
    });
    for (const [name, data] of Object.entries(marianne())) this.doc.registerFont(name, data);
    this.doc.font("regular");
    // pdfkit keeps the fontkit font it embeds here; its character map says what Marianne can draw.
    const embedded = (this.doc as unknown as { _font: { font: { hasGlyphForCodePoint(codePoint: number): boolean } } })._font.font;
    this.hasGlyph = (codePoint) => embedded.hasGlyphForCodePoint(codePoint);
    this.blocMarque();
  }

  private get width(): number {
    return this.doc.page.width - MARGIN.left - MARGIN.right;
  }

  private get bottom(): number {
    return this.doc.page.maxY();
  }

  /**
   * The text as Marianne can draw it: composed, the narrow no-break space of French amounts as a
   * no-break space, control characters dropped, and a character it has no glyph for (emoji,
   * Arabic, Hebrew…) as « ? », which reads as missing instead of an invisible or garbled glyph.
   */
  private printable(text: string): string {
    let out = "";
    for (const char of text
      .normalize("NFC")
      .replace(/\u202f/g, "\u00a0")
      .replace(/\t/g, " ")) {
      const codePoint = char.codePointAt(0)!;
      if (char === "\n") out += char;
      else if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) continue;
      else out += this.hasGlyph(codePoint) ? char : "?";
    }
    return out;
  }

  private write(text: string, font: FontName, size: number, options: PDFKit.Mixins.TextOptions & { x?: number; y?: number; color?: string } = {}) {
    const { x, y, color, ...rest } = options;
    this.doc
      .font(font)
      .fontSize(size)
      .fillColor(color ?? TEXT);
    if (x === undefined) this.doc.text(this.printable(text), rest);
    else this.doc.text(this.printable(text), x, y, rest);
  }

  // The bloc-marque as text (the Marianne emblem is an image reserved to the State's services'
  // own communication kit), then the programme as issuer, as the DSFR header places them.
  private blocMarque() {
    const top = 36;
    this.write("RÉPUBLIQUE\nFRANÇAISE", "bold", 11, { x: MARGIN.left, y: top, lineGap: -1 });
    this.write("Liberté\nÉgalité\nFraternité", "italic", 7.5, { x: MARGIN.left, y: this.doc.y + 4, lineGap: -1 });
    const blockBottom = this.doc.y;
    const issuerX = MARGIN.left + 130;
    this.doc
      .moveTo(issuerX - 14, top)
      .lineTo(issuerX - 14, blockBottom)
      .lineWidth(0.5)
      .stroke(RULE);
    this.write(PROGRAMME, "bold", 13, { x: issuerX, y: top + 4, width: this.width - 130 });
    this.write(this.meta.subject, "regular", 8.5, { x: issuerX, y: this.doc.y + 2, width: this.width - 130, color: MUTED });
    this.doc.y = Math.max(blockBottom, this.doc.y) + 14;
    this.rule();
  }

  private rule(color = RULE) {
    const y = this.doc.y;
    this.doc
      .moveTo(MARGIN.left, y)
      .lineTo(MARGIN.left + this.width, y)
      .lineWidth(0.5)
      .stroke(color);
    this.doc.y = y + 12;
  }

  /** A new page unless `height` still fits on this one. */
  private keepTogether(height: number) {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  /** The document's title in blue France, its number and what follows it on one line below. */
  title(detail: string) {
    this.write(this.meta.title, "bold", 20, { x: MARGIN.left, width: this.width, color: BLUE_FRANCE });
    this.write(`n° ${this.meta.reference} — ${detail}`, "regular", 10.5, { x: MARGIN.left, width: this.width, color: MUTED });
    this.doc.moveDown(1);
  }

  heading(text: string) {
    this.keepTogether(60);
    this.doc.moveDown(0.6);
    this.write(text, "bold", 11.5, { x: MARGIN.left, width: this.width, color: BLUE_FRANCE });
    this.doc.moveDown(0.3);
  }

  paragraph(text: string, options: { font?: FontName; size?: number } = {}) {
    this.write(text, options.font ?? "regular", options.size ?? 9.5, { x: MARGIN.left, width: this.width, lineGap: 1.5 });
    this.doc.moveDown(0.5);
  }

  /** The height `text` takes at `width`, at most `MAX_CELL_LINES` lines. */
  private measure(text: string, font: FontName, size: number, width: number): number {
    this.doc.font(font).fontSize(size);
    return Math.min(this.doc.heightOfString(this.printable(text) || " ", { width }), this.lineLimit(font, size));
  }

  private lineLimit(font: FontName, size: number): number {
    return this.doc.font(font).fontSize(size).currentLineHeight(true) * MAX_CELL_LINES;
  }

  /** The parties side by side: a blue heading over the lines saying who each is, the first in bold. */
  parties(parties: { heading: string; lines: string[] }[]) {
    const gap = 14;
    const width = (this.width - gap * (parties.length - 1)) / parties.length;
    const headingOptions = { characterSpacing: 0.4 };
    const lineFont = (i: number): FontName => (i === 0 ? "bold" : "regular");
    const heights = parties.map(
      (party) =>
        this.doc
          .font("bold")
          .fontSize(8)
          .heightOfString(party.heading.toUpperCase(), { width, ...headingOptions }) +
        4 +
        party.lines.reduce((sum, line, i) => sum + this.measure(line, lineFont(i), 9, width) + 1, 0),
    );
    const height = Math.max(...heights);
    this.keepTogether(height);
    const top = this.doc.y;
    parties.forEach((party, column) => {
      const x = MARGIN.left + column * (width + gap);
      this.write(party.heading.toUpperCase(), "bold", 8, { x, y: top, width, color: BLUE_FRANCE, ...headingOptions });
      this.doc.y += 4;
      party.lines.forEach((line, i) => {
        this.write(line, lineFont(i), 9, { x, y: this.doc.y, width, height: this.lineLimit(lineFont(i), 9), ellipsis: true });
        this.doc.y += 1;
      });
    });
    this.doc.x = MARGIN.left;
    this.doc.y = top + height + 6;
  }

  /** Label and value pairs, one per row, the label in grey bold. */
  facts(facts: [string, string][]) {
    this.table(
      [
        { header: "", width: 0.34 },
        { header: "", width: 0.66 },
      ],
      facts,
      { headerless: true },
    );
  }

  /**
   * A table whose rows never split: a row that does not fit starts a new page, which repeats the
   * header. A cell holds at most MAX_CELL_LINES lines (the database bounds every text far below).
   */
  table(columns: Column[], rows: string[][], options: { total?: string[]; headerless?: boolean } = {}) {
    const widths = columns.map((column) => column.width * this.width - 2 * CELL_PADDING);
    const size = 9;
    // A fact's label (the first cell of a headerless table) is set like a header.
    const cellFont = (i: number, font: FontName): FontName => (options.headerless && i === 0 ? "bold" : font);
    const heightOf = (cells: string[], font: FontName) =>
      Math.max(...cells.map((cell, i) => this.measure(cell, cellFont(i, font), size, widths[i]))) + 2 * CELL_PADDING;
    const draw = (cells: string[], font: FontName, fill?: string) => {
      const height = heightOf(cells, font);
      const top = this.doc.y;
      if (fill) this.doc.rect(MARGIN.left, top, this.width, height).fill(fill);
      let x = MARGIN.left;
      cells.forEach((cell, i) => {
        this.write(cell, cellFont(i, font), size, {
          x: x + CELL_PADDING,
          y: top + CELL_PADDING,
          width: widths[i],
          height: this.lineLimit(cellFont(i, font), size),
          ellipsis: true,
          align: columns[i].align ?? "left",
          color: options.headerless && i === 0 ? MUTED : TEXT,
        });
        x += widths[i] + 2 * CELL_PADDING;
      });
      this.doc
        .moveTo(MARGIN.left, top + height)
        .lineTo(MARGIN.left + this.width, top + height)
        .lineWidth(0.5)
        .stroke(RULE);
      this.doc.x = MARGIN.left;
      this.doc.y = top + height;
    };
    const headers = columns.map((column) => column.header);
    const header = () => {
      if (!options.headerless) draw(headers, "bold", HEADER_FILL);
    };
    const body: [string[], FontName][] = rows.map((row) => [row, "regular"]);
    if (options.total) body.push([options.total, "bold"]);
    // The header never ends a page alone.
    this.keepTogether((options.headerless ? 0 : heightOf(headers, "bold")) + (body[0] ? heightOf(...body[0]) : 0));
    header();
    for (const [row, font] of body) {
      if (this.doc.y + heightOf(row, font) > this.bottom) {
        this.doc.addPage();
        header();
      }
      draw(row, font);
    }
    this.doc.moveDown(0.8);
  }

  /** A framed area to fill in by hand, with the labels of what goes in it. */
  handwrittenBox(title: string, labels: string[], height: number) {
    this.keepTogether(height + 24);
    this.write(title, "bold", 10, { x: MARGIN.left, width: this.width, color: BLUE_FRANCE });
    const top = this.doc.y + 4;
    this.doc.rect(MARGIN.left, top, this.width, height).lineWidth(0.75).stroke(BLUE_FRANCE);
    this.doc.y = top + 8;
    for (const label of labels) {
      this.write(label, "regular", 9, { x: MARGIN.left + 8, width: this.width - 16, color: MUTED });
      this.doc.y += 12;
    }
    this.doc.x = MARGIN.left;
    this.doc.y = top + height + 12;
  }

  /** Numbers the pages, says on each after the first which document it continues, and ends it. */
  finish(): Promise<Buffer> {
    const { start, count } = this.doc.bufferedPageRange();
    const name = `${this.meta.title} n° ${this.meta.reference}`;
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      // Writing in the margins must not start a page of its own.
      this.doc.page.margins.bottom = 0;
      if (i > start) {
        this.write(`République française · ${PROGRAMME}`, "regular", 8, { x: MARGIN.left, y: 36, width: this.width, color: MUTED });
        this.write(`${name} (suite)`, "bold", 8, { x: MARGIN.left, y: 36, width: this.width, align: "right", color: BLUE_FRANCE });
      }
      const y = this.doc.page.height - 40;
      this.write(`${PROGRAMME} — ${name}`, "regular", 7.5, { x: MARGIN.left, y, width: this.width - 80, color: MUTED, lineBreak: false });
      this.write(`Page ${i - start + 1} sur ${count}`, "regular", 7.5, { x: MARGIN.left, y, width: this.width, align: "right", color: MUTED });
    }
    this.doc.end();
    return this.bytes;
  }
}
