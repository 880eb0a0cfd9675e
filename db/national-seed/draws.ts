// The seeded choices the national seed makes: every table draws from its own stream, derived from
// the seed and the stream's name, so the same seed gives the same rows and a change to how one
// table is drawn leaves the others as they were.
import { seededRandom } from "../../app/flows/seeded-random";

export type Draws = {
  /** Uniform in [0, 1). */
  float(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** `count` distinct items, in drawing order. */
  sample<T>(items: readonly T[], count: number): T[];
  /** One of the keys, with the probability of its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K;
};

function streamSeed(seed: number, stream: string): number {
  // FNV-1a of the stream's name, mixed with the seed: a different stream per table.
  let hash = 0x811c9dc5;
  for (const char of stream) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return (seed ^ hash) >>> 0;
}

export function draws(seed: number, stream: string): Draws {
  const random = seededRandom(streamSeed(seed, stream));
  const float = () => random.nextUint32() / 0x1_0000_0000;
  return {
    float,
    int: (min, max) => min + random.below(max - min + 1),
    chance: (probability) => float() < probability,
    pick: (items) => items[random.below(items.length)]!,
    sample(items, count) {
      const indexes = items.map((_, i) => i);
      random.shuffle(indexes);
      return indexes.slice(0, count).map((i) => items[i]!);
    },
    weighted(weights) {
      const entries = Object.entries(weights) as [keyof typeof weights & string, number][];
      let left = float() * entries.reduce((sum, [, weight]) => sum + weight, 0);
      for (const [key, weight] of entries) {
        left -= weight;
        if (left < 0) return key;
      }
      return entries[entries.length - 1]![0];
    },
  };
}

/** Picks indexes in proportion to their weights (cumulative sums, binary search): O(log n) a draw. */
export function weightedIndex(weights: readonly number[]): (draw: Draws) => number {
  const cumulative: number[] = [];
  let total = 0;
  for (const weight of weights) cumulative.push((total += weight));
  return (draw) => {
    const target = draw.float() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! > target) high = middle;
      else low = middle + 1;
    }
    return low;
  };
}
