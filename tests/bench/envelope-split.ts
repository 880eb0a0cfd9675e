// The envelope's split at national scale (issue 9: "split of €40M over 101 départements, and over
// 34,969 communes: time"): allocate() — exact BigInt quotas, floors by iteration, largest
// remainders at the cent — against a baseline measured in the same run: the naive split in
// floating point (each share rounded down, the cents left unplaced), the least a proportional split
// does. Weights: INSEE municipal populations from @etalab/decoupage-administratif's JSON (every
// current commune, overseas collectivities included). Pure computation, no database.
// Alone: `npx tsx tests/bench/envelope-split.ts`. Prints figures, asserts nothing.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { allocate } from "~/envelope/allocate";
import { median } from "./median";

const CAP_CENTS = 40_000_000_00n;
const WARMUP = 2;
const RUNS = 9;

type RawCommune = { code: string; type: string; departement?: string; population?: number };

function communePopulations(): Map<string, bigint> {
  const file = createRequire(import.meta.url).resolve("@etalab/decoupage-administratif/data/communes.json");
  const communes = (JSON.parse(readFileSync(file, "utf8")) as RawCommune[]).filter((c) => c.type === "commune-actuelle");
  return new Map(communes.map((c) => [c.code, BigInt(c.population ?? 0)]));
}

/** Each département's population: the sum of its communes' (the 101 of the programme). */
function departementPopulations(communes: Map<string, bigint>): Map<string, bigint> {
  const departements = new Map<string, bigint>();
  for (const [code, population] of communes) {
    const departement = code.startsWith("97") ? code.slice(0, 3) : code.slice(0, 2);
    if (["975", "977", "978", "984", "986", "987", "988", "989"].includes(departement)) continue;
    departements.set(departement, (departements.get(departement) ?? 0n) + population);
  }
  return departements;
}

/** The least a proportional split does: float quotas rounded down; the sum misses some cents. */
function naiveSplit(capCents: bigint, weights: ReadonlyMap<string, bigint>): Map<string, number> {
  const cap = Number(capCents);
  let total = 0;
  for (const weight of weights.values()) total += Number(weight);
  const shares = new Map<string, number>();
  for (const [code, weight] of weights) shares.set(code, Math.floor((cap * Number(weight)) / total));
  return shares;
}

function time(work: () => unknown): number {
  for (let i = 0; i < WARMUP; i++) work();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    work();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

export type EnvelopeSplitFigures = { label: string; territories: number; allocateMs: number; naiveMs: number; ratio: number }[];

export async function benchEnvelopeSplit(options: { log?: (line: string) => void } = {}): Promise<EnvelopeSplitFigures> {
  const log = options.log ?? ((line: string) => console.log(line));
  const communes = communePopulations();
  const departements = departementPopulations(communes);
  const cases = [
    { label: "101 départements, sans plancher", weights: departements, floorCents: 0n },
    { label: "101 départements, plancher 150 000 €", weights: departements, floorCents: 150_000_00n },
    { label: `${communes.size.toLocaleString("fr-FR")} communes, sans plancher`, weights: communes, floorCents: 0n },
    { label: `${communes.size.toLocaleString("fr-FR")} communes, plancher 500 €`, weights: communes, floorCents: 500_00n },
  ];
  const figures: EnvelopeSplitFigures = cases.map(({ label, weights, floorCents }) => {
    // The baseline right before each measure, so both see the same load of the machine.
    const naiveMs = time(() => naiveSplit(CAP_CENTS, weights));
    const allocateMs = time(() => allocate(CAP_CENTS, weights, { floorCents }));
    return { label, territories: weights.size, allocateMs, naiveMs, ratio: allocateMs / naiveMs };
  });

  const ms = (value: number) => value.toFixed(2).padStart(9);
  log("");
  log(`  Répartition de 40 000 000 € au plus fort reste, au centime (médiane de ${RUNS} passes après ${WARMUP} d'échauffement)`);
  log(`  ${"".padEnd(44)}${"allocate()".padStart(12)}${"référence".padStart(12)}${"× réf.".padStart(9)}`);
  for (const row of figures) log(`  ${row.label.padEnd(44)}${ms(row.allocateMs)} ms${ms(row.naiveMs)} ms${row.ratio.toFixed(1).padStart(9)}`);
  log("  Référence : quotas en virgule flottante arrondis à l'inférieur, sans placer les centimes restants ni plancher.");
  log("");
  return figures;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  benchEnvelopeSplit().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
