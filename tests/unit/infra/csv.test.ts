import { describe, expect, test } from "vitest";
import { csvCell, csvDate, toCsv } from "~/infra/csv";

describe("CSV export", () => {
  test("quotes separators, quotes and line breaks", () => {
    expect(csvCell('Kit "tablette"; v2')).toBe('"Kit ""tablette""; v2"');
    expect(csvCell("ligne 1\nligne 2")).toBe('"ligne 1\nligne 2"');
    expect(csvCell(null)).toBe("");
  });

  test("a cell that looks like a formula cannot run in a spreadsheet", () => {
    for (const formula of ['=HYPERLINK("http://x")', "+33 1", "-2+3", "@SUM(A1)"]) {
      expect(csvCell(formula).replace(/^"/, "").startsWith("'")).toBe(true);
    }
  });

  test.each([
    ["2026-01-15T23:30:00Z", "16/01/2026 00:30:00"], // winter: UTC+1, the next day in Paris
    ["2026-03-29T09:59:00Z", "29/03/2026 11:59:00"], // summer time from 29 March: UTC+2
    ["2026-07-01T12:00:00Z", "01/07/2026 14:00:00"],
    ["2026-10-25T01:30:00Z", "25/10/2026 02:30:00"], // back to UTC+1
  ])("the instant %s is written as Paris shows it: %s", (iso, paris) => {
    expect(csvDate(new Date(iso))).toBe(paris);
  });

  test("no date is an empty cell", () => {
    expect(csvCell(csvDate(null))).toBe("");
  });

  test("starts with a BOM and ends lines with CRLF", () => {
    expect(toCsv(["a", "b"], [[1, "x"]])).toBe("\uFEFFa;b\r\n1;x\r\n");
  });
});
