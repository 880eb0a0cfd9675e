import { describe, expect, test } from "vitest";
import { parseForm } from "~/infra/forms";
import { photoDescriptionSchema } from "~/media/media";
import { missingForSubmission, proposalDraftSchema, rulingSchema } from "~/submissions/schemas";
import { receiptNumber, versionDigest } from "~/submissions/version";
import { completeDraft } from "../../support/fixtures";

const contest = { themes: ["Réseaux sociaux", "Achats en ligne"], audiences: ["Personnes âgées", "Jeunes"] };
const schema = proposalDraftSchema(contest);
const described = { id: 7, name: "valise.jpg", description: "La valise ouverte." };

function form(fields: Record<string, string | string[]>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) data.append(key, v);
  return data;
}

describe("proposal draft form", () => {
  test("whatever is filled in is kept; blank rows are ignored", () => {
    const parsed = parseForm(
      form({
        title: "Mon kit",
        unitPrice: "1 234,56",
        itemName: ["Tablette", ""],
        itemQuantity: ["2", ""],
        itemPurpose: ["", ""],
        themes: "Achats en ligne",
      }),
      schema,
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.data).toMatchObject({
      title: "Mon kit",
      unitPrice: 123456,
      items: [{ name: "Tablette", quantity: "2", purpose: "" }],
      themes: ["Achats en ligne"],
      leadTimeDays: null,
    });
  });

  test.each([
    ["12,345", /au plus deux chiffres après la virgule/],
    ["-3", /négatif/],
    ["1e9", /doit être un nombre en euros/],
  ])("a price of %j is refused by the field", (unitPrice, message) => {
    const parsed = parseForm(form({ unitPrice }), schema);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.errors.unitPrice).toMatch(message);
      expect(parsed.values.unitPrice).toBe(unitPrice);
    }
  });

  test("an empty price is allowed in a draft but missing at submission", () => {
    const parsed = parseForm(form({ unitPrice: "" }), schema);
    expect(parsed.ok && parsed.data.unitPrice).toBeNull();
    expect(missingForSubmission({ ...completeDraft, unitPrice: null }, [described]).map((m) => m.field)).toEqual(["unitPrice"]);
  });

  test("a SIRET with a wrong key is refused", () => {
    const parsed = parseForm(form({ organisationName: "Fablab", organisationSiret: "130 025 265 00014" }), schema);
    expect(!parsed.ok && parsed.errors.organisationSiret).toMatch(/clé de contrôle/);
  });

  test("10,000-character fields are refused where the limit is lower, with the limit stated", () => {
    const long = "a".repeat(10_000);
    const parsed = parseForm(form({ title: long, pitch: long, description: long, accessibility: long }), schema);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    // The browser cuts at maxLength without a word: the server says the limit and what was typed.
    expect(parsed.errors.title).toBe("Le titre ne peut pas dépasser 200 caractères (vous en avez saisi 10\u202f000).");
    expect(parsed.errors.pitch).toBe("Le résumé ne peut pas dépasser 280 caractères (vous en avez saisi 10\u202f000).");
    expect(parsed.errors.description).toBeUndefined(); // 10 000 is the description's own limit
    expect(parsed.errors.accessibility).toBe(
      "La description de l'accessibilité ne peut pas dépasser 5\u202f000 caractères (vous en avez saisi 10\u202f000).",
    );
    expect(parsed.values.title).toBe(long);
  });

  test("rows and the ineligibility reason state their limits too", () => {
    const parsed = parseForm(
      form({ itemName: "n".repeat(201), itemQuantity: "1", itemPurpose: "p".repeat(501), memberName: "Inès", memberRole: "r".repeat(300) }),
      schema,
    );
    expect(!parsed.ok && parsed.errors).toMatchObject({
      "items.0.name": "Le nom ne peut pas dépasser 200 caractères (vous en avez saisi 201).",
      "items.0.purpose": "L'usage ne peut pas dépasser 500 caractères (vous en avez saisi 501).",
      "team.0.role": "Le rôle ne peut pas dépasser 200 caractères (vous en avez saisi 300).",
    });
    const ruling = parseForm(form({ ruling: "ineligible", reason: "x".repeat(2001) }), rulingSchema);
    expect(!ruling.ok && ruling.errors.reason).toBe("La raison ne peut pas dépasser 2\u202f000 caractères (vous en avez saisi 2\u202f001).");
  });

  test("themes and audiences must come from the contest's lists", () => {
    const parsed = parseForm(form({ themes: ["Réseaux sociaux", "Astrologie"], audiences: "Jeunes" }), schema);
    expect(!parsed.ok && parsed.errors.themes).toMatch(/liste proposée/);
  });

  test("a complete draft with a described photo lacks nothing; without a photo it lacks one", () => {
    expect(missingForSubmission(completeDraft, [described])).toEqual([]);
    expect(missingForSubmission(completeDraft, []).map((m) => m.field)).toEqual(["photos"]);
  });

  test("each photo without a description is missing, named by its rank and file name", () => {
    const missing = missingForSubmission(completeDraft, [described, { id: 8, name: "atelier.jpg", description: null }]);
    expect(missing).toEqual([{ field: "photo-8", message: expect.stringMatching(/^Décrivez la photo 2 \(« atelier\.jpg »\)/) }]);
  });
});

describe("photo description form", () => {
  const parse = (description: string) => parseForm(form({ fileId: "7", description }), photoDescriptionSchema);

  test("a description is kept on one line, trimmed", () => {
    expect(parse("  La malle ouverte,\r\n une tablette dedans.  ")).toEqual({
      ok: true,
      data: { fileId: 7, description: "La malle ouverte, une tablette dedans." },
    });
  });

  test.each([
    ["", /^Décrivez la photo/],
    ["   ", /^Décrivez la photo/],
    ["a".repeat(301), /^La description ne peut pas dépasser 300 caractères \(vous en avez saisi 301\)\.$/],
    ["Une malle\u0000 ouverte", /caractère de contrôle \(octet nul/],
    ["Une malle\u0007 ouverte", /caractère de contrôle/],
  ])("%j is refused by the field, in French", (description, message) => {
    const parsed = parse(description);
    expect(!parsed.ok && parsed.errors.description).toMatch(message);
    expect(!parsed.ok && parsed.values.description).toBe(description);
  });

  test("the photo is named by a bounded number", () => {
    for (const fileId of ["", "abc", "-1", "1".repeat(20)]) {
      const parsed = parseForm(form({ fileId, description: "Une malle." }), photoDescriptionSchema);
      expect(!parsed.ok && parsed.errors.fileId).toBe("Identifiant invalide.");
    }
  });
});

describe("versions and receipts", () => {
  test("receipt numbers read KIT-year-number", () => {
    expect(receiptNumber(2026, 42)).toBe("KIT-2026-00042");
    expect(receiptNumber(2027, 123456)).toBe("KIT-2027-123456");
  });

  test("the digest does not depend on the order files are listed in, and changes with any field", () => {
    const files = [
      { id: 2, kind: "photo" as const, name: "b.jpg", sha256: "b".repeat(64), readySha256: "d".repeat(64) },
      { id: 1, kind: "document" as const, name: "a.pdf", sha256: "a".repeat(64), readySha256: "c".repeat(64) },
    ];
    const base = { proposal: 1, contest: 1, version: 1, fields: completeDraft, files };
    expect(versionDigest(base).digest).toBe(versionDigest({ ...base, files: [...files].reverse() }).digest);
    expect(versionDigest({ ...base, fields: { ...completeDraft, pitch: completeDraft.pitch + "." } }).digest).not.toBe(versionDigest(base).digest);
  });
});
