// Reads the published split (/distribution/repartition.csv) as anyone would, from its text
// alone, and recomputes it with allocate(): what the unit and integration tests compare.
import { allocate } from "~/envelope/allocate";

/** What the recomputation needs, read from the file's text only. */
export function recomputeFromFile(text: string) {
  const [header, ...lines] = text
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");
  const columns = header.split(";");
  const rows = lines.map((line) => Object.fromEntries(line.split(";").map((cell, i) => [columns[i], cell.replace(/^"(.*)"$/, "$1")])));
  const cents = (euros: string) => BigInt(euros.replace(",", ""));
  const decimals = Math.max(...rows.map((row) => (row.poids.split(",")[1] ?? "").length));
  const weights = new Map(
    rows.map((row) => {
      const [whole, fraction = ""] = row.poids.split(",");
      return [row.code_departement, BigInt(whole + fraction.padEnd(decimals, "0"))];
    }),
  );
  const shares = allocate(cents(rows[0].montant_reparti_euros), weights, { floorCents: cents(rows[0].plancher_euros) });
  return {
    recomputed: Object.fromEntries(shares.map((s) => [s.code, s.cents])),
    published: Object.fromEntries(rows.map((row) => [row.code_departement, cents(row.part_initiale_euros)])),
    floors: Object.fromEntries(shares.map((s) => [s.code, s.atFloor])),
    publishedFloors: Object.fromEntries(rows.map((row) => [row.code_departement, row.au_plancher === "oui"])),
  };
}
