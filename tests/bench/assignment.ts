// The reviewer assignment at national scale (docs/architecture.md, Performance targets: 5,000
// entries × 3 reviews × 200 jurors, 2 % conflicts: optimal, loads within one, < 2 s). Alone: `npx tsx tests/bench/assignment.ts`.
// From run.ts: `await benchAssignment()`. Pure computation, no database. Prints figures, asserts nothing.
//
// "Cost against the optimum": the solver is exact, so its cost is compared with two lower bounds
// computed independently of it — every entry's reviews that no juror without conflict could
// theme-match, and the same with each juror limited to ⌈total/J⌉ reviews (a maximum flow over
// theme-matched pairs only). The cost can only exceed them by what the exact ⌊·⌋/⌈·⌉ balance costs.
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { assignReviewers, type AssignmentInput, type AssignmentResult } from "~/jury/assignment-solver";
import { FlowNetwork, maxFlow } from "~/flows/min-cost-flow";
import { seededRandom } from "~/flows/seeded-random";

const THEMES = [
  "réseaux sociaux",
  "données personnelles",
  "achats en ligne",
  "santé en ligne",
  "télétravail",
  "vérifier l'information",
  "démarches administratives",
];

export type InstanceOptions = {
  entries: number;
  jurors: number;
  reviewsPerEntry: number;
  conflictRate: number;
  /** Share of jurors with a cap, and that cap. */
  cappedShare?: number;
  cap?: number;
  /** Manual assignments, drawn at random among pairs without conflict. */
  fixed?: number;
  /** Jurors without conflict on the same 20 entries only: they share 60 reviews, loads within one become impossible. */
  blockedJurors?: number;
  seed: number;
};

/** Entries crowd the everyday themes; jurors' preferences are spread evenly: not every review can match. */
const ENTRY_THEME_WEIGHTS = [30, 22, 16, 12, 9, 7, 4];

export function nationalInstance(options: InstanceOptions): AssignmentInput {
  const random = seededRandom(options.seed);
  const pick = (count: number, weights: readonly number[]) => {
    const chosen = new Set<string>();
    const sum = weights.reduce((a, b) => a + b, 0);
    while (chosen.size < count) {
      let draw = random.below(sum);
      let t = 0;
      while (draw >= weights[t]) draw -= weights[t++];
      chosen.add(THEMES[t]);
    }
    return [...chosen];
  };
  const even = THEMES.map(() => 1);
  const entries = Array.from({ length: options.entries }, (_, e) => ({
    id: `e${e}`,
    label: String(e + 1),
    themes: pick(1 + random.below(2), ENTRY_THEME_WEIGHTS),
  }));
  const jurors = Array.from({ length: options.jurors }, (_, j) => ({
    id: `j${j}`,
    themes: pick(1 + random.below(2), even),
    maxLoad: random.below(1_000_000) < (options.cappedShare ?? 0) * 1_000_000 ? (options.cap ?? null) : null,
  }));
  const conflicts: { entryId: string; jurorId: string }[] = [];
  const conflicted = new Set<string>();
  for (let j = 0; j < options.jurors; j++) {
    const blocked = j < (options.blockedJurors ?? 0);
    for (let e = 0; e < options.entries; e++) {
      if (blocked ? e >= 20 : random.below(1_000_000) < options.conflictRate * 1_000_000) {
        conflicts.push({ entryId: `e${e}`, jurorId: `j${j}` });
        conflicted.add(`${e}:${j}`);
      }
    }
  }
  const fixed: { entryId: string; jurorId: string }[] = [];
  const taken = new Set<string>();
  const perEntry = new Map<number, number>();
  while (fixed.length < (options.fixed ?? 0)) {
    const e = random.below(options.entries);
    const j = random.below(options.jurors);
    if (conflicted.has(`${e}:${j}`) || taken.has(`${e}:${j}`) || (perEntry.get(e) ?? 0) >= options.reviewsPerEntry) continue;
    taken.add(`${e}:${j}`);
    perEntry.set(e, (perEntry.get(e) ?? 0) + 1);
    fixed.push({ entryId: `e${e}`, jurorId: `j${j}` });
  }
  return { entries, jurors, conflicts, fixed, reviewsPerEntry: options.reviewsPerEntry, seed: options.seed };
}

/**
 * Lower bounds on the number of reviews without a shared theme (see the header), manual pairs
 * included: the manual mismatches, plus (a) per entry, the reviews beyond its theme-matching jurors
 * without conflict, (b) the reviews a maximum flow over theme-matched pairs cannot carry when each
 * juror takes at most min(cap, maxLoad) reviews — maxLoad being the smallest possible maximum load,
 * which every balanced assignment respects.
 */
export function themeLowerBounds(input: AssignmentInput, maxLoad: number): { perEntry: number; withBalance: number } {
  const k = input.reviewsPerEntry ?? 3;
  const J = input.jurors.length;
  const E = input.entries.length;
  const jurorIndex = new Map(input.jurors.map((juror, j) => [juror.id, j]));
  const entryIndex = new Map(input.entries.map((entry, e) => [entry.id, e]));
  const jurorThemes = input.jurors.map((juror) => new Set(juror.themes));
  const matches = (e: number, j: number) => input.entries[e].themes.some((theme) => jurorThemes[j].has(theme));
  const blocked = new Uint8Array(E * J);
  for (const c of input.conflicts ?? []) blocked[entryIndex.get(c.entryId)! * J + jurorIndex.get(c.jurorId)!] = 1;
  const fixedPerEntry = new Int32Array(E);
  const fixedLoad = new Int32Array(J);
  let fixedMismatches = 0;
  for (const f of input.fixed ?? []) {
    const e = entryIndex.get(f.entryId)!;
    const j = jurorIndex.get(f.jurorId)!;
    blocked[e * J + j] = 1;
    fixedPerEntry[e]++;
    fixedLoad[j]++;
    if (!matches(e, j)) fixedMismatches++;
  }
  const tails: number[] = [];
  const heads: number[] = [];
  const caps: number[] = [];
  const source = 0;
  const sink = E + J + 1;
  let perEntry = fixedMismatches;
  let needed = 0;
  for (let e = 0; e < E; e++) {
    const need = k - fixedPerEntry[e];
    needed += need;
    tails.push(source);
    heads.push(1 + e);
    caps.push(need);
    let matching = 0;
    for (let j = 0; j < J; j++) {
      if (blocked[e * J + j] || !matches(e, j)) continue;
      matching++;
      tails.push(1 + e);
      heads.push(1 + E + j);
      caps.push(1);
    }
    perEntry += Math.max(0, need - matching);
  }
  for (let j = 0; j < J; j++) {
    tails.push(1 + E + j);
    heads.push(sink);
    caps.push(Math.max(0, Math.min(maxLoad, input.jurors[j].maxLoad ?? Infinity) - fixedLoad[j]));
  }
  const net = new FlowNetwork(sink + 1, Int32Array.from(tails), Int32Array.from(heads), Int32Array.from(caps));
  return { perEntry, withBalance: fixedMismatches + needed - maxFlow(net, source, sink) };
}

export type AssignmentFigures = {
  label: string;
  medianMs: number;
  maxMs: number;
  loads: { min: number; max: number };
  themeMatchRate: number;
  cost: number;
  lowerBound: number;
};

function measure(label: string, input: AssignmentInput, runs: number): AssignmentFigures {
  let result: AssignmentResult | undefined;
  const times: number[] = [];
  assignReviewers(input); // warm-up (JIT)
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    result = assignReviewers(input);
    times.push(performance.now() - started);
  }
  if (!result?.ok) throw new Error(`${label}: ${result?.summary}`);
  times.sort((a, b) => a - b);
  const bounds = themeLowerBounds(input, result.balance.maxLoad);
  return {
    label,
    medianMs: times[Math.floor(times.length / 2)],
    maxMs: times[times.length - 1],
    loads: { min: result.balance.minLoad, max: result.balance.maxLoad },
    themeMatchRate: result.themeMatches / result.pairs.length,
    cost: result.totalCost,
    lowerBound: Math.max(bounds.perEntry, bounds.withBalance),
  };
}

export async function benchAssignment(options: { runs?: number } = {}): Promise<AssignmentFigures[]> {
  const runs = options.runs ?? 5;
  const base = { entries: 5000, jurors: 200, reviewsPerEntry: 3, conflictRate: 0.02, seed: 20_210_301 };
  console.log("\nAffectation des membres du jury (flot de coût minimum, exact) — 5 000 entrées × 3 évaluations × 200 membres, 2 % de conflits");
  const inputs = [nationalInstance(base)];
  // Memory of one computation: the resident peak it causes above what the process already held.
  const rssBefore = process.memoryUsage().rss;
  assignReviewers(inputs[0]);
  const oneRunPeak = process.resourceUsage().maxRSS * 1024;
  const rows = [
    measure("national, sans plafond", inputs[0], runs),
    measure("national, 20 % plafonnés à 60", nationalInstance({ ...base, cappedShare: 0.2, cap: 60 }), runs),
    measure("national, 1 500 affectations manuelles", nationalInstance({ ...base, fixed: 1500 }), runs),
    measure("10 membres limités aux 20 mêmes entrées", nationalInstance({ ...base, blockedJurors: 10 }), runs),
  ];
  console.log(
    `\n  ${"".padEnd(46)}${"médiane".padStart(10)}${"max".padStart(9)}${"charges".padStart(10)}${"thèmes".padStart(9)}${"coût".padStart(7)}${"borne inf.".padStart(12)}`,
  );
  for (const row of rows) {
    console.log(
      `  ${row.label.padEnd(46)}${`${row.medianMs.toFixed(0)} ms`.padStart(10)}${`${row.maxMs.toFixed(0)} ms`.padStart(9)}` +
        `${`${row.loads.min}–${row.loads.max}`.padStart(10)}${`${(row.themeMatchRate * 100).toFixed(2)} %`.padStart(9)}` +
        `${String(row.cost).padStart(7)}${String(row.lowerBound).padStart(12)}`,
    );
  }
  console.log(
    `  Mémoire résidente : ${Math.round(rssBefore / 2 ** 20)} Mo avant (instance comprise), pic de ${Math.round(oneRunPeak / 2 ** 20)} Mo pendant un calcul ` +
      `(+${Math.round((oneRunPeak - rssBefore) / 2 ** 20)} Mo).`,
  );
  console.log(
    "  Cible (docs/architecture.md) : optimal, charges à une unité près, < 2 s. Coût = évaluations sans thème commun (affectations manuelles comprises) ;",
  );
  console.log("  borne inf. = ce qu'aucune affectation équilibrée ne peut éviter (calcul indépendant du solveur) : coût = borne ⇒ optimum prouvé.\n");
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  benchAssignment().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
