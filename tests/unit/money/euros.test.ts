import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { formatEuros, parseEuros } from "~/money/euros";

describe("euro amounts typed the French way", () => {
  test.each([
    ["1 234,56", 123456],
    ["1234,56", 123456],
    ["1\u202f234,5", 123450],
    ["12", 1200],
    ["12.50", 1250],
    ["0,99 €", 99],
  ])("%s is %i cents", (input, cents) => {
    expect(parseEuros(input)).toEqual({ ok: true, cents });
  });

  test.each([
    ["12,345", /au plus deux chiffres après la virgule/],
    ["-3", /ne peut pas être négatif/],
    ["1e9", /doit être un nombre en euros/],
    ["", /Indiquez un montant/],
    ["   ", /Indiquez un montant/],
    ["12 34,00", /doit être un nombre/],
    ["abc", /doit être un nombre/],
    ["100000000000", /ne peut dépasser/],
  ])("%j is refused with a clear message", (input, message) => {
    const result = parseEuros(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  test.prop([fc.integer({ min: 0, max: 100_000_000_00 })])("formatting then parsing gives the same cents", (cents) => {
    expect(parseEuros(formatEuros(cents))).toEqual({ ok: true, cents });
  });
});
