import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import {
  assignReviewers,
  type AssignmentInput,
  type AssignmentProblem,
  type AssignmentResult,
  type AssignmentSolution,
} from "~/jury/assignment-solver";
import { seededRandom } from "~/flows/seeded-random";

type Input = AssignmentInput<string, string>;
const THEMES = ["réseaux sociaux", "santé en ligne", "démarches administratives"];
const key = (entryId: string, jurorId: string) => `${entryId}|${jurorId}`;

/** A random instance from a few parameters, so that fast-check shrinks the parameters. */
type Shape = {
  entries: number;
  jurors: number;
  k: number;
  /** Per mille of juror×entry pairs in conflict / assigned by hand. */
  conflicts: number;
  fixed: number;
  /** Per mille of jurors with a cap, drawn in [0, maxCap]. */
  capped: number;
  maxCap: number;
  /** Jurors without conflict on only a few entries (the first `window`): they crowd each other. */
  restricted: number;
  window: number;
  /** Instead: each juror may review only a prefix of the entries, of its own random length. */
  nested: boolean;
  build: number;
  seed: number;
};

function instance(shape: Shape): Input {
  const random = seededRandom(shape.build);
  const themes = () => THEMES.filter(() => random.below(2) === 1);
  const entries = Array.from({ length: shape.entries }, (_, e) => ({ id: `e${e}`, themes: themes() }));
  const jurors = Array.from({ length: shape.jurors }, (_, j) => ({
    id: `j${j}`,
    themes: themes(),
    maxLoad: random.below(1000) < shape.capped ? random.below(shape.maxCap + 1) : null,
  }));
  const conflicts: { entryId: string; jurorId: string }[] = [];
  const fixed: { entryId: string; jurorId: string }[] = [];
  const prefix = jurors.map((_, j) => (shape.nested ? 1 + random.below(Math.max(1, shape.entries)) : j < shape.restricted ? shape.window : Infinity));
  for (const [e, entry] of entries.entries()) {
    for (const [j, juror] of jurors.entries()) {
      if (e >= prefix[j] || random.below(1000) < shape.conflicts) conflicts.push({ entryId: entry.id, jurorId: juror.id });
      else if (random.below(1000) < shape.fixed) fixed.push({ entryId: entry.id, jurorId: juror.id });
    }
  }
  return { entries, jurors, conflicts, fixed, reviewsPerEntry: shape.k, seed: shape.seed };
}

const shapeArb = (
  limits: { entries: number; jurors: number; k: number; atLeast?: { entries: number; jurors: number } },
  rates: { conflicts: number; fixed: number; capped: number; restricted?: [number, number]; window?: [number, number]; nested?: boolean },
) =>
  fc.record({
    entries: fc.integer({ min: limits.atLeast?.entries ?? 0, max: limits.entries }),
    jurors: fc.integer({ min: limits.atLeast?.jurors ?? 1, max: limits.jurors }),
    k: fc.integer({ min: 1, max: limits.k }),
    conflicts: fc.integer({ min: 0, max: rates.conflicts }),
    fixed: fc.integer({ min: 0, max: rates.fixed }),
    capped: fc.integer({ min: 0, max: rates.capped }),
    maxCap: fc.integer({ min: 0, max: 12 }),
    restricted: fc.integer({ min: rates.restricted?.[0] ?? 0, max: rates.restricted?.[1] ?? 0 }),
    window: fc.integer({ min: rates.window?.[0] ?? 0, max: rates.window?.[1] ?? 4 }),
    nested: rates.nested ? fc.boolean() : fc.constant(false),
    build: fc.integer(),
    seed: fc.integer(),
  });

const themeMatch = (input: Input, entryId: string, jurorId: string) => {
  const entry = input.entries.find((candidate) => candidate.id === entryId)!;
  const juror = input.jurors.find((candidate) => candidate.id === jurorId)!;
  return entry.themes.some((theme) => juror.themes.includes(theme));
};

/** The rules every assignment must follow, checked from the input alone. */
function expectValid(input: Input, result: AssignmentSolution<string, string>) {
  const k = input.reviewsPerEntry ?? 3;
  const conflicts = new Set([...(input.conflicts ?? [])].map((pair) => key(pair.entryId, pair.jurorId)));
  const perEntry = new Map<string, string[]>(input.entries.map((entry) => [entry.id, []]));
  const load = new Map<string, number>(input.jurors.map((juror) => [juror.id, 0]));
  let cost = 0;
  for (const pair of result.pairs) {
    perEntry.get(pair.entryId)!.push(pair.jurorId);
    load.set(pair.jurorId, load.get(pair.jurorId)! + 1);
    expect(conflicts.has(key(pair.entryId, pair.jurorId))).toBe(false);
    expect(pair.themeMatch).toBe(themeMatch(input, pair.entryId, pair.jurorId));
    if (!pair.themeMatch) cost++;
  }
  for (const [, jurors] of perEntry) {
    expect(jurors).toHaveLength(k);
    expect(new Set(jurors).size).toBe(k);
  }
  const assigned = new Set(result.pairs.map((pair) => key(pair.entryId, pair.jurorId)));
  const fixedKeys = new Set([...(input.fixed ?? [])].map((pair) => key(pair.entryId, pair.jurorId)));
  for (const pair of fixedKeys) expect(assigned.has(pair)).toBe(true);
  for (const pair of result.pairs) expect(pair.fixed).toBe(fixedKeys.has(key(pair.entryId, pair.jurorId)));
  for (const juror of input.jurors) {
    expect(load.get(juror.id)).toBeLessThanOrEqual(juror.maxLoad ?? Infinity);
    expect(result.loads.find((row) => row.jurorId === juror.id)?.load).toBe(load.get(juror.id));
  }
  expect(result.totalCost).toBe(cost);
  expect(result.themeMatches).toBe(result.pairs.length - cost);
  expect(result.seed).toBe(input.seed);
}

const sortedLoads = (result: AssignmentSolution<string, string>) => result.loads.map((row) => row.load).sort((a, b) => b - a);

/** Lexicographic comparison of two load vectors sorted in decreasing order. */
function compareVectors(a: number[], b: number[]) {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/**
 * Every complete assignment of a small instance: for each entry, every set of k jurors containing
 * its manual ones and none in conflict; keeps those within the caps whose sorted loads are the
 * smallest (decreasingly minimal: the most balanced), and among them the smallest theme cost.
 */
function bruteForce(input: Input): { loads: number[]; cost: number } | null {
  const k = input.reviewsPerEntry ?? 3;
  const J = input.jurors.length;
  const conflicts = new Set([...(input.conflicts ?? [])].map((pair) => key(pair.entryId, pair.jurorId)));
  const fixed = new Set([...(input.fixed ?? [])].map((pair) => key(pair.entryId, pair.jurorId)));
  const options = input.entries.map((entry) => {
    const choices: { jurors: number[]; cost: number }[] = [];
    for (let mask = 0; mask < 1 << J; mask++) {
      const jurors = input.jurors.map((_, j) => j).filter((j) => mask & (1 << j));
      if (jurors.length !== k) continue;
      if (jurors.some((j) => conflicts.has(key(entry.id, input.jurors[j].id)))) continue;
      if (input.jurors.some((juror, j) => fixed.has(key(entry.id, juror.id)) && !(mask & (1 << j)))) continue;
      choices.push({ jurors, cost: jurors.filter((j) => !themeMatch(input, entry.id, input.jurors[j].id)).length });
    }
    return choices;
  });
  let best: { loads: number[]; cost: number } | null = null;
  const loads = new Array<number>(J).fill(0);
  const visit = (e: number, cost: number) => {
    if (e === options.length) {
      if (input.jurors.some((juror, j) => loads[j] > (juror.maxLoad ?? Infinity))) return;
      const sorted = [...loads].sort((a, b) => b - a);
      const order = best ? compareVectors(sorted, best.loads) : -1;
      if (order < 0 || (order === 0 && cost < best!.cost)) best = { loads: sorted, cost };
      return;
    }
    for (const choice of options[e]) {
      for (const j of choice.jurors) loads[j]++;
      visit(e + 1, cost + choice.cost);
      for (const j of choice.jurors) loads[j]--;
    }
  };
  visit(0, 0);
  return best;
}

/**
 * Decreasing minimality certificate (Frank & Murota): no juror a can pass one of its new reviews,
 * through a chain of jurors each passing one on, to a juror b with load ≤ load(a) − 2 below its cap.
 */
function improvingExchange(input: Input, result: AssignmentSolution<string, string>): string | null {
  const conflicts = new Set([...(input.conflicts ?? [])].map((pair) => key(pair.entryId, pair.jurorId)));
  const assigned = new Set(result.pairs.map((pair) => key(pair.entryId, pair.jurorId)));
  const movable = new Map<string, string[]>(input.jurors.map((juror) => [juror.id, []]));
  for (const pair of result.pairs) if (!pair.fixed) movable.get(pair.jurorId)!.push(pair.entryId);
  const load = new Map(result.loads.map((row) => [row.jurorId, row.load]));
  for (const giver of input.jurors) {
    const seen = new Set([giver.id]);
    const queue = [giver.id];
    while (queue.length > 0) {
      const current = queue.shift()!;
      for (const entryId of movable.get(current)!) {
        for (const other of input.jurors) {
          if (seen.has(other.id) || assigned.has(key(entryId, other.id)) || conflicts.has(key(entryId, other.id))) continue;
          seen.add(other.id);
          queue.push(other.id);
          if (load.get(other.id)! <= load.get(giver.id)! - 2 && load.get(other.id)! < (other.maxLoad ?? Infinity)) {
            return `${giver.id} (${load.get(giver.id)}) could pass a review to ${other.id} (${load.get(other.id)})`;
          }
        }
      }
    }
  }
  return null;
}

/** Each reported problem must be true of the input, and prove that no assignment exists. */
function expectProblemsHold(input: Input, problems: AssignmentProblem<string, string>[]) {
  const k = input.reviewsPerEntry ?? 3;
  const conflicts = new Set([...(input.conflicts ?? [])].map((pair) => key(pair.entryId, pair.jurorId)));
  const fixed = [...new Set([...(input.fixed ?? [])].map((pair) => key(pair.entryId, pair.jurorId)))].map((pair) => pair.split("|"));
  const fixedOf = (entryId: string) => fixed.filter(([e]) => e === entryId).length;
  const loadOf = (jurorId: string) => fixed.filter(([, j]) => j === jurorId).length;
  const cap = (jurorId: string) => input.jurors.find((juror) => juror.id === jurorId)!.maxLoad ?? Infinity;
  const room = (jurorId: string) => cap(jurorId) - loadOf(jurorId);
  const free = (entryId: string, jurorId: string) => !conflicts.has(key(entryId, jurorId)) && !fixed.some(([e, j]) => e === entryId && j === jurorId);
  expect(problems.length).toBeGreaterThan(0);
  for (const problem of problems) {
    expect(problem.message).toMatch(/\S/);
    switch (problem.kind) {
      case "fixed-conflict":
        expect(conflicts.has(key(problem.entryId, problem.jurorId))).toBe(true);
        expect(fixed.some(([e, j]) => e === problem.entryId && j === problem.jurorId)).toBe(true);
        break;
      case "fixed-exceeds-reviews":
        expect(fixedOf(problem.entryId)).toBeGreaterThan(k);
        break;
      case "fixed-exceeds-cap":
        expect(loadOf(problem.jurorId)).toBeGreaterThan(cap(problem.jurorId));
        break;
      case "entry-short": {
        const available = input.jurors.filter((juror) => free(problem.entryId, juror.id) && room(juror.id) > 0).length;
        expect(problem.available).toBe(available);
        expect(problem.required).toBe(k - fixedOf(problem.entryId));
        expect(available).toBeLessThan(problem.required);
        break;
      }
      case "capacity-short": {
        const capacity = input.jurors.reduce((sum, juror) => sum + cap(juror.id), 0);
        expect(problem.available).toBe(capacity);
        expect(capacity).toBeLessThan(input.entries.length * k);
        break;
      }
      case "group-short": {
        // Hall's condition fails on the group: its reviews exceed Σ min(room, entries of the group it may take).
        const required = problem.entryIds.reduce((sum, entryId) => sum + k - fixedOf(entryId), 0);
        const available = input.jurors.reduce((sum, juror) => {
          const degree = problem.entryIds.filter((entryId) => free(entryId, juror.id)).length;
          return sum + Math.min(Math.max(room(juror.id), 0), degree);
        }, 0);
        expect(problem.required).toBe(required);
        expect(problem.available).toBe(available);
        expect(available).toBeLessThan(required);
        break;
      }
    }
  }
}

describe("reviewer assignment against brute force on small instances", () => {
  test.prop([shapeArb({ entries: 5, jurors: 4, k: 2 }, { conflicts: 300, fixed: 150, capped: 500, restricted: [0, 3] })], { numRuns: 400 })(
    "feasible exactly when some assignment exists; then the most balanced loads and the least theme cost",
    (shape) => {
      const input = instance(shape);
      const result = assignReviewers(input);
      const best = bruteForce(input);
      if (best === null) {
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expectProblemsHold(input, result.problems);
          expect(result).not.toHaveProperty("pairs");
        }
        return;
      }
      expect(result.ok, result.ok ? "" : result.summary).toBe(true);
      if (!result.ok) return;
      expectValid(input, result);
      expect(sortedLoads(result)).toEqual(best.loads);
      expect(result.totalCost).toBe(best.cost);
    },
  );

  test.prop(
    [
      shapeArb(
        { entries: 5, jurors: 4, k: 2, atLeast: { entries: 4, jurors: 3 } },
        { conflicts: 100, fixed: 100, capped: 200, restricted: [2, 3], window: [1, 2] },
      ),
    ],
    {
      numRuns: 1500,
    },
  )("the same when some jurors may review only a few entries (loads cannot all be within one)", (shape) => {
    const input = instance(shape);
    const result = assignReviewers(input);
    const best = bruteForce(input);
    expect(result.ok).toBe(best !== null);
    if (!result.ok || best === null) return;
    expectValid(input, result);
    expect(sortedLoads(result)).toEqual(best.loads);
    expect(result.totalCost).toBe(best.cost);
  });

  test.prop([shapeArb({ entries: 5, jurors: 4, k: 2 }, { conflicts: 0, fixed: 0, capped: 0 })])(
    "without conflicts, caps or manual assignments, every load is ⌊total/J⌋ or ⌈total/J⌉",
    (shape) => {
      const input = instance(shape);
      const result = assignReviewers(input);
      if (shape.k > shape.jurors && shape.entries > 0) {
        expect(result.ok).toBe(false);
        return;
      }
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const total = shape.entries * shape.k;
      for (const row of result.loads) expect([Math.floor(total / shape.jurors), Math.ceil(total / shape.jurors)]).toContain(row.load);
      expect(result.totalCost).toBe(bruteForce(input)!.cost);
    },
  );
});

describe("reviewer assignment on larger random instances", () => {
  test.prop(
    [shapeArb({ entries: 40, jurors: 10, k: 4 }, { conflicts: 300, fixed: 60, capped: 300, restricted: [0, 6], window: [0, 8], nested: true })],
    { numRuns: 300 },
  )("valid, decreasingly minimal loads, and the same optimal cost whatever the seed; or infeasible with true reasons", (shape) => {
    const input = instance(shape);
    const result = assignReviewers(input);
    if (!result.ok) {
      expectProblemsHold(input, result.problems);
      return;
    }
    expectValid(input, result);
    expect(improvingExchange(input, result)).toBeNull();
    const other = assignReviewers({ ...input, seed: input.seed + 1 });
    expect(other.ok && other.totalCost).toBe(result.totalCost);
    expect(other.ok && sortedLoads(other)).toEqual(sortedLoads(result));
  });

  test.prop([shapeArb({ entries: 60, jurors: 12, k: 3 }, { conflicts: 20, fixed: 0, capped: 0, restricted: [0, 4], window: [0, 10] })], {
    numRuns: 100,
  })("with a few conflicts and no cap, loads within one whenever any assignment exists", (shape) => {
    const input = instance(shape);
    const result = assignReviewers(input);
    if (!result.ok) {
      expectProblemsHold(input, result.problems);
      return;
    }
    expectValid(input, result);
    // Within one unless the conflicts forbid it, and then the admin is told.
    if (result.balance.maxLoad - result.balance.minLoad > 1) expect(result.notes).toHaveLength(1);
    else expect(result.notes).toEqual([]);
    expect(improvingExchange(input, result)).toBeNull();
  });

  test.prop([shapeArb({ entries: 30, jurors: 8, k: 3 }, { conflicts: 200, fixed: 50, capped: 300, restricted: [0, 3] })])(
    "the same input and seed give the same assignment, whatever the order of the lists",
    (shape) => {
      const input = instance(shape);
      const random = seededRandom(shape.build + 1);
      const shuffled = <T>(items: readonly T[]) => {
        const order = Array.from(items, (_, i) => i);
        random.shuffle(order);
        return order.map((i) => items[i]);
      };
      const again = assignReviewers(input);
      const reordered = assignReviewers({
        ...input,
        entries: shuffled(input.entries),
        jurors: shuffled(input.jurors),
        conflicts: shuffled([...(input.conflicts ?? [])]),
        fixed: shuffled([...(input.fixed ?? [])]),
      });
      expect(again).toEqual(assignReviewers(input));
      expect(reordered).toEqual(again);
    },
  );
});

describe("ties are broken by the seed", () => {
  const symmetric = (seed: number): Input => ({
    entries: Array.from({ length: 8 }, (_, e) => ({ id: `e${e}`, themes: [] })),
    jurors: Array.from({ length: 8 }, (_, j) => ({ id: `j${j}`, themes: [] })),
    reviewsPerEntry: 2,
    seed,
  });
  const pairsOf = (result: AssignmentResult) => (result.ok ? result.pairs.map((pair) => key(pair.entryId, pair.jurorId)).join(" ") : "");

  test("different seeds give different assignments of equal cost; each seed is recorded", () => {
    const results = Array.from({ length: 12 }, (_, seed) => assignReviewers(symmetric(seed)));
    expect(new Set(results.map(pairsOf)).size).toBeGreaterThan(1);
    results.forEach((result, seed) => {
      expect(result.seed).toBe(seed);
      expect(result.ok && result.totalCost).toBe(16);
    });
  });

  test("seeds beyond 32 bits and negative seeds are accepted and reproducible", () => {
    for (const seed of [2 ** 40 + 3, -17, Number.MAX_SAFE_INTEGER]) {
      expect(pairsOf(assignReviewers(symmetric(seed)))).toBe(pairsOf(assignReviewers(symmetric(seed))));
    }
    expect(() => assignReviewers(symmetric(1.5))).toThrow(RangeError);
  });
});

describe("preferred themes", () => {
  test("a juror gets the entries of its themes when the balance allows it", () => {
    const result = assignReviewers({
      entries: [
        { id: "santé-1", themes: ["santé en ligne"] },
        { id: "santé-2", themes: ["santé en ligne"] },
        { id: "réseaux-1", themes: ["réseaux sociaux"] },
        { id: "réseaux-2", themes: ["réseaux sociaux"] },
      ],
      jurors: [
        { id: "médecin", themes: ["santé en ligne"] },
        { id: "animatrice", themes: ["réseaux sociaux"] },
      ],
      reviewsPerEntry: 1,
      seed: 7,
    });
    expect(result.ok && result.pairs.map((pair) => [pair.entryId, pair.jurorId])).toEqual([
      ["réseaux-1", "animatrice"],
      ["réseaux-2", "animatrice"],
      ["santé-1", "médecin"],
      ["santé-2", "médecin"],
    ]);
    expect(result.ok && result.totalCost).toBe(0);
  });

  test("balance comes first: a popular theme's expert does not take more than its share", () => {
    const result = assignReviewers({
      entries: Array.from({ length: 6 }, (_, e) => ({ id: `e${e}`, themes: ["santé en ligne"] })),
      jurors: [
        { id: "médecin", themes: ["santé en ligne"] },
        { id: "juriste", themes: ["démarches administratives"] },
      ],
      reviewsPerEntry: 1,
      seed: 1,
    });
    expect(result.ok && result.loads.map((row) => row.load)).toEqual([3, 3]);
    expect(result.ok && result.totalCost).toBe(3);
  });
});

describe("manual assignments and caps", () => {
  test("manual pairs are kept and counted in each entry's reviews and each juror's load", () => {
    const result = assignReviewers({
      entries: Array.from({ length: 4 }, (_, e) => ({ id: `e${e}`, themes: [] })),
      jurors: Array.from({ length: 4 }, (_, j) => ({ id: `j${j}`, themes: [] })),
      fixed: [
        { entryId: "e0", jurorId: "j0" },
        { entryId: "e1", jurorId: "j0" },
        { entryId: "e1", jurorId: "j0" }, // the same pair twice counts once
      ],
      reviewsPerEntry: 2,
      seed: 3,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.pairs.filter((pair) => pair.fixed).map((pair) => key(pair.entryId, pair.jurorId))).toEqual(["e0|j0", "e1|j0"]);
    expect(result.loads.map((row) => row.load)).toEqual([2, 2, 2, 2]);
    expect(result.loads[0]).toMatchObject({ jurorId: "j0", fixed: 2 });
  });

  test("capped jurors stay at or below their cap; the others share the rest within one", () => {
    const result = assignReviewers({
      entries: Array.from({ length: 20 }, (_, e) => ({ id: `e${String(e).padStart(2, "0")}`, themes: [] })),
      jurors: [
        { id: "a", themes: [], maxLoad: 2 },
        { id: "b", themes: [], maxLoad: 5 },
        { id: "c", themes: [] },
        { id: "d", themes: [] },
        { id: "e", themes: [] },
      ],
      reviewsPerEntry: 2,
      seed: 11,
    });
    // 40 reviews: a 2, b 5, and 33 over c, d, e → 11 each.
    expect(result.ok && result.loads.map((row) => row.load)).toEqual([2, 5, 11, 11, 11]);
    expect(result.ok && result.notes).toEqual([]);
  });
});

describe("infeasible instances are explained, and nothing is assigned", () => {
  const jurors = (n: number) => Array.from({ length: n }, (_, j) => ({ id: `j${j}`, themes: [] }));
  const entries = (n: number) => Array.from({ length: n }, (_, e) => ({ id: e + 1, themes: [] as string[] }));

  test("an entry with too many conflicts is named, with the count of jurors left", () => {
    const result = assignReviewers({
      entries: entries(12).map((entry) => ({ ...entry, id: String(entry.id) })),
      jurors: jurors(5),
      conflicts: ["j0", "j1", "j2"].map((jurorId) => ({ entryId: "12", jurorId })),
      seed: 1,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        kind: "entry-short",
        entryId: "12",
        required: 3,
        available: 2,
        conflicted: 3,
        full: 0,
        message: "Entrée n° 12 : seulement 2 membres du jury disponibles sans conflit (3 en conflit sur 5), 3 évaluations requises.",
      },
    ]);
    expect(result.summary).toMatch(/^L'affectation automatique est impossible : Entrée n° 12/);
  });

  test("too few jurors: every entry is named", () => {
    const result = assignReviewers({ entries: entries(3), jurors: jurors(2), seed: 1 });
    expect(!result.ok && result.problems.map((problem) => problem.kind === "entry-short" && problem.entryId)).toEqual([1, 2, 3]);
    expect(!result.ok && result.summary).toMatch(/3 problèmes/);
  });

  test("caps too low overall: the totals are given", () => {
    const result = assignReviewers({
      entries: entries(5000),
      jurors: jurors(200).map((juror) => ({ ...juror, maxLoad: 71 })),
      seed: 1,
    });
    expect(!result.ok && result.problems.map((problem) => problem.message)).toEqual([
      "15\u202f000 évaluations nécessaires, mais les plafonds des membres du jury n'en permettent que 14\u202f200.",
    ]);
  });

  test("a group of entries that only a few capped jurors may review is named with those jurors", () => {
    // Entries 1–4 conflict with everyone but a and b (cap 3 each): 8 reviews needed, 6 possible.
    const result = assignReviewers({
      entries: entries(6),
      jurors: [
        { id: "a", themes: [], maxLoad: 3, label: "Alice Martin" },
        { id: "b", themes: [], maxLoad: 3, label: "Bruno Petit" },
        { id: "c", themes: [] },
        { id: "d", themes: [] },
      ],
      conflicts: [1, 2, 3, 4].flatMap((entryId) => [
        { entryId, jurorId: "c" },
        { entryId, jurorId: "d" },
      ]),
      reviewsPerEntry: 2,
      seed: 5,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ kind: "group-short", entryIds: [1, 2, 3, 4], jurorIds: ["a", "b"], required: 8, available: 6 });
    expect(result.problems[0].message).toBe(
      "Les entrées n° 1, n° 2, n° 3, n° 4 (4 entrées) demandent ensemble 8 évaluations, mais les 2 membres du jury sans conflit avec elles " +
        "ne peuvent en assurer que 6 (plafond atteint : Alice Martin, Bruno Petit) ; levez des conflits, relevez des plafonds ou ajoutez des membres du jury.",
    );
  });

  test("manual assignments that break a rule are reported", () => {
    const result = assignReviewers({
      entries: [{ id: "7", themes: [], label: "Kit Facile" }],
      jurors: [
        { id: "a", themes: [], maxLoad: 0 },
        { id: "b", themes: [] },
        { id: "c", themes: [] },
      ],
      conflicts: [{ entryId: "7", jurorId: "b" }],
      fixed: ["a", "b", "c"].map((jurorId) => ({ entryId: "7", jurorId })),
      reviewsPerEntry: 2,
      seed: 1,
    });
    expect(!result.ok && result.problems.map((problem) => problem.message)).toEqual([
      "Entrée « Kit Facile » : elle est affectée à la main à b, qui est en conflit d'intérêts avec elle ; retirez cette affectation ou levez le conflit.",
      "Entrée « Kit Facile » : 3 affectations manuelles pour 2 évaluations prévues ; retirez-en 1.",
      "a a 1 affectation manuelle, au-delà de son plafond de 0 ; relevez le plafond ou retirez des affectations.",
    ]);
  });

  test("malformed input is a programming error", () => {
    const base = { entries: entries(1), jurors: jurors(3), seed: 1 };
    expect(() => assignReviewers({ ...base, reviewsPerEntry: 0 })).toThrow(RangeError);
    expect(() => assignReviewers({ ...base, jurors: [...jurors(3), { id: "j1", themes: [] }] })).toThrow(/listed twice/);
    expect(() => assignReviewers({ ...base, fixed: [{ entryId: 99, jurorId: "j0" }] })).toThrow(/unknown entry/);
    expect(() => assignReviewers({ ...base, jurors: [{ id: "x", themes: [], maxLoad: -1 }] })).toThrow(RangeError);
    // Conflicts naming someone outside the run are ignored.
    expect(assignReviewers({ ...base, conflicts: [{ entryId: 99, jurorId: "zz" }] }).ok).toBe(true);
  });

  test("no entries: nothing to assign, every load is zero", () => {
    const result = assignReviewers({ entries: [], jurors: jurors(2), seed: 1 });
    expect(result.ok && result.loads.map((row) => row.load)).toEqual([0, 0]);
  });
});
