// Reviewer assignment: every entry gets exactly k distinct jurors, never one in conflict with it,
// loads as balanced as the conflicts, caps and manual assignments allow, and as many theme matches
// as possible. Solved exactly as a minimum-cost flow, the way HotCRP's autoassigner does
// (kohler/hotcrp src/autoassigner.php, MinCostMaxFlow): source → entry → juror → sink.
// Pure, no I/O: the caller loads entries, jurors, conflicts and manual assignments, and records the
// seed with the result. Choices and measurements: docs/decisions/004-assignment-solver.md.
//
// The objective, in this order:
//  1. Balance. The load vector (fixed + new reviews per juror) is "decreasingly minimal": its
//     largest load is as small as possible, then the number of jurors at that load, then the next
//     largest load, and so on (Frank & Murota, "Discrete decreasing minimization", 2022). With no
//     caps and no obstruction that is exactly "every load is ⌊total/J⌋ or ⌈total/J⌉"; with caps, the
//     capped jurors sit at their cap and the others within one of each other; when conflicts or
//     manual assignments make that impossible, it is the most balanced vector that exists.
//  2. Theme matches. A pair costs 0 when the juror and the entry share a theme, 1 otherwise; among
//     the balanced assignments, the total cost is minimal.
//  3. Ties. Among assignments equal on 1 and 2, the seed decides: it permutes the order in which
//     entries, jurors and each entry's candidate jurors are explored (HotCRP shuffles its graph the
//     same way). Costs stay 0/1 — a cost perturbation would make every path length distinct and
//     turn the few Dijkstra phases into one per review (see the decision record). Same input and
//     seed → same assignment, whatever the order of the input arrays (they are sorted by id first).
//
// How balance becomes flow capacities (the "gadget"). A set S of jurors whose loads must lie in
// [β−1, β] with a fixed sum Σ is encoded as: juror → sink with capacity β−1 (minus fixed load), juror
// → X_S with capacity 1, X_S → sink with capacity Σ − |S|·(β−1). Every sink-side capacity adds up to
// exactly the number of reviews T, so a flow of value T saturates them all: each juror of S gets at
// least β−1 and at most β, and exactly the prescribed number of them get β. Conversely any
// assignment with such loads is such a flow. So the minimum-cost flow of value T in that network is
// the cheapest assignment among exactly those load vectors. Why those load vectors are the balanced
// ones:
//  - Fast path. Ignoring which entries each juror may take, the most balanced vector with
//    0 ≤ new_j ≤ room_j (room = min(cap − fixed, entries the juror may review)) and Σ new = T is a
//    water level: load_j = clamp(λ, fixed_j, fixed_j + room_j) or one more, with the count of "one
//    more" fixed by Σ — a single gadget. Every real assignment's loads lie in that box, so if the
//    flow reaches T in that network, its loads are decreasingly minimal among all assignments, and
//    the decreasingly minimal assignments are exactly the flows of that network. This is the common
//    case (no cap, a few % conflicts: ⌊T/J⌋ / ⌈T/J⌉).
//  - Otherwise (conflicts or manual assignments get in the way) the levels are peeled from the top
//    with maximum flows: β = the smallest feasible maximum load of the remaining jurors; a max flow
//    at β−1 then raised to β gives the fewest jurors at β; the level set is those jurors plus every
//    juror that could take a review from them without reaching its cap (residual reachability): in
//    every decreasingly minimal assignment that set has loads in [β−1, β] and the same sum (it is a
//    tight set — Frank & Murota's chain), so it becomes a gadget and the rest is solved the same
//    way. Each level costs a few max flows; the last levels are often forced (jurors at their cap).
import { FlowNetwork, maxFlow, minCostFlow, residualReach } from "~/flows/min-cost-flow";
import { seededRandom } from "~/flows/seeded-random";

export type JuryId = string | number;

export const DEFAULT_REVIEWS_PER_ENTRY = 3;
/** Cost of a review whose juror shares no theme with the entry; a shared theme costs 0. */
export const THEME_MISMATCH_COST = 1;

export type AssignmentEntry<E extends JuryId = string> = {
  id: E;
  themes: readonly string[];
  /** How the entry is named in messages (its number or title); defaults to « n° <id> ». */
  label?: string;
};

export type AssignmentJuror<J extends JuryId = string> = {
  id: J;
  /** Themes the juror prefers to review. */
  themes: readonly string[];
  /** Maximum number of reviews, manual ones included; none when absent or null. */
  maxLoad?: number | null;
  /** The juror's name in messages; defaults to the id. */
  label?: string;
};

export type JuryPair<E extends JuryId = string, J extends JuryId = string> = { entryId: E; jurorId: J };

export type AssignmentInput<E extends JuryId = string, J extends JuryId = string> = {
  entries: readonly AssignmentEntry<E>[];
  jurors: readonly AssignmentJuror<J>[];
  /** Pairs that must never be assigned. Pairs naming unknown entries or jurors are ignored. */
  conflicts?: Iterable<JuryPair<E, J>>;
  /** Assignments made by hand: kept as they are, counted in loads and in each entry's k reviews. */
  fixed?: Iterable<JuryPair<E, J>>;
  /** k, the number of distinct jurors per entry (default 3). */
  reviewsPerEntry?: number;
  /** Breaks ties between equally good assignments; record it to reproduce the result. */
  seed: number;
};

export type AssignedPair<E extends JuryId = string, J extends JuryId = string> = JuryPair<E, J> & {
  themeMatch: boolean;
  /** True for a manual assignment given in `fixed`. */
  fixed: boolean;
};

export type JurorLoad<J extends JuryId = string> = { jurorId: J; load: number; fixed: number; maxLoad: number | null };

export type AssignmentProblem<E extends JuryId = string, J extends JuryId = string> =
  | { kind: "fixed-conflict"; entryId: E; jurorId: J; message: string }
  | { kind: "fixed-exceeds-reviews"; entryId: E; fixed: number; required: number; message: string }
  | { kind: "fixed-exceeds-cap"; jurorId: J; fixed: number; maxLoad: number; message: string }
  | { kind: "entry-short"; entryId: E; required: number; available: number; conflicted: number; full: number; message: string }
  | { kind: "capacity-short"; required: number; available: number; message: string }
  | { kind: "group-short"; entryIds: E[]; jurorIds: J[]; required: number; available: number; message: string };

export type AssignmentSolution<E extends JuryId = string, J extends JuryId = string> = {
  ok: true;
  seed: number;
  reviewsPerEntry: number;
  /** Every pair, manual ones included, by entry then juror (in id order). */
  pairs: AssignedPair<E, J>[];
  /** Every juror, in id order. */
  loads: JurorLoad<J>[];
  /** Number of pairs (manual ones included) whose juror and entry share no theme. */
  totalCost: number;
  themeMatches: number;
  balance: { minLoad: number; maxLoad: number };
  /** For the admin, in French: why the loads could not be closer, when they could not. */
  notes: string[];
};

export type AssignmentFailure<E extends JuryId = string, J extends JuryId = string> = {
  ok: false;
  seed: number;
  reviewsPerEntry: number;
  /** Everything that prevents a complete assignment; nothing is assigned. */
  problems: AssignmentProblem<E, J>[];
  /** One French sentence summing up the problems. */
  summary: string;
};

export type AssignmentResult<E extends JuryId = string, J extends JuryId = string> = AssignmentSolution<E, J> | AssignmentFailure<E, J>;

const FREE = 0;
const CONFLICT = 1;
const FIXED = 2;
const FIXED_CONFLICT = 3;
/** In the output only: a pair chosen by the solver. */
const CHOSEN = 4;

const count = new Intl.NumberFormat("fr-FR");
const plural = (n: number, one: string, many: string) => `${count.format(n)} ${n <= 1 ? one : many}`;

function compareIds(a: JuryId, b: JuryId): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number") return -1;
  if (typeof b === "number") return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedUnique<T extends { id: JuryId }>(items: readonly T[], what: string): T[] {
  const sorted = [...items].sort((a, b) => compareIds(a.id, b.id));
  for (let i = 1; i < sorted.length; i++) {
    if (compareIds(sorted[i - 1].id, sorted[i].id) === 0) throw new RangeError(`${what} ${String(sorted[i].id)} is listed twice`);
  }
  return sorted;
}

const clamp = (value: number, low: number, high: number) => (value < low ? low : value > high ? high : value);

/** The problem once indexed: entries and jurors by their position in id order. */
type Model = {
  E: number;
  J: number;
  /** New reviews to assign, Σ need. */
  total: number;
  need: Int32Array;
  fixedLoad: Int32Array;
  /** New reviews juror j can take at most: min(cap − fixed, entries it may still review). */
  room: Int32Array;
  /** Node order, drawn from the seed: entryAt[p] is the entry of node 1 + p. */
  entryAt: Int32Array;
  jurorAt: Int32Array;
  jurorPos: Int32Array;
  /** Candidate pairs, grouped by entry node, each entry's jurors in seeded order. */
  pairEntry: Int32Array;
  pairJuror: Int32Array;
  pairCost: Int32Array;
};

/** Sink-side capacities of one layout: per juror (direct, extra), per gadget node. */
type Plan = { direct: Int32Array; extra: Int32Array; gadget: number[] };

type Layout = {
  net: FlowNetwork;
  source: number;
  sink: number;
  jurorNode: (j: number) => number;
  directArc: (j: number) => number;
  extraArc: (j: number) => number;
  gadgetArc: (g: number) => number;
  pairArc: (p: number) => number;
};

/**
 * Nodes: source, entries, jurors, one gadget node per group (group −1, "current", is the last one),
 * sink. Arcs are laid out so that each juror's sink-side arcs come first in its slot block (the
 * DFS finds the sink at once) and each entry's candidate jurors follow the seeded order.
 */
function layout(model: Model, groupOf: Int32Array, groupCount: number): Layout {
  const { E, J } = model;
  const P = model.pairEntry.length;
  const G = groupCount + 1;
  const source = 0;
  const sink = E + J + G + 1;
  const arcCount = E + 2 * J + G + P;
  const tails = new Int32Array(arcCount);
  const heads = new Int32Array(arcCount);
  const caps = new Int32Array(arcCount);
  const costs = new Int32Array(arcCount);
  const entryNode = new Int32Array(E);
  for (let p = 0; p < E; p++) entryNode[model.entryAt[p]] = 1 + p;
  const jurorNode = (j: number) => 1 + E + model.jurorPos[j];
  const gadgetNode = (g: number) => 1 + E + J + (g < 0 ? groupCount : g);
  let a = 0;
  for (let p = 0; p < E; p++) {
    tails[a] = source;
    heads[a] = 1 + p;
    caps[a++] = model.need[model.entryAt[p]];
  }
  for (let q = 0; q < J; q++) {
    tails[a] = 1 + E + q;
    heads[a++] = sink;
  }
  for (let q = 0; q < J; q++) {
    tails[a] = 1 + E + q;
    heads[a++] = gadgetNode(groupOf[model.jurorAt[q]]);
  }
  for (let g = 0; g < G; g++) {
    tails[a] = 1 + E + J + g;
    heads[a++] = sink;
  }
  for (let p = 0; p < P; p++) {
    tails[a] = entryNode[model.pairEntry[p]];
    heads[a] = jurorNode(model.pairJuror[p]);
    caps[a] = 1;
    costs[a++] = model.pairCost[p];
  }
  const net = new FlowNetwork(sink + 1, tails, heads, caps, costs);
  return {
    net,
    source,
    sink,
    jurorNode,
    directArc: (j) => E + model.jurorPos[j],
    extraArc: (j) => E + J + model.jurorPos[j],
    gadgetArc: (g) => E + 2 * J + (g < 0 ? groupCount : g),
    pairArc: (p) => E + 2 * J + G + p,
  };
}

function applyPlan(lay: Layout, plan: Plan, jurors: Iterable<number>, gadget: number, gadgetCapacity: number) {
  lay.net.resetFlow();
  for (const j of jurors) {
    lay.net.setCapacity(lay.directArc(j), plan.direct[j]);
    lay.net.setCapacity(lay.extraArc(j), plan.extra[j]);
  }
  lay.net.setCapacity(lay.gadgetArc(gadget), gadgetCapacity);
}

/** New reviews juror j may have when its load is at most `level`. */
function upTo(model: Model, j: number, level: number): number {
  return clamp(level - model.fixedLoad[j], 0, model.room[j]);
}

/**
 * The water level of the box 0 ≤ new_j ≤ room_j with Σ new = total over `jurors`: the largest λ
 * with Σ upTo(λ) ≤ total. Null when even full rooms do not reach the total.
 */
function waterLevel(model: Model, jurors: readonly number[], total: number): number | null {
  let low = Infinity;
  let high = -Infinity;
  let sumRoom = 0;
  for (const j of jurors) {
    low = Math.min(low, model.fixedLoad[j]);
    high = Math.max(high, model.fixedLoad[j] + model.room[j]);
    sumRoom += model.room[j];
  }
  if (sumRoom < total) return null;
  if (jurors.length === 0) return 0;
  const fill = (level: number) => {
    let sum = 0;
    for (const j of jurors) sum += upTo(model, j, level);
    return sum;
  };
  // fill(low) = 0 ≤ total; find the largest level with fill ≤ total.
  while (low < high) {
    const mid = Math.floor((low + high + 1) / 2);
    if (fill(mid) <= total) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The single-gadget plan of the box's most balanced vectors (see the header). */
function idealPlan(model: Model, plan: Plan, jurors: readonly number[], total: number): number | null {
  const level = waterLevel(model, jurors, total);
  if (level === null) return null;
  let direct = 0;
  for (const j of jurors) {
    plan.direct[j] = upTo(model, j, level);
    plan.extra[j] = upTo(model, j, level + 1) - plan.direct[j];
    direct += plan.direct[j];
  }
  return total - direct;
}

function extract<E extends JuryId, J extends JuryId>(
  model: Model,
  lay: Layout,
  entries: readonly AssignmentEntry<E>[],
  jurors: readonly AssignmentJuror<J>[],
  status: Uint8Array,
  match: (e: number, j: number) => boolean,
  caps: Float64Array,
  seed: number,
  k: number,
): AssignmentSolution<E, J> {
  const { E, J } = model;
  const chosen = status.slice();
  for (let p = 0; p < model.pairEntry.length; p++) {
    if (lay.net.flow(lay.pairArc(p)) > 0) chosen[model.pairEntry[p] * J + model.pairJuror[p]] = CHOSEN;
  }
  const pairs: AssignedPair<E, J>[] = [];
  const loads = new Int32Array(J);
  let totalCost = 0;
  for (let e = 0; e < E; e++) {
    for (let j = 0; j < J; j++) {
      const s = chosen[e * J + j];
      if (s !== FIXED && s !== CHOSEN) continue;
      const themeMatch = match(e, j);
      if (!themeMatch) totalCost += THEME_MISMATCH_COST;
      loads[j]++;
      pairs.push({ entryId: entries[e].id, jurorId: jurors[j].id, themeMatch, fixed: s === FIXED });
    }
  }
  let minLoad = Infinity;
  let maxLoad = -Infinity;
  for (let j = 0; j < J; j++) {
    minLoad = Math.min(minLoad, loads[j]);
    maxLoad = Math.max(maxLoad, loads[j]);
  }
  if (J === 0) minLoad = maxLoad = 0;
  const notes: string[] = [];
  // Spread among the jurors a cap does not hold back: above one, the constraints forced it.
  let freeMin = Infinity;
  let freeMax = -Infinity;
  for (let j = 0; j < J; j++) {
    if (loads[j] >= caps[j]) continue;
    freeMin = Math.min(freeMin, loads[j]);
    freeMax = Math.max(freeMax, loads[j]);
  }
  if (freeMax - freeMin > 1) {
    notes.push(
      `Les charges vont de ${plural(freeMin, "évaluation", "évaluations")} à ${count.format(freeMax)} (hors membres du jury à leur plafond) : ` +
        "c'est la répartition la plus équilibrée que permettent les conflits d'intérêts, les plafonds et les affectations manuelles.",
    );
  }
  return {
    ok: true,
    seed,
    reviewsPerEntry: k,
    pairs,
    loads: jurors.map((juror, j) => ({
      jurorId: juror.id,
      load: loads[j],
      fixed: model.fixedLoad[j],
      maxLoad: Number.isFinite(caps[j]) ? caps[j] : null,
    })),
    totalCost,
    themeMatches: pairs.length - totalCost / THEME_MISMATCH_COST,
    balance: { minLoad, maxLoad },
    notes,
  };
}

/**
 * Assigns k distinct jurors to every entry (see the header for the objective). Returns the
 * assignment, or — when none exists — every reason why, and no assignment at all.
 * Throws RangeError on malformed input (duplicate ids, a manual pair naming an unknown entry or
 * juror, k or a cap that is not a non-negative integer, a seed that is not a safe integer).
 */
export function assignReviewers<E extends JuryId = string, J extends JuryId = string>(input: AssignmentInput<E, J>): AssignmentResult<E, J> {
  const k = input.reviewsPerEntry ?? DEFAULT_REVIEWS_PER_ENTRY;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`reviewsPerEntry must be a positive integer, got ${k}`);
  const seed = input.seed;
  const random = seededRandom(seed);
  const entries = sortedUnique(input.entries, "entry");
  const jurors = sortedUnique(input.jurors, "juror");
  const E = entries.length;
  const J = jurors.length;
  const entryIndex = new Map<JuryId, number>(entries.map((entry, e) => [entry.id, e]));
  const jurorIndex = new Map<JuryId, number>(jurors.map((juror, j) => [juror.id, j]));
  const caps = new Float64Array(J);
  jurors.forEach((juror, j) => {
    const cap = juror.maxLoad ?? Infinity;
    if (cap !== Infinity && (!Number.isInteger(cap) || cap < 0))
      throw new RangeError(`maxLoad of juror ${String(juror.id)} must be a non-negative integer`);
    caps[j] = cap;
  });

  const status = new Uint8Array(E * J);
  for (const { entryId, jurorId } of input.conflicts ?? []) {
    const e = entryIndex.get(entryId);
    const j = jurorIndex.get(jurorId);
    if (e !== undefined && j !== undefined) status[e * J + j] = CONFLICT;
  }
  const fixedPerEntry = new Int32Array(E);
  const fixedLoad = new Int32Array(J);
  for (const { entryId, jurorId } of input.fixed ?? []) {
    const e = entryIndex.get(entryId);
    const j = jurorIndex.get(jurorId);
    if (e === undefined) throw new RangeError(`manual assignment names an unknown entry ${String(entryId)}`);
    if (j === undefined) throw new RangeError(`manual assignment names an unknown juror ${String(jurorId)}`);
    const s = status[e * J + j];
    if (s === FIXED || s === FIXED_CONFLICT) continue; // the same pair twice
    status[e * J + j] = s === CONFLICT ? FIXED_CONFLICT : FIXED;
    fixedPerEntry[e]++;
    fixedLoad[j]++;
  }

  const entryName = (e: number) => (entries[e].label !== undefined ? `« ${entries[e].label} »` : `n° ${String(entries[e].id)}`);
  const jurorName = (j: number) => jurors[j].label ?? String(jurors[j].id);
  const problems: AssignmentProblem<E, J>[] = [];

  // Manual assignments that cannot stand.
  for (let e = 0; e < E; e++) {
    for (let j = 0; j < J; j++) {
      if (status[e * J + j] !== FIXED_CONFLICT) continue;
      problems.push({
        kind: "fixed-conflict",
        entryId: entries[e].id,
        jurorId: jurors[j].id,
        message: `Entrée ${entryName(e)} : elle est affectée à la main à ${jurorName(j)}, qui est en conflit d'intérêts avec elle ; retirez cette affectation ou levez le conflit.`,
      });
    }
  }
  for (let e = 0; e < E; e++) {
    if (fixedPerEntry[e] <= k) continue;
    problems.push({
      kind: "fixed-exceeds-reviews",
      entryId: entries[e].id,
      fixed: fixedPerEntry[e],
      required: k,
      message: `Entrée ${entryName(e)} : ${plural(fixedPerEntry[e], "affectation manuelle", "affectations manuelles")} pour ${plural(k, "évaluation prévue", "évaluations prévues")} ; retirez-en ${count.format(fixedPerEntry[e] - k)}.`,
    });
  }
  for (let j = 0; j < J; j++) {
    if (fixedLoad[j] <= caps[j]) continue;
    problems.push({
      kind: "fixed-exceeds-cap",
      jurorId: jurors[j].id,
      fixed: fixedLoad[j],
      maxLoad: caps[j],
      message: `${jurorName(j)} a ${plural(fixedLoad[j], "affectation manuelle", "affectations manuelles")}, au-delà de son plafond de ${count.format(caps[j])} ; relevez le plafond ou retirez des affectations.`,
    });
  }

  // Each entry alone: enough jurors without conflict and with room left?
  const need = new Int32Array(E);
  const free = new Int32Array(E);
  let total = 0;
  for (let e = 0; e < E; e++) {
    need[e] = Math.max(0, k - fixedPerEntry[e]);
    total += need[e];
    let available = 0;
    let conflicted = 0;
    let full = 0;
    for (let j = 0; j < J; j++) {
      const s = status[e * J + j];
      if (s === CONFLICT || s === FIXED_CONFLICT) conflicted++;
      else if (s === FREE) {
        if (caps[j] - fixedLoad[j] > 0) available++;
        else full++;
      }
    }
    free[e] = available;
    if (available >= need[e]) continue;
    const fixedPart = fixedPerEntry[e] > 0 ? `${plural(fixedPerEntry[e], "évaluation déjà affectée", "évaluations déjà affectées")} à la main, ` : "";
    const requiredPart = fixedPerEntry[e] > 0 ? `${count.format(need[e])} à ajouter` : plural(need[e], "évaluation requise", "évaluations requises");
    const availablePart =
      available === 0
        ? "aucun membre du jury disponible sans conflit"
        : `seulement ${plural(available, "membre du jury disponible", "membres du jury disponibles")} sans conflit`;
    const why = [
      conflicted > 0 ? `${count.format(conflicted)} en conflit sur ${count.format(J)}` : null,
      full > 0 ? `${plural(full, "autre déjà à son plafond", "autres déjà à leur plafond")}` : null,
    ].filter((part) => part !== null);
    problems.push({
      kind: "entry-short",
      entryId: entries[e].id,
      required: need[e],
      available,
      conflicted,
      full,
      message: `Entrée ${entryName(e)} : ${fixedPart}${availablePart}${why.length > 0 ? ` (${why.join(", ")})` : ""}, ${requiredPart}.`,
    });
  }

  // All the caps together.
  let capTotal = 0;
  for (let j = 0; j < J; j++) capTotal += caps[j];
  if (capTotal < E * k && E > 0) {
    problems.push({
      kind: "capacity-short",
      required: E * k,
      available: capTotal,
      message:
        J === 0
          ? `${plural(E * k, "évaluation nécessaire", "évaluations nécessaires")}, mais aucun membre du jury n'est désigné.`
          : `${plural(E * k, "évaluation nécessaire", "évaluations nécessaires")}, mais les plafonds des membres du jury n'en permettent que ${count.format(capTotal)}.`,
    });
  }
  const fail = (list: AssignmentProblem<E, J>[]): AssignmentFailure<E, J> => ({
    ok: false,
    seed,
    reviewsPerEntry: k,
    problems: list,
    summary:
      list.length === 1
        ? `L'affectation automatique est impossible : ${list[0].message}`
        : `L'affectation automatique est impossible (${count.format(list.length)} problèmes) ; corrigez-les puis relancez-la.`,
  });
  if (problems.length > 0) return fail(problems);

  // Themes as bit sets.
  const themeBit = new Map<string, number>();
  for (const item of [...entries, ...jurors]) for (const theme of item.themes) if (!themeBit.has(theme)) themeBit.set(theme, themeBit.size);
  const words = Math.max(1, Math.ceil(themeBit.size / 32));
  const bits = (themes: readonly string[]) => {
    const set = new Uint32Array(words);
    for (const theme of themes) {
      const bit = themeBit.get(theme)!;
      set[bit >>> 5] |= 1 << (bit & 31);
    }
    return set;
  };
  const entryThemes = entries.map((entry) => bits(entry.themes));
  const jurorThemes = jurors.map((juror) => bits(juror.themes));
  const match = (e: number, j: number) => {
    const a = entryThemes[e];
    const b = jurorThemes[j];
    for (let w = 0; w < words; w++) if ((a[w] & b[w]) !== 0) return true;
    return false;
  };

  // Seeded node order, candidate pairs and room.
  const entryAt = new Int32Array(E);
  for (let e = 0; e < E; e++) entryAt[e] = e;
  random.shuffle(entryAt);
  const jurorAt = new Int32Array(J);
  for (let j = 0; j < J; j++) jurorAt[j] = j;
  random.shuffle(jurorAt);
  const jurorPos = new Int32Array(J);
  for (let q = 0; q < J; q++) jurorPos[jurorAt[q]] = q;
  let pairCount = 0;
  const degree = new Int32Array(J);
  const open = (j: number) => caps[j] - fixedLoad[j] > 0;
  for (let e = 0; e < E; e++) {
    if (need[e] === 0) continue;
    for (let j = 0; j < J; j++) {
      if (status[e * J + j] === FREE && open(j)) {
        pairCount++;
        degree[j]++;
      }
    }
  }
  const pairEntry = new Int32Array(pairCount);
  const pairJuror = new Int32Array(pairCount);
  const pairCost = new Int32Array(pairCount);
  let p = 0;
  for (let position = 0; position < E; position++) {
    const e = entryAt[position];
    if (need[e] === 0) continue;
    const from = p;
    for (let q = 0; q < J; q++) {
      const j = jurorAt[q];
      if (status[e * J + j] === FREE && open(j)) pairJuror[p++] = j;
    }
    random.shuffle(pairJuror, from, p);
    for (let i = from; i < p; i++) {
      pairEntry[i] = e;
      pairCost[i] = match(e, pairJuror[i]) ? 0 : THEME_MISMATCH_COST;
    }
  }
  const room = new Int32Array(J);
  for (let j = 0; j < J; j++) room[j] = Math.min(caps[j] - fixedLoad[j], degree[j]);
  const model: Model = { E, J, total, need, fixedLoad, room, entryAt, jurorAt, jurorPos, pairEntry, pairJuror, pairCost };
  const allJurors = Array.from({ length: J }, (_, j) => j);
  const plan: Plan = { direct: new Int32Array(J), extra: new Int32Array(J), gadget: [] };

  // Fast path: the box's most balanced loads, one gadget, one min-cost flow.
  const groupOf = new Int32Array(J).fill(-1);
  let lay = layout(model, groupOf, 0);
  const gadget = idealPlan(model, plan, allJurors, total);
  if (gadget !== null) {
    applyPlan(lay, plan, allJurors, -1, gadget);
    if (minCostFlow(lay.net, lay.source, lay.sink).flow === total) {
      return extract(model, lay, entries, jurors, status, match, caps, seed, k);
    }
  }

  // Is there any complete assignment? If not, the minimum cut names the entries that starve.
  applyPlan(lay, { direct: room, extra: new Int32Array(J), gadget: [] }, allJurors, -1, 0);
  if (maxFlow(lay.net, lay.source, lay.sink) < total) {
    return fail([starvingGroup(model, lay, entries, jurors, entryName, jurorName)]);
  }

  // Peel the balance levels from the top, then one min-cost flow over all the gadgets.
  let active = allJurors;
  let activeTotal = total;
  let first = true;
  while (active.length > 0) {
    const groupCount = plan.gadget.length;
    if (!first) {
      lay = layout(model, groupOf, groupCount);
      for (let g = 0; g < groupCount; g++) lay.net.setCapacity(lay.gadgetArc(g), plan.gadget[g]);
      const settled = allJurors.filter((j) => groupOf[j] >= 0);
      for (const j of settled) {
        lay.net.setCapacity(lay.directArc(j), plan.direct[j]);
        lay.net.setCapacity(lay.extraArc(j), plan.extra[j]);
      }
      const rest = idealPlan(model, plan, active, activeTotal);
      if (rest !== null) {
        applyPlan(lay, plan, active, -1, rest);
        if (maxFlow(lay.net, lay.source, lay.sink) === total) {
          for (const j of active) groupOf[j] = groupCount;
          plan.gadget.push(rest);
          break;
        }
      }
    }
    first = false;
    const level = peelLevel(model, lay, plan, active, activeTotal);
    for (const j of level.members) groupOf[j] = groupCount;
    plan.gadget.push(level.gadget);
    activeTotal -= level.sum;
    const inLevel = new Set(level.members);
    active = active.filter((j) => !inLevel.has(j));
    // Every remaining juror at its room: their loads are forced (their sum is at its maximum).
    if (active.length > 0 && active.every((j) => lay.net.flow(lay.directArc(j)) === model.room[j])) {
      const forced = plan.gadget.length;
      for (const j of active) {
        groupOf[j] = forced;
        plan.direct[j] = model.room[j];
        plan.extra[j] = 0;
      }
      plan.gadget.push(0);
      break;
    }
  }
  lay = layout(model, groupOf, plan.gadget.length);
  lay.net.setCapacity(lay.gadgetArc(-1), 0);
  for (let g = 0; g < plan.gadget.length; g++) lay.net.setCapacity(lay.gadgetArc(g), plan.gadget[g]);
  for (const j of allJurors) {
    lay.net.setCapacity(lay.directArc(j), plan.direct[j]);
    lay.net.setCapacity(lay.extraArc(j), plan.extra[j]);
  }
  const final = minCostFlow(lay.net, lay.source, lay.sink);
  if (final.flow !== total) throw new Error(`assignment: the balanced network carries ${final.flow} of ${total} reviews`);
  return extract(model, lay, entries, jurors, status, match, caps, seed, k);
}

/**
 * One balance level among the active jurors (the settled ones keep their gadgets): the smallest
 * feasible maximum β, the fewest jurors at β, and the tight set around them. Fills plan.direct and
 * plan.extra for the members; returns them, their gadget capacity and their sum of new reviews.
 */
function peelLevel(model: Model, lay: Layout, plan: Plan, active: readonly number[], activeTotal: number) {
  const { net, source, sink } = lay;
  let beta = waterLevel(model, active, activeTotal)!;
  // waterLevel is the largest level not exceeding the total; the smallest reaching it may be one more.
  let reach = 0;
  for (const j of active) reach += upTo(model, j, beta);
  if (reach < activeTotal) beta++;
  for (const j of active) beta = Math.max(beta, model.fixedLoad[j]);
  net.resetFlow();
  for (const j of active) {
    net.setCapacity(lay.directArc(j), upTo(model, j, beta - 1));
    net.setCapacity(lay.extraArc(j), 0);
  }
  net.setCapacity(lay.gadgetArc(-1), 0);
  let flow = maxFlow(net, source, sink);
  let ceiling = 0;
  for (const j of active) ceiling = Math.max(ceiling, model.fixedLoad[j] + model.room[j]);
  for (;;) {
    for (const j of active) net.setCapacity(lay.directArc(j), upTo(model, j, beta));
    flow += maxFlow(net, source, sink);
    if (flow === model.total) break;
    if (beta >= ceiling) throw new Error("assignment: no feasible maximum load, although a complete assignment exists");
    beta++;
  }
  const load = (j: number) => model.fixedLoad[j] + net.flow(lay.directArc(j));
  const top = active.filter((j) => load(j) === beta);
  const givers = top.filter((j) => net.flow(lay.directArc(j)) > 0).map(lay.jurorNode);
  const barrier = new Uint8Array(net.nodeCount);
  barrier[source] = 1;
  barrier[sink] = 1;
  const reached = residualReach(net, givers, barrier);
  const members = active.filter((j) => load(j) === beta || (reached[lay.jurorNode(j)] === 1 && net.residual[net.arcSlot[lay.directArc(j)]] > 0));
  let sum = 0;
  let direct = 0;
  for (const j of members) {
    if (load(j) < beta - 1) throw new Error(`assignment: juror ${j} in level ${beta} has load ${load(j)}`);
    plan.direct[j] = upTo(model, j, beta - 1);
    plan.extra[j] = upTo(model, j, beta) - plan.direct[j];
    sum += net.flow(lay.directArc(j));
    direct += plan.direct[j];
  }
  return { members, gadget: sum - direct, sum };
}

/** From a maximum flow short of the total: the entries on the source side of the minimum cut. */
function starvingGroup<E extends JuryId, J extends JuryId>(
  model: Model,
  lay: Layout,
  entries: readonly AssignmentEntry<E>[],
  jurors: readonly AssignmentJuror<J>[],
  entryName: (e: number) => string,
  jurorName: (j: number) => string,
): AssignmentProblem<E, J> {
  const reached = residualReach(lay.net, [lay.source]);
  const inGroup = new Uint8Array(model.E);
  for (let position = 0; position < model.E; position++) if (reached[1 + position]) inGroup[model.entryAt[position]] = 1;
  const degreeIn = new Int32Array(model.J);
  for (let p = 0; p < model.pairEntry.length; p++) if (inGroup[model.pairEntry[p]]) degreeIn[model.pairJuror[p]]++;
  let required = 0;
  const group: number[] = [];
  for (let e = 0; e < model.E; e++) {
    if (!inGroup[e] || model.need[e] === 0) continue;
    group.push(e);
    required += model.need[e];
  }
  let available = 0;
  const compatible: number[] = [];
  const limited: number[] = [];
  for (let j = 0; j < model.J; j++) {
    if (degreeIn[j] === 0) continue;
    compatible.push(j);
    available += Math.min(model.room[j], degreeIn[j]);
    if (model.room[j] < degreeIn[j]) limited.push(j);
  }
  const names = (list: number[], name: (i: number) => string, max = 10) =>
    list.length <= max ? list.map(name).join(", ") : `${list.slice(0, max).map(name).join(", ")} et ${count.format(list.length - max)} autres`;
  return {
    kind: "group-short",
    entryIds: group.map((e) => entries[e].id),
    jurorIds: compatible.map((j) => jurors[j].id),
    required,
    available,
    message:
      `Les entrées ${names(group, entryName)} (${plural(group.length, "entrée", "entrées")}) demandent ensemble ${plural(required, "évaluation", "évaluations")}, ` +
      `mais les ${plural(compatible.length, "membre du jury", "membres du jury")} sans conflit avec elles ne peuvent en assurer que ${count.format(available)}` +
      (limited.length > 0 ? ` (plafond atteint : ${names(limited, jurorName)})` : "") +
      " ; levez des conflits, relevez des plafonds ou ajoutez des membres du jury.",
  };
}
