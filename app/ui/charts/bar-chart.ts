import { niceMax, ticks } from "./scale";

// Horizontal bars, one per labelled value: long labels (départements, makers, statuses) stay
// readable in a left column. Pure geometry, so the server renders the SVG and tests check numbers.

export type Bar = { label: string; value: number };

export type BarGeometry = { label: string; value: number; x: number; y: number; width: number; height: number };

export type BarLayout = {
  width: number;
  height: number;
  /** Where the bars start: the label column's width. */
  plotX: number;
  plotWidth: number;
  max: number;
  ticks: { value: number; x: number }[];
  bars: BarGeometry[];
};

export const BAR_HEIGHT = 22;
const GAP = 8;
const TOP = 8;
/** Room under the bars for the axis' tick labels. */
const AXIS = 24;

/** `integers`: counts, whose ticks must be whole (five steps of a round maximum, 5 at least); `max`: a fixed end (100 for percentages). */
export function barLayout(bars: readonly Bar[], options: { width?: number; labelWidth?: number; max?: number; integers?: boolean } = {}): BarLayout {
  const width = options.width ?? 640;
  const plotX = options.labelWidth ?? 200;
  // Room on the right for the value written after the longest bar.
  const plotWidth = width - plotX - 80;
  const top = niceMax(Math.max(0, ...bars.map((bar) => bar.value)));
  const max = options.max ?? (options.integers ? Math.max(5, top) : top);
  const scale = (value: number) => (Math.max(0, Math.min(value, max)) / max) * plotWidth;
  return {
    width,
    height: TOP + bars.length * (BAR_HEIGHT + GAP) + AXIS,
    plotX,
    plotWidth,
    max,
    ticks: ticks(max, options.integers ? 5 : 4).map((value) => ({ value, x: plotX + scale(value) })),
    bars: bars.map((bar, i) => ({ ...bar, x: plotX, y: TOP + i * (BAR_HEIGHT + GAP), width: scale(bar.value), height: BAR_HEIGHT })),
  };
}
