import { niceMax, ticks } from "./scale";

// Lines over successive periods (months): one polyline per series on a shared value axis. Pure
// geometry, so the server renders the SVG and tests check the points.

export type Series = { name: string; values: readonly number[] };

export type SeriesGeometry = { name: string; points: { x: number; y: number }[] };

export type TimeSeriesLayout = {
  width: number;
  height: number;
  plot: { x: number; y: number; width: number; height: number };
  max: number;
  xTicks: { label: string; x: number }[];
  yTicks: { value: number; y: number }[];
  series: SeriesGeometry[];
};

const MARGIN = { left: 110, right: 20, top: 16, bottom: 56 };

/** `labels` name the periods, in order; each series has one value per period. */
export function timeSeriesLayout(
  labels: readonly string[],
  series: readonly Series[],
  options: { width?: number; height?: number } = {},
): TimeSeriesLayout {
  const width = options.width ?? 640;
  const height = options.height ?? 300;
  const plot = { x: MARGIN.left, y: MARGIN.top, width: width - MARGIN.left - MARGIN.right, height: height - MARGIN.top - MARGIN.bottom };
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  // One period alone sits in the middle; several span the plot's width.
  const xOf = (i: number) => plot.x + (labels.length <= 1 ? plot.width / 2 : (i * plot.width) / (labels.length - 1));
  const yOf = (value: number) => plot.y + plot.height - (Math.max(0, value) / max) * plot.height;
  return {
    width,
    height,
    plot,
    max,
    xTicks: labels.map((label, i) => ({ label, x: xOf(i) })),
    yTicks: ticks(max).map((value) => ({ value, y: yOf(value) })),
    series: series.map((s) => ({ name: s.name, points: s.values.map((value, i) => ({ x: xOf(i), y: yOf(value) })) })),
  };
}
