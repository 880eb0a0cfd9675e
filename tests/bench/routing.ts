// The routing of orders at national scale (issue 10: "routing of 100,000 order lines to 500
// makers"): planRoutes() — the exact min-cost flow over (département, kit) groups — against a
// baseline measured in the same run: the greedy any spreadsheet would do, each line in turn to the
// nearest maker with room left. Both on the same instance; the figures show the time and what the
// greedy loses (units left unrouted, kilometres). Pure computation, no database.
// Alone: `npx tsx tests/bench/routing.ts`. From run.ts: `await benchRouting()`. Prints figures, asserts nothing.
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import outlines from "~/envelope/departement-outlines.json";
import { seededRandom } from "~/flows/seeded-random";
import { departementDistanceKm, isOverseas } from "~/routing/distances";
import { planRoutes, type LineToRoute, type MakerOffer } from "~/routing/route-plan";
import { median } from "./median";

const LINES = 100_000;
const MAKERS = 500;
const KITS = [1, 2, 3];
const WARMUP = 1;
const RUNS = 5;
// A maker delivers the départements within this distance of its own (and always its own).
const REACH_KM = 250;

const DEPARTEMENTS = [...Object.keys(outlines.metropole.departements), ...Object.keys(outlines.overseas)];

function instance(seed: number): { lines: LineToRoute[]; offers: MakerOffer[] } {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[random.below(items.length)];
  const lines: LineToRoute[] = Array.from({ length: LINES }, (_, i) => ({
    orderId: 1 + Math.floor(i / 2),
    kitId: KITS[i % 2 === 0 ? random.below(2) : 2],
    units: 1 + random.below(5),
    departement: pick(DEPARTEMENTS),
  }));
  const offers: MakerOffer[] = [];
  for (let makerId = 1; makerId <= MAKERS; makerId++) {
    const home = pick(DEPARTEMENTS);
    const departements = DEPARTEMENTS.filter((code) => {
      const distance = departementDistanceKm(home, code);
      return distance !== null && distance <= REACH_KM;
    });
    for (const kitId of KITS) {
      if (random.below(10) < 3) continue;
      offers.push({ makerId, kitId, makerDepartement: home, departements, remainingUnits: 50 + random.below(600), paused: random.below(20) === 0 });
    }
  }
  return { lines, offers };
}

/** Each line in turn to the nearest maker with room left (ties: the lowest id). */
function greedy(lines: readonly LineToRoute[], offers: readonly MakerOffer[]) {
  const nearest = new Map<string, { offer: number; distance: number }[]>();
  offers.forEach((offer, index) => {
    if (offer.paused) return;
    for (const departement of offer.departements) {
      if ((isOverseas(departement) || isOverseas(offer.makerDepartement)) && departement !== offer.makerDepartement) continue;
      const key = `${departement}|${offer.kitId}`;
      const list = nearest.get(key) ?? [];
      list.push({ offer: index, distance: departementDistanceKm(offer.makerDepartement, departement)! });
      nearest.set(key, list);
    }
  });
  for (const list of nearest.values()) list.sort((a, b) => a.distance - b.distance || a.offer - b.offer);
  const left = offers.map((offer) => offer.remainingUnits);
  let routedUnits = 0;
  let totalCost = 0;
  for (const line of lines) {
    let wanted = line.units;
    for (const { offer, distance } of nearest.get(`${line.departement}|${line.kitId}`) ?? []) {
      if (wanted === 0) break;
      const taken = Math.min(wanted, left[offer]);
      left[offer] -= taken;
      wanted -= taken;
      routedUnits += taken;
      totalCost += taken * distance;
    }
  }
  return { routedUnits, totalCost };
}

function time<T>(work: () => T): { ms: number; result: T } {
  let result = work();
  for (let i = 1; i < WARMUP; i++) result = work();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    result = work();
    samples.push(performance.now() - start);
  }
  return { ms: median(samples), result };
}

export type RoutingFigures = {
  planMs: number;
  greedyMs: number;
  ratio: number;
  plan: { routedUnits: number; totalCost: number };
  greedy: { routedUnits: number; totalCost: number };
};

export async function benchRouting(options: { log?: (line: string) => void } = {}): Promise<RoutingFigures> {
  const log = options.log ?? ((line: string) => console.log(line));
  const { lines, offers } = instance(20_211_001);
  const asked = lines.reduce((sum, line) => sum + line.units, 0);
  const capacity = offers.reduce((sum, offer) => sum + (offer.paused ? 0 : offer.remainingUnits), 0);
  // The baseline right before the measure, so both see the same load of the machine.
  const baseline = time(() => greedy(lines, offers));
  const plan = time(() => planRoutes(lines, offers, 1));
  const figures = {
    planMs: plan.ms,
    greedyMs: baseline.ms,
    ratio: plan.ms / baseline.ms,
    plan: { routedUnits: plan.result.routedUnits, totalCost: plan.result.totalCost },
    greedy: baseline.result,
  };
  const n = (value: number) => value.toLocaleString("fr-FR");
  const row = (label: string, ms: number, figures: { routedUnits: number; totalCost: number }) =>
    log(
      `  ${label.padEnd(40)}${`${ms.toFixed(0)} ms`.padStart(10)}${n(figures.routedUnits).padStart(12)}` +
        `${`${(figures.totalCost / Math.max(figures.routedUnits, 1)).toFixed(1)} km`.padStart(12)}`,
    );
  log("");
  log(
    `  Routage de ${n(LINES)} lignes de commande (${n(asked)} unités) vers ${n(MAKERS)} fabricants (${n(offers.length)} offres, ${n(capacity)} unités de capacité), ` +
      `médiane de ${RUNS} passes`,
  );
  log(`  ${"".padEnd(40)}${"temps".padStart(10)}${"unités".padStart(12)}${"km / unité".padStart(12)}`);
  row("planRoutes() (flot de coût minimum)", plan.ms, figures.plan);
  row("référence : au plus proche, ligne à ligne", baseline.ms, figures.greedy);
  log(
    `  planRoutes() à ${figures.ratio.toFixed(1)}× le temps de la référence ; ${n(figures.plan.routedUnits - figures.greedy.routedUnits)} unités routées de plus, ` +
      `distance moyenne ${((1 - figures.plan.totalCost / figures.plan.routedUnits / (figures.greedy.totalCost / figures.greedy.routedUnits)) * 100).toFixed(1)} % plus courte.`,
  );
  log("");
  return figures;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  benchRouting().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
