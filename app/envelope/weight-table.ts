// A weight table as an admin imports it to split the envelope otherwise than by population: a
// CSV file with one line per département, its code and its weight. Everything wrong is reported
// line by line before anything is saved; what spreadsheets do to such files (BOM, semicolons or
// commas, Windows line endings, quotes, a decimal comma, grouping spaces, a leading zero dropped)
// is either accepted or named.
import type { ListFileProblem } from "~/territories/commune-list-file";
import { DEPARTEMENT_CODE } from "./schemas";

/**
 * Weights as the split reads them: whole numbers, each decimal weight of the file multiplied by
 * 10^decimals (the most decimals any line has), which changes no share (docs/decisions/024).
 */
export type WeightTable = { weights: Map<string, bigint>; decimals: number };

export type ParsedWeightTable = ({ ok: true } & WeightTable) | { ok: false; problems: ListFileProblem[] };

/** Column names accepted: ours first, then what a table from elsewhere often calls them. */
const CODE_COLUMNS = ["code_departement", "departement", "code", "dep"];
const WEIGHT_COLUMNS = ["poids", "weight", "valeur"];
const MAX_WEIGHT_DECIMALS = 6;
/** The stored weights are exact JavaScript integers (bigint columns read as numbers). */
const MAX_SCALED_WEIGHT = BigInt(Number.MAX_SAFE_INTEGER);
/** A table of the 101 départements has about a hundred lines; far more is not one. */
const MAX_LINES = 1_000;
const MAX_PROBLEMS = 100;

const numberPattern = /^([0-9]+)(?:\.([0-9]+))?$/;

/** One line's cells: separators inside double quotes are kept, doubled quotes are one quote. */
function cells(line: string, separator: string): string[] {
  const found: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (char === '"' && quoted && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (char === '"') quoted = !quoted;
    else if (char === separator && !quoted) {
      found.push(cell.trim());
      cell = "";
    } else cell += char;
  }
  found.push(cell.trim());
  return found;
}

/** The text of a weight as a number: grouping spaces dropped, a decimal comma read as a point. */
function readWeight(text: string): { whole: bigint; decimals: string } | { problem: string } {
  const normal = text.replace(/[ \u00a0\u202f]/g, "").replace(",", ".");
  if (normal === "") return { problem: "le poids manque." };
  if (/^-[0-9.]+$/.test(normal)) return { problem: `le poids « ${text} » est négatif : chaque poids est positif ou nul.` };
  const match = numberPattern.exec(normal);
  if (!match) return { problem: `« ${text.slice(0, 30)} » n'est pas un nombre (par exemple 12 345 ou 0,75).` };
  const decimals = match[2] ?? "";
  if (decimals.length > MAX_WEIGHT_DECIMALS) {
    return { problem: `le poids « ${text} » a plus de ${MAX_WEIGHT_DECIMALS} chiffres après la virgule.` };
  }
  return { whole: BigInt(match[1]), decimals };
}

/**
 * Reads the file's text against the 101 départements (`departements`: code → name). Gives the
 * weights scaled to whole numbers, or every problem found (the first hundred), each with its line.
 */
export function parseWeightTable(text: string, departements: ReadonlyMap<string, string>): ParsedWeightTable {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === "") lines.pop();
  const headerIndex = lines.findIndex((line) => line.trim() !== "");
  if (headerIndex === -1) return refused([{ line: null, message: "Le fichier est vide." }]);
  if (lines.length - headerIndex - 1 > MAX_LINES) {
    return refused([
      {
        line: null,
        message: `Le fichier compte ${(lines.length - headerIndex - 1).toLocaleString("fr-FR")} lignes : une table de poids compte une ligne par département, 101 en tout.`,
      },
    ]);
  }

  const header = lines[headerIndex];
  const separator = [";", ",", "\t"].find((candidate) => header.includes(candidate)) ?? ";";
  const names = cells(header, separator).map((name) => name.toLowerCase());
  const codeColumn = names.findIndex((name) => CODE_COLUMNS.includes(name));
  const weightColumn = names.findIndex((name) => WEIGHT_COLUMNS.includes(name));
  if (codeColumn === -1 || weightColumn === -1) {
    return refused([
      {
        line: headerIndex + 1,
        message: `La première ligne doit nommer les colonnes « code_departement » et « poids » ; elle contient « ${header.slice(0, 80)} ».`,
      },
    ]);
  }

  const problems: ListFileProblem[] = [];
  const firstSeen = new Map<string, number>();
  const read = new Map<string, { whole: bigint; decimals: string; line: number }>();
  for (let index = headerIndex + 1; index < lines.length; index++) {
    const line = index + 1;
    if (lines[index].trim() === "") continue;
    const row = cells(lines[index], separator);
    const code = (row[codeColumn] ?? "").toUpperCase();
    if (!DEPARTEMENT_CODE.test(code)) {
      const hint = /^[1-9]$/.test(code) ? ` ; un tableur a peut-être supprimé le zéro initial (écrivez 0${code})` : "";
      problems.push({ line, message: `« ${code.slice(0, 20)} » n'est pas un code de département (par exemple 01, 2A ou 974)${hint}.` });
      continue;
    }
    if (!departements.has(code)) {
      problems.push({ line, message: `Le code ${code} n'est pas celui d'un des 101 départements du programme.` });
      continue;
    }
    if (firstSeen.has(code)) {
      problems.push({ line, message: `Le département ${code} figure déjà ligne ${firstSeen.get(code)}.` });
      continue;
    }
    firstSeen.set(code, line);
    const weight = readWeight(row[weightColumn] ?? "");
    if ("problem" in weight) problems.push({ line, message: `${code} (${departements.get(code)}) : ${weight.problem}` });
    else read.set(code, { ...weight, line });
  }

  const missing = [...departements.keys()].filter((code) => !firstSeen.has(code));
  if (missing.length > 0) {
    problems.push({
      line: null,
      message: `${missing.length === 1 ? "Il manque un département" : `Il manque ${missing.length} départements`} : ${missing.map((code) => `${code} (${departements.get(code)})`).join(", ")}.`,
    });
  }
  if (problems.length > 0) return refused(problems);

  const decimals = Math.max(...[...read.values()].map((weight) => weight.decimals.length));
  const weights = new Map<string, bigint>();
  for (const [code, weight] of read) {
    const scaled = weight.whole * 10n ** BigInt(decimals) + BigInt(weight.decimals.padEnd(decimals, "0") || "0");
    if (scaled > MAX_SCALED_WEIGHT) {
      problems.push({
        line: weight.line,
        message: `${code} (${departements.get(code)}) : le poids est trop grand ; avec ${decimals} chiffre(s) après la virgule dans le fichier, un poids compte au plus ${15 - decimals} chiffres avant.`,
      });
    }
    weights.set(code, scaled);
  }
  if (problems.length === 0 && [...weights.values()].every((weight) => weight === 0n)) {
    problems.push({ line: null, message: "Tous les poids sont nuls : l'enveloppe ne peut pas être répartie en proportion." });
  }
  if (problems.length > 0) return refused(problems);
  return { ok: true, weights, decimals };
}

function refused(problems: ListFileProblem[]): ParsedWeightTable {
  const shown = problems.slice(0, MAX_PROBLEMS);
  if (problems.length > MAX_PROBLEMS) shown.push({ line: null, message: `… et ${problems.length - MAX_PROBLEMS} autres problèmes.` });
  return { ok: false, problems: shown };
}

/** A stored weight as the file gave it: "12345", "0,75" (French decimal comma). */
export function formatWeight(weight: number | bigint, decimals: number): string {
  const digits = BigInt(weight)
    .toString()
    .padStart(decimals + 1, "0");
  return decimals === 0 ? digits : `${digits.slice(0, -decimals)},${digits.slice(-decimals)}`;
}
