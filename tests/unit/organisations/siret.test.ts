import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { checkSiret, luhnValid } from "~/organisations/siret";

describe("SIRET", () => {
  test("accepts a valid SIRET, with or without spaces", () => {
    expect(checkSiret("130 025 265 00013")).toEqual({ ok: true, siret: "13002526500013" });
    expect(checkSiret("13002526500013")).toEqual({ ok: true, siret: "13002526500013" });
  });

  test("refuses a wrong key with a French message", () => {
    expect(checkSiret("13002526500014")).toEqual({ ok: false, message: expect.stringMatching(/clé de contrôle/) });
  });

  test("refuses anything that is not 14 digits", () => {
    for (const bad of ["", "1300252650001", "130025265000134", "1300252650001A", "abc"]) {
      expect(checkSiret(bad).ok).toBe(false);
    }
  });

  test("La Poste's establishments are valid when their digits sum to a multiple of 5", () => {
    expect(luhnValid("35600000000001")).toBe(false);
    expect(checkSiret("356 000 000 00001").ok).toBe(true); // digits sum to 15
    expect(checkSiret("35600000000002").ok).toBe(false); // 16, and no Luhn key
    expect(checkSiret("35600000000048").ok).toBe(true); // the head office passes Luhn
    expect(luhnValid("12300000000001")).toBe(false);
    expect(checkSiret("12300000000001").ok).toBe(false); // the sum rule is La Poste's alone
  });

  test.prop([fc.stringMatching(/^\d{13}$/)])("exactly one check digit completes any 13 digits under Luhn", (prefix) => {
    const valid = [..."0123456789"].filter((d) => luhnValid(prefix + d));
    expect(valid).toHaveLength(1);
  });

  test.prop([fc.stringMatching(/^\d{14}$/), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 1, max: 9 })])(
    "changing a single digit of a valid (non La Poste) SIRET makes it invalid",
    (digits, position, delta) => {
      fc.pre(!digits.startsWith("356000000") && luhnValid(digits));
      const changed = digits.slice(0, position) + ((Number(digits[position]) + delta) % 10) + digits.slice(position + 1);
      fc.pre(!changed.startsWith("356000000"));
      expect(checkSiret(changed).ok).toBe(false);
    },
  );
});
