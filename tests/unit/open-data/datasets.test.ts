// The open-data files' pure parts: the record encoder (RFC 4180), euros as Table Schema numbers,
// schemas that describe every column, and the file names the download route accepts.
import { describe, expect, test } from "vitest";
import { NotFound } from "~/infra/domain-errors";
import { csvRecord } from "~/infra/csv";
import { eurosDecimal, openDataNames, tableSchema } from "~/open-data/datasets";
import { parseOpenDataSegment } from "~/open-data/download.server";
import { parseCsv } from "../../support/open-data-reader";

describe("csvRecord", () => {
  test("comma-separated, CRLF-terminated, quoting only fields with a comma, a quote or a line break", () => {
    expect(csvRecord(["35238", "Rennes", 12, null, undefined])).toBe("35238,Rennes,12,,\r\n");
    expect(csvRecord(["Jeu « Vrai, ou faux ? »", 'dit "non"', "deux\r\nlignes", "a\nb"])).toBe(
      '"Jeu « Vrai, ou faux ? »","dit ""non""","deux\r\nlignes","a\nb"\r\n',
    );
  });

  test("values are written as they are: a negative amount stays a number, a leading = is kept", () => {
    expect(csvRecord(["-199.00", "=SOMME(A1)", "@x", "+1"])).toBe("-199.00,=SOMME(A1),@x,+1\r\n");
  });

  test("what it writes reads back to the same values", () => {
    const values = ["a,b", '"', "", "x\r\ny", "é€"];
    expect(parseCsv(csvRecord(values) + csvRecord(["1"]))).toEqual([values, ["1"]]);
  });
});

describe("eurosDecimal", () => {
  test("cents as euros with a decimal point, exact, sign kept", () => {
    expect(eurosDecimal(0)).toBe("0.00");
    expect(eurosDecimal(5)).toBe("0.05");
    expect(eurosDecimal(-5)).toBe("-0.05");
    expect(eurosDecimal(123_456)).toBe("1234.56");
    expect(eurosDecimal(-19_900)).toBe("-199.00");
    expect(eurosDecimal(4_000_000_000)).toBe("40000000.00");
  });
});

describe("the Table Schemas", () => {
  test.each(openDataNames)("%s: every field named in snake case, typed, titled and described; the primary key names fields", (name) => {
    const schema = tableSchema(name);
    const names = schema.fields.map((field) => field.name);
    expect(new Set(names).size).toBe(names.length);
    for (const field of schema.fields) {
      expect(field.name).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(["string", "integer", "number", "date", "datetime", "boolean"]).toContain(field.type);
      expect(field.title.length).toBeGreaterThan(2);
      expect(field.description.length).toBeGreaterThan(10);
    }
    for (const column of schema.primaryKey ?? []) expect(names).toContain(column);
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });

  test("every amount in euros says it is in euros with cents after a decimal point", () => {
    for (const name of openDataNames) {
      for (const field of tableSchema(name).fields.filter((f) => f.name.endsWith("_euros"))) {
        expect(field.type, `${name}.${field.name}`).toBe("number");
        expect(field.description, `${name}.${field.name}`).toContain("Montant en euros, les centimes en décimales après un point");
      }
    }
  });
});

describe("the download route's file names", () => {
  test("the four files and their schemas", () => {
    expect(parseOpenDataSegment("grand-livre.csv")).toEqual({ name: "grand-livre", kind: "csv" });
    expect(parseOpenDataSegment("resultats-concours.schema.json")).toEqual({ name: "resultats-concours", kind: "schema" });
  });

  test.each([
    "../x",
    "grand-livre.csv\u0000",
    "__proto__.csv",
    "constructor.csv",
    "inconnu.csv",
    "GRAND-LIVRE.csv",
    "grand-livre.json",
    "",
    undefined,
  ])("%j is not found", (segment) => {
    expect(() => parseOpenDataSegment(segment)).toThrow(NotFound);
  });
});
