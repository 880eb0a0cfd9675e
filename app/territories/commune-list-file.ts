// A territorial list as an admin imports it: a CSV file whose header names the column of INSEE
// commune codes, one commune per line. Everything wrong is reported line by line, before anything
// is saved; what spreadsheets do to such files (BOM, semicolons, Windows line endings, quotes, a
// leading zero dropped) is either accepted or named.

export type ListFileProblem = { line: number | null; message: string };
export type ParsedCommuneList = { ok: true; codes: string[] } | { ok: false; problems: ListFileProblem[] };

/** Column names accepted for the codes: ours, and INSEE's own in its published files. */
export const CODE_COLUMNS = ["code_insee", "codgeo", "code_commune_insee", "insee_com", "com"];
/** More lines than communes in France is not a list of communes. */
export const MAX_LIST_LINES = 40_000;
const MAX_PROBLEMS = 100;

const codePattern = /^([0-9]{2}|2[AB])[0-9]{3}$/;

function cells(line: string, separator: string): string[] {
  return line.split(separator).map((cell) =>
    cell
      .trim()
      .replace(/^"(.*)"$/, "$1")
      .trim(),
  );
}

/**
 * Reads the file's text against the communes that exist (`knownCodes`). Gives the codes in file
 * order, or every problem found (the first hundred), each with its line number.
 */
export function parseCommuneList(text: string, knownCodes: ReadonlySet<string>): ParsedCommuneList {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === "") lines.pop();
  const headerIndex = lines.findIndex((line) => line.trim() !== "");
  if (headerIndex === -1) return { ok: false, problems: [{ line: null, message: "Le fichier est vide." }] };
  if (lines.length - headerIndex - 1 > MAX_LIST_LINES) {
    return {
      ok: false,
      problems: [
        {
          line: null,
          message: `Le fichier compte ${(lines.length - headerIndex - 1).toLocaleString("fr-FR")} lignes : une liste compte au plus ${MAX_LIST_LINES.toLocaleString("fr-FR")} communes.`,
        },
      ],
    };
  }

  const header = lines[headerIndex];
  const separator = [";", ",", "\t"].find((candidate) => header.includes(candidate)) ?? ";";
  const column = cells(header, separator).findIndex((name) => CODE_COLUMNS.includes(name.toLowerCase()));
  if (column === -1) {
    return {
      ok: false,
      problems: [
        {
          line: headerIndex + 1,
          message: `La première ligne doit nommer la colonne des codes INSEE (« code_insee » ou « CODGEO ») ; elle contient « ${header.slice(0, 80)} ».`,
        },
      ],
    };
  }

  const problems: ListFileProblem[] = [];
  const firstSeen = new Map<string, number>();
  const codes: string[] = [];
  for (let index = headerIndex + 1; index < lines.length; index++) {
    const line = index + 1;
    if (lines[index].trim() === "") continue;
    const code = (cells(lines[index], separator)[column] ?? "").toUpperCase();
    if (!codePattern.test(code)) {
      const hint = /^[0-9]{4}$/.test(code) ? " ; un tableur a peut-être supprimé le zéro initial (écrivez 0" + code + ")" : "";
      problems.push({
        line,
        message: `« ${code.slice(0, 20)} » n'est pas un code INSEE de commune (5 caractères, par exemple 01001 ou 2A004)${hint}.`,
      });
    } else if (!knownCodes.has(code)) {
      problems.push({ line, message: `Le code ${code} n'est pas celui d'une commune actuelle des 101 départements.` });
    } else if (firstSeen.has(code)) {
      problems.push({ line, message: `Le code ${code} figure déjà ligne ${firstSeen.get(code)}.` });
    } else {
      firstSeen.set(code, line);
      codes.push(code);
    }
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_PROBLEMS);
    if (problems.length > MAX_PROBLEMS) shown.push({ line: null, message: `… et ${problems.length - MAX_PROBLEMS} autres problèmes.` });
    return { ok: false, problems: shown };
  }
  if (codes.length === 0) return { ok: false, problems: [{ line: null, message: "Le fichier ne contient aucune commune sous sa ligne d'en-tête." }] };
  return { ok: true, codes };
}
