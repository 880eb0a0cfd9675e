// Writes generated rows with COPY (text format), through postgres.js's writable stream: one
// statement per table instead of one per row, which is what makes a national-size seed take
// minutes rather than hours.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Sql } from "../../app/infra/db.server";

export type Cell = string | number | boolean | Date | null | readonly string[] | { json: unknown };

/** A table's rows in the order of its columns. */
export type TableRows = { table: string; columns: readonly string[]; rows: readonly (readonly Cell[])[] };

// COPY's text format: backslash, tab, newline and carriage return are escaped; \N is null.
function escapeText(text: string): string {
  return text.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

// An array literal, each element quoted: '{"a","b \"c\""}'.
function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(",")}}`;
}

export function copyCell(cell: Cell): string {
  if (cell === null) return "\\N";
  if (cell instanceof Date) return cell.toISOString();
  if (typeof cell === "boolean") return cell ? "t" : "f";
  if (typeof cell === "number") return String(cell);
  if (typeof cell === "string") return escapeText(cell);
  if (Array.isArray(cell)) return escapeText(arrayLiteral(cell));
  return escapeText(JSON.stringify((cell as { json: unknown }).json));
}

/** The COPY text of some rows, in chunks of about 64 KB so the stream is neither chatty nor huge. */
function* copyChunks(rows: readonly (readonly Cell[])[]): Generator<string> {
  let chunk = "";
  for (const row of rows) {
    chunk += row.map(copyCell).join("\t") + "\n";
    if (chunk.length >= 65_536) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

/** Copies the rows into their table; identity columns given in `columns` keep the values given. */
export async function copyRows(sql: Sql, { table, columns, rows }: TableRows): Promise<void> {
  if (rows.length === 0) return;
  const writable = await sql.unsafe(`copy ${table} (${columns.join(", ")}) from stdin`).writable();
  await pipeline(Readable.from(copyChunks(rows)), writable);
}
