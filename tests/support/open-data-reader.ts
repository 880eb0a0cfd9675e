// Reads an open-data file as any reuser would: RFC 4180 text parsed without the app's code, and
// each value checked against the file's Table Schema (types, constraints, primary key).
import type { SchemaField } from "~/open-data/datasets";

/** RFC 4180: comma-separated, CRLF, quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      record.push(field);
      field = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else field += char;
  }
  if (field !== "" || record.length > 0) throw new Error("the last record does not end with CRLF");
  return records;
}

/** The file's rows as objects by column name, after checking its header. */
export function readRecords(text: string, fields: SchemaField[]): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (header.join(",") !== fields.map((field) => field.name).join(",")) throw new Error(`unexpected header: ${header.join(",")}`);
  return rows.map((row) => {
    if (row.length !== header.length) throw new Error(`a row has ${row.length} cells: ${row.join(",")}`);
    return Object.fromEntries(header.map((name, i) => [name, row[i]]));
  });
}

const typePatterns: Record<SchemaField["type"], RegExp> = {
  string: /^[\s\S]*$/,
  integer: /^-?[0-9]+$/,
  number: /^-?[0-9]+(\.[0-9]+)?(e-?[0-9]+)?$/,
  date: /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/,
  datetime: /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$/,
  boolean: /^(true|false)$/,
};

/** Every way a file's rows break its schema, one message each (empty: the file says what its schema says). */
export function schemaViolations(rows: Record<string, string>[], fields: SchemaField[], primaryKey: string[] = []): string[] {
  const problems: string[] = [];
  rows.forEach((row, index) => {
    for (const field of fields) {
      const value = row[field.name];
      const where = `row ${index + 1}, ${field.name}=${JSON.stringify(value)}`;
      if (value === "") {
        if (field.constraints?.required) problems.push(`${where}: required`);
        continue;
      }
      if (!typePatterns[field.type].test(value)) problems.push(`${where}: not a ${field.type}`);
      const { pattern, minimum, enum: allowed } = field.constraints ?? {};
      if (pattern && !new RegExp(pattern).test(value)) problems.push(`${where}: does not match ${pattern}`);
      if (minimum !== undefined && Number(value) < minimum) problems.push(`${where}: under ${minimum}`);
      if (allowed && !allowed.includes(value)) problems.push(`${where}: not one of ${allowed.join(", ")}`);
    }
  });
  if (primaryKey.length > 0) {
    const keys = rows.map((row) => JSON.stringify(primaryKey.map((column) => row[column])));
    if (new Set(keys).size !== keys.length) problems.push(`primary key ${primaryKey.join("+")} repeats`);
  }
  return problems;
}

/** Euros as the files write them ("1234.56", "-0.05") back to integer cents, exactly. */
export function centsOf(euros: string): bigint {
  const match = /^(-?)([0-9]+)\.([0-9]{2})$/.exec(euros);
  if (!match) throw new Error(`not an amount with cents: ${euros}`);
  const cents = BigInt(match[2]) * 100n + BigInt(match[3]);
  return match[1] ? -cents : cents;
}
