// CSV for spreadsheets (French Excel opens ';'-separated UTF-8 with a BOM correctly).
import { formatDateTime } from "~/infra/paris-time";

/**
 * One cell: quoted when needed, and neutralised when it starts like a formula (=, +, -, @),
 * so a proposal title cannot run code in the admin's spreadsheet (CSV injection).
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * An instant as the interface shows it (Paris time, "29/03/2026 14:00:00"), which a French
 * spreadsheet reads as a date and time; an ISO instant in UTC would be an hour or two off.
 */
export function csvDate(instant: Date | null): string | null {
  return instant ? formatDateTime(instant) : null;
}

/** One line of a spreadsheet CSV: ';'-separated cells, CRLF. */
export function spreadsheetLine(row: readonly (string | number | null | undefined)[]): string {
  return row.map(csvCell).join(";") + "\r\n";
}

/** The byte-order mark that tells a French spreadsheet the file is UTF-8. */
export const SPREADSHEET_BOM = "\uFEFF";

export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  return SPREADSHEET_BOM + [header, ...rows].map(spreadsheetLine).join("");
}

/**
 * One record of a machine-readable CSV file (RFC 4180: comma-separated, CRLF, fields quoted only
 * when they hold a comma, a quote or a line break). Values are written as they are, without the
 * spreadsheet guard of csvCell: an open-data file must say exactly what its schema describes, and
 * a negative amount must stay a number.
 */
export function csvRecord(values: readonly (string | number | null | undefined)[]): string {
  return (
    values
      .map((value) => {
        if (value === null || value === undefined) return "";
        const text = String(value);
        return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
      })
      .join(",") + "\r\n"
  );
}
