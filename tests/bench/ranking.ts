// The jury's ranking at national scale (issue 4: "Ranking of 15,000 scores: time"): 5,000 entries ×
// 3 reviews × 5 weighted criteria by 200 jurors — weighted means, per-juror z-scores, per-entry and
// per-juror figures, Krippendorff's alpha and the ranking — against a baseline measured in the same
// run: the naive ranking (weighted means, raw mean per entry, sort). Then conflict detection for 200
// jurors' ties against 5,000 candidates. Pure computation, no database.
// Alone: `npx tsx tests/bench/ranking.ts`. Prints figures, asserts nothing.
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { krippendorffAlphaInterval } from "~/results/agreement";
import { detectConflicts, type CandidateIdentity, type JurorTies } from "~/jury/conflict-detection";
import { rankEntries, type Criterion, type Review } from "~/results/scoring";
import { median } from "./median";

export type RankingFigures = {
  entries: number;
  reviews: number;
  jurors: number;
  criterionScores: number;
  /** Medians over the measured runs, in milliseconds. */
  rankingMs: number;
  alphaAloneMs: number;
  naiveBaselineMs: number;
  ratioToBaseline: number;
  alpha: number | null;
  flagged: number;
  conflictsMs: number;
  conflictsFound: number;
};

const ENTRIES = 5_000;
const JURORS = 200;
const REVIEWS_PER_ENTRY = 3;
const CRITERIA: Criterion[] = [
  { id: "usages", weight: 3 },
  { id: "pedagogie", weight: 2 },
  { id: "accessibilite", weight: 2 },
  { id: "fabrication", weight: 1 },
  { id: "cout", weight: 1 },
];
const WARMUP = 2;
const RUNS = 9;

/** mulberry32: a small seeded generator, so every run ranks the same data. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Entries of latent quality, jurors with their own severity and spread, scores in half points. */
function snapshot(): Review[] {
  const rand = random(20211102);
  const bias = Array.from({ length: JURORS }, () => (rand() - 0.5) * 1.6);
  const spread = Array.from({ length: JURORS }, () => 0.6 + rand() * 0.8);
  const reviews: Review[] = [];
  for (let e = 0; e < ENTRIES; e++) {
    const quality = 1 + rand() * 3;
    for (let r = 0; r < REVIEWS_PER_ENTRY; r++) {
      // Three distinct jurors per entry, loads equal (75 each).
      const j = (e * REVIEWS_PER_ENTRY + r) % JURORS;
      const scores: Record<string, number> = {};
      for (const { id } of CRITERIA) {
        const raw = 2.5 + (quality - 2.5) * spread[j] + bias[j] + (rand() - 0.5) * 1.5;
        scores[id] = Math.min(5, Math.max(0, Math.round(raw * 2) / 2));
      }
      reviews.push({ entryId: `E${String(e).padStart(5, "0")}`, jurorId: `J${String(j).padStart(3, "0")}`, scores });
    }
  }
  return reviews;
}

/** The least a ranking must do: each review's weighted mean, the mean per entry, a sort. */
function naiveRanking(reviews: readonly Review[]) {
  const sums = new Map<string, { sum: number; count: number }>();
  const weights = CRITERIA.reduce((total, c) => total + c.weight, 0);
  for (const review of reviews) {
    let weighted = 0;
    for (const { id, weight } of CRITERIA) weighted += weight * review.scores[id];
    const entry = sums.get(review.entryId);
    if (entry) {
      entry.sum += weighted / weights;
      entry.count += 1;
    } else sums.set(review.entryId, { sum: weighted / weights, count: 1 });
  }
  return [...sums.entries()]
    .map(([entryId, { sum, count }]) => ({ entryId, mean: sum / count }))
    .sort((a, b) => b.mean - a.mean || (a.entryId < b.entryId ? -1 : 1));
}

function time<T>(work: () => T): { ms: number; result: T } {
  for (let i = 0; i < WARMUP; i++) work();
  const samples: number[] = [];
  let result!: T;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    result = work();
    samples.push(performance.now() - start);
  }
  return { ms: median(samples), result };
}

/**
 * 5,000 candidates from 50 organisations (a hundred entries each: SIREN, name and domain collide
 * often), 200 jurors with four or five ties each — an organisation, two domains (one a webmail), two
 * people; one juror in twenty declares one of the candidates' organisations, one in twenty-five its domain.
 */
function conflictInstance(): { jurors: JurorTies[]; candidates: CandidateIdentity[] } {
  const rand = random(404);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const firstNames = ["Jean", "Marie", "Élodie", "Paul", "Léa", "Karim", "Sophie", "Hugo", "Chloé", "Yanis"];
  const lastNames = ["Dupont", "Martin", "Bréval", "Durand", "Lefèvre", "Moreau", "N'Diaye", "Roux", "Fournier", "Girard", "Bonnet", "Mercier"];
  const candidates: CandidateIdentity[] = Array.from({ length: ENTRIES }, (_, e) => {
    const org = e % 50; // organisations shared by a hundred entries each: realistic collisions
    return {
      entryId: `E${e}`,
      ownerName: `${pick(firstNames)} ${pick(lastNames)}-${e % 300}`,
      ownerEmail: e % 3 === 0 ? `porteur${e}@gmail.com` : `porteur${e}@${e % 7 === 0 ? "site." : ""}orga${org}.fr`,
      teamNames: [`${pick(firstNames)} ${pick(lastNames)}-${(e * 7) % 300}`],
      organisationName: `Association Orga ${org}`,
      organisationSiret: `${String(100000000 + org * 1013).padStart(9, "0")}${String(e % 5).padStart(5, "0")}`,
    };
  });
  const jurors: JurorTies[] = Array.from({ length: JURORS }, (_, j) => ({
    jurorId: `J${j}`,
    organisations:
      j % 20 === 0
        ? [{ name: `Orga ${j % 50} SAS`, siret: `${String(100000000 + (j % 50) * 1013).padStart(9, "0")}00000` }]
        : [{ name: `Structure du juré ${j}` }],
    emailDomains: [j % 25 === 0 ? `orga${j % 50}.fr` : `jure${j}.example.fr`, "gmail.com"],
    people: [`${pick(lastNames)} ${pick(firstNames)} ${j % 300}`, `Personne ${j}`],
  }));
  return { jurors, candidates };
}

export async function benchRanking(options: { log?: (line: string) => void } = {}): Promise<RankingFigures> {
  const log = options.log ?? ((line: string) => console.log(line));
  const reviews = snapshot();
  const totals = new Map<string, number[]>();
  const deliberation = rankEntries(CRITERIA, reviews);
  for (const review of deliberation.reviews) {
    const list = totals.get(review.entryId);
    if (list) list.push(review.total);
    else totals.set(review.entryId, [review.total]);
  }
  const units = [...totals.values()];

  const ranking = time(() => rankEntries(CRITERIA, reviews));
  const alphaAlone = time(() => krippendorffAlphaInterval(units));
  const naive = time(() => naiveRanking(reviews));
  const { jurors, candidates } = conflictInstance();
  const conflicts = time(() => detectConflicts(jurors, candidates));

  const figures: RankingFigures = {
    entries: ENTRIES,
    reviews: reviews.length,
    jurors: JURORS,
    criterionScores: reviews.length * CRITERIA.length,
    rankingMs: ranking.ms,
    alphaAloneMs: alphaAlone.ms,
    naiveBaselineMs: naive.ms,
    ratioToBaseline: ranking.ms / naive.ms,
    alpha: ranking.result.agreement.alpha,
    flagged: ranking.result.ranking.filter((entry) => entry.disagreement).length,
    conflictsMs: conflicts.ms,
    conflictsFound: conflicts.result.length,
  };

  const ms = (value: number) => value.toFixed(1).padStart(8);
  log("");
  log(
    `  Classement du jury : ${figures.entries} dossiers × ${REVIEWS_PER_ENTRY} évaluations (${figures.reviews}) × ${CRITERIA.length} critères pondérés = ${figures.criterionScores} notes, ${figures.jurors} membres du jury`,
  );
  log(`  (médiane de ${RUNS} passes après ${WARMUP} d'échauffement)`);
  log(`  Moyennes pondérées + z-scores par juré + figures + α + classement ${ms(figures.rankingMs)} ms`);
  log(`    dont α de Krippendorff seul                                    ${ms(figures.alphaAloneMs)} ms`);
  log(
    `  Référence : moyennes brutes et tri, sans normalisation            ${ms(figures.naiveBaselineMs)} ms   (× ${figures.ratioToBaseline.toFixed(1)})`,
  );
  log(`  α = ${figures.alpha?.toFixed(3) ?? "—"} ; dossiers signalés (écart ≥ 2 points) : ${figures.flagged}`);
  log(
    `  Conflits : ${JURORS} jurés × ${ENTRIES} candidats, index puis recherche          ${ms(figures.conflictsMs)} ms   (${figures.conflictsFound} conflits)`,
  );
  log("");
  return figures;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  benchRanking().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
