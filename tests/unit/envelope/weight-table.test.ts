import { describe, expect, test } from "vitest";
import { formatWeight, parseWeightTable } from "~/envelope/weight-table";
import { readTerritories } from "~/territories/reference-data.server";

const departements = new Map(readTerritories().departements.map((d) => [d.code, d.name]));
const codes = [...departements.keys()];

/** A table of the 101 départements, weight i + 1 on line i, changed by `edit` before joining. */
function table(options: { separator?: string; eol?: string; bom?: boolean; edit?: (lines: string[]) => string[] } = {}) {
  const separator = options.separator ?? ";";
  const lines = [`code_departement${separator}poids`, ...codes.map((code, i) => `${code}${separator}${i + 1}`)];
  return (options.bom ? "\uFEFF" : "") + (options.edit ?? ((l) => l))(lines).join(options.eol ?? "\n") + "\n";
}

function problems(text: string) {
  const parsed = parseWeightTable(text, departements);
  if (parsed.ok) throw new Error("the table was accepted");
  return parsed.problems.map((p) => (p.line === null ? p.message : `${p.line}: ${p.message}`));
}

describe("reading a weight table", () => {
  test("the 101 départements with whole weights, from a spreadsheet: BOM, semicolons, Windows line endings", () => {
    const parsed = parseWeightTable(table({ bom: true, eol: "\r\n" }), departements);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.decimals).toBe(0);
    expect(parsed.weights.size).toBe(101);
    expect(parsed.weights.get("01")).toBe(1n);
    expect(parsed.weights.get("2A")).toBe(BigInt(codes.indexOf("2A") + 1));
    expect(parsed.weights.get("976")).toBe(101n);
  });

  test("commas as separators with quoted decimal commas, columns in another order, a lowercase 2a", () => {
    const text = table({
      separator: ",",
      edit: (lines) => [
        "poids,code_departement",
        ...lines.slice(1).map((line) => {
          const [code, weight] = line.split(",");
          return `${code === "01" ? '"1 234,5"' : weight},${code === "2A" ? "2a" : code}`;
        }),
      ],
    });
    const parsed = parseWeightTable(text, departements);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    // One decimal in the file: every weight × 10, which changes no share.
    expect(parsed.decimals).toBe(1);
    expect(parsed.weights.get("01")).toBe(12345n);
    expect(parsed.weights.get("02")).toBe(20n);
    expect(parsed.weights.has("2A")).toBe(true);
  });

  test("every problem is named with its line, and the missing départements by code and name", () => {
    const text = table({
      edit: (lines) => [
        ...lines.slice(0, 3), // header, 01, 02
        "03;-5",
        "04;beaucoup",
        "05;0,1234567",
        "1;10",
        "99;10",
        "02;7",
        ...lines.slice(9), // 09 onwards: 06, 07, 08 missing (and 03–05 refused)
      ],
    });
    expect(problems(text)).toEqual([
      "4: 03 (Allier) : le poids « -5 » est négatif : chaque poids est positif ou nul.",
      "5: 04 (Alpes-de-Haute-Provence) : « beaucoup » n'est pas un nombre (par exemple 12 345 ou 0,75).",
      "6: 05 (Hautes-Alpes) : le poids « 0,1234567 » a plus de 6 chiffres après la virgule.",
      "7: « 1 » n'est pas un code de département (par exemple 01, 2A ou 974) ; un tableur a peut-être supprimé le zéro initial (écrivez 01).",
      "8: Le code 99 n'est pas celui d'un des 101 départements du programme.",
      "9: Le département 02 figure déjà ligne 3.",
      "Il manque 3 départements : 06 (Alpes-Maritimes), 07 (Ardèche), 08 (Ardennes).",
    ]);
  });

  test("a wrong header, an empty file, far too many lines, only zeros: refused with a sentence that says so", () => {
    expect(problems("departement;population\n01;5\n")).toEqual([
      "1: La première ligne doit nommer les colonnes « code_departement » et « poids » ; elle contient « departement;population ».",
    ]);
    expect(problems("\uFEFF\r\n")).toEqual(["Le fichier est vide."]);
    expect(problems("code_departement;poids\n" + "01;1\n".repeat(200_000))[0]).toMatch(/^Le fichier compte 200[\s\u202f]000 lignes/);
    expect(problems(table({ edit: (lines) => [lines[0], ...lines.slice(1).map((line) => line.replace(/;\d+$/, ";0"))] }))).toEqual([
      "Tous les poids sont nuls : l'enveloppe ne peut pas être répartie en proportion.",
    ]);
  });

  test("a weight too large for the file's precision is refused on its line", () => {
    const text = table({ edit: (lines) => [lines[0], "01;1234567890123456,5", ...lines.slice(2)] });
    expect(problems(text)).toEqual([
      "2: 01 (Ain) : le poids est trop grand ; avec 1 chiffre(s) après la virgule dans le fichier, un poids compte au plus 14 chiffres avant.",
    ]);
  });

  test("a stored weight reads back as the file wrote it", () => {
    expect(formatWeight(12345, 1)).toBe("1234,5");
    expect(formatWeight(5, 3)).toBe("0,005");
    expect(formatWeight(2_611_897, 0)).toBe("2611897");
  });
});
