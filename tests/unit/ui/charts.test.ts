// The charts' geometry, computed without a browser: where each bar ends and each point sits.
import { describe, expect, test } from "vitest";
import { barLayout, BAR_HEIGHT } from "~/ui/charts/bar-chart";
import { niceMax, ticks } from "~/ui/charts/scale";
import { timeSeriesLayout } from "~/ui/charts/time-series";

describe("the value axis", () => {
  test("ends at the smallest round value at least the largest one", () => {
    expect([0, -3, 0.4, 1, 3, 7, 11, 24, 26, 480, 39_250].map(niceMax)).toEqual([1, 1, 0.5, 1, 5, 10, 20, 25, 50, 500, 50_000]);
  });

  test("has evenly spaced ticks from zero", () => {
    expect(ticks(500)).toEqual([0, 125, 250, 375, 500]);
    expect(ticks(10, 5)).toEqual([0, 2, 4, 6, 8, 10]);
  });
});

describe("bars", () => {
  const layout = barLayout(
    [
      { label: "Envoyée", value: 3 },
      { label: "Approuvée", value: 12 },
      { label: "Livrée", value: 0 },
    ],
    { width: 680, labelWidth: 200 },
  );

  test("are as long as their value on a shared scale, one under the other", () => {
    // 680 wide, 200 of labels, 80 kept for the values written after the bars: 400 for 20 (the round end above 12).
    expect(layout.max).toBe(20);
    expect(layout.bars.map((bar) => [bar.x, bar.width])).toEqual([
      [200, 60],
      [200, 240],
      [200, 0],
    ]);
    expect(layout.bars.map((bar) => bar.y)).toEqual([8, 8 + BAR_HEIGHT + 8, 8 + 2 * (BAR_HEIGHT + 8)]);
    expect(layout.height).toBe(8 + 3 * (BAR_HEIGHT + 8) + 24);
    expect(layout.ticks.map((tick) => [tick.value, tick.x])).toEqual([
      [0, 200],
      [5, 300],
      [10, 400],
      [15, 500],
      [20, 600],
    ]);
  });

  test("counts get whole ticks, and a fixed end holds a value past it at the end", () => {
    expect(barLayout([{ label: "Une", value: 1 }], { integers: true }).ticks.map((tick) => tick.value)).toEqual([0, 1, 2, 3, 4, 5]);
    const percent = barLayout([{ label: "Trop", value: 130 }], { max: 100, width: 680, labelWidth: 200 });
    expect(percent.bars[0].width).toBe(400);
  });
});

describe("time series", () => {
  test("one point per period, spread across the plot, each at its value's height", () => {
    const layout = timeSeriesLayout(["janv.", "févr.", "mars"], [{ name: "Dépensé", values: [0, 250, 500] }], { width: 530, height: 272 });
    // Plot: 110 from the left, 20 on the right (400 wide); 16 from the top, 56 at the bottom (200 high).
    expect(layout.plot).toEqual({ x: 110, y: 16, width: 400, height: 200 });
    expect(layout.max).toBe(500);
    expect(layout.series[0].points).toEqual([
      { x: 110, y: 216 },
      { x: 310, y: 116 },
      { x: 510, y: 16 },
    ]);
    expect(layout.xTicks.map((tick) => tick.label)).toEqual(["janv.", "févr.", "mars"]);
    expect(layout.yTicks.map((tick) => tick.y)).toEqual([216, 166, 116, 66, 16]);
  });

  test("a single period sits in the middle; nothing to show is a flat line at zero", () => {
    const layout = timeSeriesLayout(["janv."], [{ name: "Réservé", values: [0] }], { width: 530, height: 272 });
    expect(layout.series[0].points).toEqual([{ x: 310, y: 216 }]);
    expect(layout.max).toBe(1);
  });
});
