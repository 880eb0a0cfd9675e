// Writes generated rows with COPY (text format), through postgres.js's writable stream: one
// statement per table instead of one per row, which is what makes a national-size seed take
// minutes rather than hours.
import { once } from "node:events";
import { setImmediate } from "node:timers/promises";
import type postgres from "postgres";

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

/** Copies the rows into their table, in a transaction; identity columns given in `columns` keep the values given. */
export async function copyRows(tx: postgres.TransactionSql, { table, columns, rows }: TableRows): Promise<void> {
  if (rows.length === 0) return;
  const writable = await tx.unsafe(`copy ${table} (${columns.join(", ")}) from stdin`).writable();
  for (const chunk of copyChunks(rows)) {
    if (!writable.write(chunk)) await once(writable, "drain");
  }
  const finished = new Promise<void>((resolve) => writable.end(resolve));
  // A row the database refuses at the end of the COPY (a foreign key, a trigger) leaves postgres.js's
  // stream waiting forever for its end. A statement sent once the stream has sent its last byte
  // (postgres.js refuses it before, and the refusal would fail the transaction) runs after the
  // COPY, and fails if the COPY failed: it says whether it did.
  while (writable.writableLength > 0) await setImmediate();
  await setImmediate();
  const probe = tx`select 1`.catch((error: unknown) => {
    throw new Error(`La base a refusé les lignes copiées dans ${table} (voir le journal de PostgreSQL) : ${String(error)}`);
  });
  await Promise.race([Promise.all([finished, probe]), probe.then(() => finished)]);
}
