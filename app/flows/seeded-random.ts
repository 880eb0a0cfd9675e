// A small seeded pseudo-random generator (sfc32, seeded through splitmix32), for reproducible
// choices: the same seed always gives the same sequence, on every platform and Node version
// (Math.random cannot be seeded). Not for anything secret.

export type SeededRandom = {
  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** A uniform integer in [0, n), for 1 ≤ n ≤ 2^32 (multiply-shift: bias below n / 2^32). */
  below(n: number): number;
  /** Fisher–Yates shuffle of items[from, to), in place. */
  shuffle(items: { [index: number]: number; length: number }, from?: number, to?: number): void;
};

function splitmix32(state: number): [number, number] {
  state = (state + 0x9e3779b9) | 0;
  let z = state;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [state, (z ^ (z >>> 16)) >>> 0];
}

/** `seed` is any safe integer (negative and above 2^32 included: both halves are mixed in). */
export function seededRandom(seed: number): SeededRandom {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  const low = seed >>> 0;
  const high = Math.floor(seed / 0x1_0000_0000) >>> 0;
  let state = low ^ Math.imul(high, 0x27d4eb2d);
  const words: number[] = [];
  for (let i = 0; i < 4; i++) {
    const [next, word] = splitmix32(state ^ Math.imul(i + 1, high | 1));
    state = next;
    words.push(word);
  }
  let [a, b, c, d] = words;
  const nextUint32 = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Warm up: sfc32's first outputs are weakly mixed.
  for (let i = 0; i < 12; i++) nextUint32();
  const below = (n: number) => Math.floor((nextUint32() * n) / 0x1_0000_0000);
  return {
    nextUint32,
    below,
    shuffle(items, from = 0, to = items.length) {
      for (let i = to - 1; i > from; i--) {
        const j = from + below(i - from + 1);
        const swap = items[i];
        items[i] = items[j];
        items[j] = swap;
      }
    },
  };
}
