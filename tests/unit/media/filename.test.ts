import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { downloadName, MAX_FILENAME_LENGTH, sanitizeFilename } from "~/media/filename";

describe("filename sanitising", () => {
  test("only the last path segment is kept: no ../ nor backslash paths", () => {
    expect(sanitizeFilename("../../etc/passwd")).toBe("passwd");
    expect(sanitizeFilename("..\\..\\Windows\\system.ini")).toBe("system.ini");
    expect(sanitizeFilename("C:\\fakepath\\photo du kit.jpg")).toBe("photo du kit.jpg");
    expect(sanitizeFilename("/var/www/plan.pdf/")).toBe("plan.pdf");
    expect(sanitizeFilename("../")).toBe("fichier");
  });

  test("control characters and bidi overrides are removed, so a name cannot disguise its extension", () => {
    expect(sanitizeFilename("photo\u0000\u0007\u001b[31m.jpg")).toBe("photo[31m.jpg");
    expect(sanitizeFilename("facture\u202Egpj.exe")).toBe("facturegpj.exe");
    expect(sanitizeFilename("a\u2066b\u2069c\u200Bd\uFEFF.png")).toBe("abcd.png");
    expect(sanitizeFilename("ligne 1\nligne 2\r\t.pdf")).toBe("ligne 1 ligne 2 .pdf");
    expect(sanitizeFilename("deux\u2028lignes.pdf")).toBe("deux lignes.pdf");
  });

  test("accents are kept (and composed), spaces collapsed and trimmed", () => {
    expect(sanitizeFilename("  Fiche   pédagogique — étape 1.pdf  ")).toBe("Fiche pédagogique — étape 1.pdf");
    expect(sanitizeFilename("e\u0301te\u0301.jpg")).toBe("été.jpg");
    expect(sanitizeFilename("Maïté à l'œuvre.png")).toBe("Maïté à l'œuvre.png");
  });

  test("hidden-file dots, trailing dots and characters desktops refuse are neutralised", () => {
    expect(sanitizeFilename(".htaccess")).toBe("htaccess");
    expect(sanitizeFilename("plan.pdf...")).toBe("plan.pdf");
    expect(sanitizeFilename('a<b>c:"d"|e?f*.jpg')).toBe("a_b_c__d__e_f_.jpg");
  });

  test("an empty or invisible name becomes « fichier »", () => {
    for (const name of ["", "   ", "\u0000\u0001", "\u202E", "...", "/", "\\\\"]) expect(sanitizeFilename(name)).toBe("fichier");
  });

  test("a long name is capped, keeping its extension and never splitting a character", () => {
    const long = `${"é".repeat(300)}.jpeg`;
    const capped = sanitizeFilename(long);
    expect(Array.from(capped)).toHaveLength(MAX_FILENAME_LENGTH);
    expect(capped.endsWith(".jpeg")).toBe(true);
    const emoji = sanitizeFilename("📷".repeat(200));
    expect(Array.from(emoji)).toHaveLength(MAX_FILENAME_LENGTH);
    expect(emoji).toBe("📷".repeat(MAX_FILENAME_LENGTH));
  });

  test.prop([fc.string({ unit: "binary", maxLength: 400 })])("any input gives a short, single-segment, visible name", (raw) => {
    const name = sanitizeFilename(raw);
    expect(name.length).toBeGreaterThan(0);
    expect(Array.from(name).length).toBeLessThanOrEqual(MAX_FILENAME_LENGTH);
    expect(name).not.toMatch(/[/\\\p{Cc}\p{Cf}]/u);
    expect(name).toBe(name.trim());
    expect(name.startsWith(".")).toBe(false);
    expect(sanitizeFilename(name)).toBe(name);
  });
});

describe("download names", () => {
  test("the processed copy's extension replaces the original's", () => {
    expect(downloadName("Photo du kit.JPG", "webp")).toBe("Photo du kit.webp");
    expect(downloadName("plans", "pdf")).toBe("plans.pdf");
    expect(downloadName("plans.v2.final.pdf", "pdf")).toBe("plans.v2.final.pdf");
    expect(downloadName("../\u202Eevil.exe", "pdf")).toBe("evil.pdf");
  });
});
