import { describe, expect, test } from "vitest";
import { parseForm } from "~/infra/forms";
import { missingForSubmission, proposalDraftSchema } from "~/submissions/schemas";
import { receiptNumber, versionDigest } from "~/submissions/version";
import { completeDraft } from "../../support/proposal-fixtures";

const contest = { themes: ["Réseaux sociaux", "Achats en ligne"], audiences: ["Personnes âgées", "Jeunes"] };
const schema = proposalDraftSchema(contest);

function form(fields: Record<string, string | string[]>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) data.append(key, v);
  return data;
}

describe("proposal draft form", () => {
  test("whatever is filled in is kept; blank rows are ignored", () => {
    const parsed = parseForm(
      form({ title: "Mon kit", unitPrice: "1 234,56", itemName: ["Tablette", ""], itemQuantity: ["2", ""], itemPurpose: ["", ""], themes: "Achats en ligne" }),
      schema,
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.data).toMatchObject({ title: "Mon kit", unitPrice: 123456, items: [{ name: "Tablette", quantity: "2", purpose: "" }], themes: ["Achats en ligne"], leadTimeDays: null });
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
    expect(missingForSubmission({ ...completeDraft, unitPrice: null }, 1).map((m) => m.field)).toEqual(["unitPrice"]);
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
    expect(parsed.errors.title).toMatch(/au plus 200 caractères/);
    expect(parsed.errors.pitch).toMatch(/au plus 280 caractères/);
    expect(parsed.errors.description).toBeUndefined(); // 10 000 is the description's own limit
    expect(parsed.errors.accessibility).toMatch(/au plus 5\s000 caractères/);
  });

  test("themes and audiences must come from the contest's lists", () => {
    const parsed = parseForm(form({ themes: ["Réseaux sociaux", "Astrologie"], audiences: "Jeunes" }), schema);
    expect(!parsed.ok && parsed.errors.themes).toMatch(/liste proposée/);
  });

  test("a complete draft with a ready photo lacks nothing; without a photo it lacks one", () => {
    expect(missingForSubmission(completeDraft, 1)).toEqual([]);
    expect(missingForSubmission(completeDraft, 0).map((m) => m.field)).toEqual(["photos"]);
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
