// Tracking numbers against their carrier's shape: the usual numbers pass as typed (trimmed), spaced
// as on labels or not; the obviously wrong are refused with the expected format in French.
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { carrierLabels, carriers, checkTracking, trackingFormat, type Carrier } from "~/shipping/carriers";

const good: [Carrier, string][] = [
  ["colissimo", "6A12345678901"],
  ["colissimo", "8R 123 456 789 01"],
  ["colissimo", "cp123456785fr"],
  ["la_poste", "1K12345678901"],
  ["la_poste", "RR 123 456 785 FR"],
  ["chronopost", "XY123456789FR"],
  ["dpd", "25012345678901"],
  ["gls", "12345678901"],
  ["gls", "ZX4KD7QP"],
  ["ups", "1Z999AA10123456784"],
  ["ups", "1Z 999 AA1 01 2345 6784"],
  ["dhl", "1234567890"],
  ["dhl", "JJD000390007182732185"],
  ["fedex", "123456789012"],
  ["fedex", "123456789012345"],
  ["tnt", "123456789"],
  ["tnt", "GE123456789WW"],
  ["other", "Coursier 2024-118"],
  ["hand_delivery", "Remis à Mme Leroy"],
];

const bad: [Carrier, string][] = [
  ["colissimo", "1Z999AA10123456784"],
  ["colissimo", "6A1234567890"],
  ["la_poste", "123456789"],
  ["chronopost", "6A12345678901"],
  ["dpd", "2501234567890"],
  ["gls", "1234"],
  ["ups", "1Z999AA1012345678"],
  ["ups", "2Z999AA10123456784"],
  ["dhl", "123456789"],
  ["fedex", "12345678901"],
  ["tnt", "12345678"],
  ["other", "--"],
  ["other", "abc"],
];

describe("tracking numbers", () => {
  test.each(good)("%s accepts %j, stored as typed", (carrier, typed) => {
    expect(checkTracking(carrier, `  ${typed} `)).toEqual({ ok: true, trackingNumber: typed });
  });

  test.each(bad)("%s refuses %j and says the expected format", (carrier, typed) => {
    const result = checkTracking(carrier, typed);
    expect(result.ok).toBe(false);
    if (!result.ok && carrier !== "other") expect(result.message).toContain(trackingFormat(carrier));
    if (!result.ok && carrier !== "other") expect(result.message).toContain(carrierLabels[carrier]);
  });

  test("a hand delivery needs no number; every other carrier asks for one", () => {
    expect(checkTracking("hand_delivery", "  ")).toEqual({ ok: true, trackingNumber: null });
    for (const carrier of carriers.filter((c) => c !== "hand_delivery")) {
      const result = checkTracking(carrier, "");
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toBe(`Indiquez le numéro de suivi donné par ${carrierLabels[carrier]}.`);
    }
  });

  test("a number longer than 60 characters, or with a control character, is refused", () => {
    expect(checkTracking("other", "x".repeat(61))).toEqual({
      ok: false,
      message: "Le numéro de suivi ne peut pas dépasser 60 caractères (vous en avez saisi 61).",
    });
    expect(checkTracking("colissimo", "6A123456\u000078901").ok).toBe(false);
    expect(checkTracking("other", "ref\t1234").ok).toBe(false);
  });

  test.prop([fc.constantFrom(...carriers), fc.string({ maxLength: 100 })])(
    "whatever is typed, an accepted number is the trimmed input, within the column's 4 to 60",
    (carrier, typed) => {
      const result = checkTracking(carrier, typed);
      if (!result.ok) return;
      if (result.trackingNumber === null) expect(typed.trim()).toBe("");
      else {
        expect(result.trackingNumber).toBe(typed.trim());
        expect(result.trackingNumber.length).toBeGreaterThanOrEqual(4);
        expect(result.trackingNumber.length).toBeLessThanOrEqual(60);
      }
    },
  );

  test.prop([fc.stringMatching(/^[0-9]{10}$/), fc.array(fc.constantFrom(" ", "-"), { minLength: 1, maxLength: 3 }), fc.nat(9)])(
    "spaces and hyphens anywhere inside a number do not change the verdict",
    (digits, separators, at) => {
      const spaced = digits.slice(0, at + 1) + separators.join("") + digits.slice(at + 1);
      expect(checkTracking("dhl", spaced).ok).toBe(true);
      expect(checkTracking("dpd", spaced).ok).toBe(false);
    },
  );

  test.prop([fc.stringMatching(/^[A-Z]{2}[0-9]{9}[A-Z]{2}$/)])(
    "any international postal number is a Colissimo, La Poste and Chronopost number, never a UPS one",
    (number) => {
      expect(checkTracking("colissimo", number).ok).toBe(true);
      expect(checkTracking("la_poste", number).ok).toBe(true);
      expect(checkTracking("chronopost", number).ok).toBe(true);
      expect(checkTracking("ups", number).ok).toBe(false);
    },
  );
});
