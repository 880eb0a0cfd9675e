import { describe, expect, test } from "vitest";
import { csvCell, toCsv } from "~/submissions/csv";

describe("CSV export", () => {
  test("quotes separators, quotes and line breaks", () => {
    expect(csvCell('Kit "tablette"; v2')).toBe('"Kit ""tablette""; v2"');
    expect(csvCell("ligne 1\nligne 2")).toBe('"ligne 1\nligne 2"');
    expect(csvCell(null)).toBe("");
  });

  test("a cell that looks like a formula cannot run in a spreadsheet", () => {
    for (const formula of ["=HYPERLINK(\"http://x\")", "+33 1", "-2+3", "@SUM(A1)"]) {
      expect(csvCell(formula).replace(/^"/, "").startsWith("'")).toBe(true);
    }
  });

  test("starts with a BOM and ends lines with CRLF", () => {
    expect(toCsv(["a", "b"], [[1, "x"]])).toBe("\uFEFFa;b\r\n1;x\r\n");
  });
});
