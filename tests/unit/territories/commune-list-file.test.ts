import { describe, expect, test } from "vitest";
import { MAX_LIST_LINES, parseCommuneList } from "~/territories/commune-list-file";

const known = new Set(["01001", "01002", "2A004", "97411", "75056"]);

describe("reading a territorial list file", () => {
  test("what spreadsheets produce is read: BOM, semicolons or commas, CRLF, quotes, other columns, blank lines", () => {
    expect(parseCommuneList('\uFEFFcode_insee;nom\r\n01001;L\'Abergement\r\n\r\n"2A004";Ajaccio\r\n', known)).toEqual({
      ok: true,
      codes: ["01001", "2A004"],
    });
    expect(parseCommuneList("nom,CODGEO\nParis,75056\nSaint-Denis,97411", known)).toEqual({ ok: true, codes: ["75056", "97411"] });
    expect(parseCommuneList("code_insee\n2a004\n", known)).toEqual({ ok: true, codes: ["2A004"] });
  });

  test("unknown codes, malformed codes and duplicates are reported line by line, all of them", () => {
    const parsed = parseCommuneList("code_insee\n01001\n99999\n1002\n01001\nabc\n", known);
    expect(parsed).toEqual({
      ok: false,
      problems: [
        { line: 3, message: "Le code 99999 n'est pas celui d'une commune actuelle des 101 départements." },
        {
          line: 4,
          message:
            "« 1002 » n'est pas un code INSEE de commune (5 caractères, par exemple 01001 ou 2A004) ; un tableur a peut-être supprimé le zéro initial (écrivez 01002).",
        },
        { line: 5, message: "Le code 01001 figure déjà ligne 2." },
        { line: 6, message: "« ABC » n'est pas un code INSEE de commune (5 caractères, par exemple 01001 ou 2A004)." },
      ],
    });
  });

  test("a wrong header is named, on its line", () => {
    expect(parseCommuneList("commune;population\n01001;860\n", known)).toEqual({
      ok: false,
      problems: [
        {
          line: 1,
          message: "La première ligne doit nommer la colonne des codes INSEE (« code_insee » ou « CODGEO ») ; elle contient « commune;population ».",
        },
      ],
    });
  });

  test("an empty file, a header alone, and more lines than communes in France are refused", () => {
    expect(parseCommuneList("", known)).toMatchObject({ ok: false, problems: [{ message: "Le fichier est vide." }] });
    expect(parseCommuneList("code_insee\r\n", known)).toMatchObject({ ok: false, problems: [{ line: null }] });
    const huge = "code_insee\n" + "01001\n".repeat(200_000);
    const parsed = parseCommuneList(huge, known);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems).toHaveLength(1);
    expect(!parsed.ok && parsed.problems[0].message).toContain(`au plus ${MAX_LIST_LINES.toLocaleString("fr-FR")} communes`);
  });

  test("past a hundred problems, the rest are counted", () => {
    const parsed = parseCommuneList("code_insee\n" + "99999\n".repeat(150), known);
    expect(!parsed.ok && parsed.problems).toHaveLength(101);
    expect(!parsed.ok && parsed.problems[100]).toEqual({ line: null, message: "… et 50 autres problèmes." });
  });
});
