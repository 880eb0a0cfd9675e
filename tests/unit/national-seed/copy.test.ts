import { expect, test } from "vitest";
import { copyCell } from "../../../db/national-seed/copy";

test("a COPY cell escapes what would end the field or the row, and says null as \\N", () => {
  expect(copyCell("Médiathèque\tde\nSaint-Flour\\")).toBe("Médiathèque\\tde\\nSaint-Flour\\\\");
  expect(copyCell(null)).toBe("\\N");
  expect(copyCell("\\N")).toBe("\\\\N");
  expect(copyCell(true)).toBe("t");
  expect(copyCell(new Date("2026-01-02T03:04:05.678Z"))).toBe("2026-01-02T03:04:05.678Z");
});

test("arrays and JSON are written as PostgreSQL reads them", () => {
  expect(copyCell(["Réseaux sociaux", 'Dit "vrai"'])).toBe('{"Réseaux sociaux","Dit \\\\"vrai\\\\""}');
  expect(copyCell({ json: { a: "b\nc" } })).toBe('{"a":"b\\\\nc"}');
});
