// The value axis of the charts: a round maximum and its ticks, so that gridlines read 0, 250, 500…
// rather than 0, 237, 474…

/** The smallest 1, 2, 2.5 or 5 × 10ⁿ at least `value` (1 for nothing to show). */
export function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((factor) => factor * magnitude >= value)!;
  return step * magnitude;
}

/** `count` + 1 evenly spaced ticks from 0 to `max`. */
export function ticks(max: number, count = 4): number[] {
  return Array.from({ length: count + 1 }, (_, i) => (max * i) / count);
}
