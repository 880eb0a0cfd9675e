// The committed outlines are the DSFR chart package's, as installed: after an upgrade of
// @gouvfr/dsfr-chart, run `npx tsx scripts/extract-departement-outlines.ts` (docs/decisions/024).
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { extractOutlines, OUTLINES_FILE, readMapChartSource } from "../../../scripts/extract-departement-outlines";

describe("the départements' outlines", () => {
  test("the committed JSON is what the installed @gouvfr/dsfr-chart holds", () => {
    const { version, text } = readMapChartSource();
    expect(JSON.parse(readFileSync(OUTLINES_FILE, "utf8"))).toEqual(extractOutlines(text, version));
  });

  test("96 metropolitan départements with Corsica as 2A and 2B, and the five overseas, each in its own frame", () => {
    const outlines = JSON.parse(readFileSync(OUTLINES_FILE, "utf8"));
    const metropole = Object.keys(outlines.metropole.departements);
    expect(metropole).toHaveLength(96);
    expect(metropole).toEqual(expect.arrayContaining(["01", "2A", "2B", "75", "95"]));
    expect(metropole).not.toContain("20");
    expect(Object.keys(outlines.overseas).sort()).toEqual(["971", "972", "973", "974", "976"]);
    for (const inset of Object.values<{ viewBox: string; d: string }>(outlines.overseas)) {
      expect(inset.viewBox).toMatch(/^0 0 \d+ \d+$/);
      expect(inset.d).toMatch(/^[mM]/);
    }
  });
});
