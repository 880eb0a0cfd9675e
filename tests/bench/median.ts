/** The middle value of the samples (the upper one of the two middles for an even count). */
export function median(samples: readonly number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
