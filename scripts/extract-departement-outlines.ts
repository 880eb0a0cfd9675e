// Extracts the outlines of the 101 départements from the DSFR's chart package into
// app/envelope/departement-outlines.json, which the envelope's map reads (docs/decisions/024).
// Run after upgrading @gouvfr/dsfr-chart: `npx tsx scripts/extract-departement-outlines.ts`;
// tests/unit/envelope/departement-outlines.test.ts fails while the JSON and the package differ.
// Written as prettier formats JSON, so `npm run lint` accepts the file as the script leaves it.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

export type DepartementOutlines = {
  source: string;
  /** The 96 metropolitan départements, in one frame. */
  metropole: { viewBox: string; departements: Record<string, string> };
  /** The five overseas départements, each in its own frame (the chart's insets). */
  overseas: Record<string, { viewBox: string; d: string }>;
};

const require = createRequire(import.meta.url);
export const OUTLINES_FILE = path.resolve(import.meta.dirname, "../app/envelope/departement-outlines.json");

export function readMapChartSource(): { version: string; text: string } {
  // The package's exports map no package.json: go up from its main file (dist/DSFRChart/…).
  const packageDir = path.resolve(path.dirname(require.resolve("@gouvfr/dsfr-chart")), "../..");
  const { version } = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")) as { version: string };
  return { version, text: readFileSync(path.join(packageDir, "dist/MapChart/MapChart.js"), "utf8") };
}

/**
 * Reads the chart's compiled Vue templates: each département is a `path` whose class is
 * `FR-<code>` and whose `d` follows; an overseas inset declares its literal viewBox just before
 * its path, the metropolitan map gets the one the chart sets for the whole of France.
 */
export function extractOutlines(text: string, version: string): DepartementOutlines {
  const france = /FranceProps\.viewBox = "(0 0 \d+ \d+)"/.exec(text);
  if (!france) throw new Error("MapChart.js : cadre de la carte de France introuvable");
  const outlines: DepartementOutlines = {
    source: `@gouvfr/dsfr-chart ${version}, dist/MapChart/MapChart.js (MIT)`,
    metropole: { viewBox: france[1], departements: {} },
    overseas: {},
  };
  const paths = /class: "FR-([0-9]{2}|2[AB]|97[1-6])",\s*(?:style: [^\n]*\n\s*)?d: "([^"]+)"/g;
  for (const [match, code, d] of text.matchAll(paths)) {
    if (code.startsWith("97")) {
      const before = text.slice(0, text.indexOf(match));
      const viewBoxes = [...before.matchAll(/viewBox: "([^"]+)"/g)];
      outlines.overseas[code] = { viewBox: viewBoxes[viewBoxes.length - 1][1], d };
    } else {
      outlines.metropole.departements[code] = d;
    }
  }
  return outlines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { version, text } = readMapChartSource();
  const outlines = extractOutlines(text, version);
  writeFileSync(OUTLINES_FILE, JSON.stringify(outlines, null, 2) + "\n");
  console.log(
    `${Object.keys(outlines.metropole.departements).length} + ${Object.keys(outlines.overseas).length} départements → ${path.relative(process.cwd(), OUTLINES_FILE)}`,
  );
}
