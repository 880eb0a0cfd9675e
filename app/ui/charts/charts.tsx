import { useId } from "react";
import { barLayout, type Bar } from "./bar-chart";
import { timeSeriesLayout, type Series } from "./time-series";

// The SVG of the charts, drawn on the server. Each is one image (role="img") named by its title
// and a sentence that says what it shows; the page puts its data table beside it (RGAA 1.3, 1.8),
// so nothing is read only off the drawing.

const FONT = { fontFamily: "Marianne, arial, sans-serif", fontSize: 12 };
// DSFR's blue, red and green, each with its own dash too: colour is never the only difference.
const SERIES_STYLES = [
  { stroke: "#000091", dash: undefined },
  { stroke: "#ce0500", dash: "8 4" },
  { stroke: "#18753c", dash: "2 3" },
];

function shorten(label: string, max = 30): string {
  return label.length <= max ? label : `${label.slice(0, max - 1)}…`;
}

function ChartFrame({
  title,
  summary,
  width,
  height,
  children,
}: {
  title: string;
  summary: string;
  width: number;
  height: number;
  children: React.ReactNode;
}) {
  const id = useId();
  return (
    <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width }} {...FONT}>
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{summary}</desc>
      {children}
    </svg>
  );
}

/** Horizontal bars, their value written after each. */
export function BarChart({
  title,
  summary,
  bars,
  format,
  scale = {},
}: {
  title: string;
  summary: string;
  bars: readonly Bar[];
  format: (value: number) => string;
  /** How the value axis ends: see barLayout. */
  scale?: { max?: number; integers?: boolean };
}) {
  const layout = barLayout(bars, scale);
  const axisY = layout.height - 20;
  return (
    <ChartFrame title={title} summary={summary} width={layout.width} height={layout.height}>
      {layout.ticks.map((tick) => (
        <g key={tick.value}>
          <line x1={tick.x} x2={tick.x} y1={0} y2={axisY} stroke="#dddddd" />
          <text x={tick.x} y={axisY + 14} textAnchor="middle" fill="#3a3a3a">
            {format(tick.value)}
          </text>
        </g>
      ))}
      {layout.bars.map((bar, i) => (
        <g key={i}>
          <text x={layout.plotX - 8} y={bar.y + bar.height / 2 + 4} textAnchor="end" fill="#161616">
            {shorten(bar.label)}
          </text>
          <rect x={bar.x} y={bar.y} width={bar.width} height={bar.height} fill="#000091" />
          <text x={bar.x + bar.width + 6} y={bar.y + bar.height / 2 + 4} fill="#161616">
            {format(bar.value)}
          </text>
        </g>
      ))}
    </ChartFrame>
  );
}

/** Lines over periods, with a legend under the axis. */
export function TimeSeriesChart({
  title,
  summary,
  labels,
  series,
  format,
}: {
  title: string;
  summary: string;
  labels: readonly string[];
  series: readonly Series[];
  format: (value: number) => string;
}) {
  const layout = timeSeriesLayout(labels, series);
  const { plot } = layout;
  const bottom = plot.y + plot.height;
  // At most a dozen period labels under the axis, evenly picked.
  const every = Math.max(1, Math.ceil(layout.xTicks.length / 12));
  return (
    <ChartFrame title={title} summary={summary} width={layout.width} height={layout.height}>
      {layout.yTicks.map((tick) => (
        <g key={tick.value}>
          <line x1={plot.x} x2={plot.x + plot.width} y1={tick.y} y2={tick.y} stroke="#dddddd" />
          <text x={plot.x - 6} y={tick.y + 4} textAnchor="end" fill="#3a3a3a">
            {format(tick.value)}
          </text>
        </g>
      ))}
      {layout.xTicks.map((tick, i) =>
        i % every === 0 ? (
          <text key={tick.label} x={tick.x} y={bottom + 16} textAnchor="middle" fill="#3a3a3a">
            {tick.label}
          </text>
        ) : null,
      )}
      {layout.series.map((line, i) => {
        const style = SERIES_STYLES[i % SERIES_STYLES.length];
        return (
          <g key={line.name}>
            <polyline
              points={line.points.map((p) => `${p.x},${p.y}`).join(" ")}
              fill="none"
              stroke={style.stroke}
              strokeWidth={2}
              strokeDasharray={style.dash}
            />
            {line.points.map((p, j) => (
              <circle key={j} cx={p.x} cy={p.y} r={3} fill={style.stroke} />
            ))}
            <line
              x1={plot.x + i * 170}
              x2={plot.x + i * 170 + 28}
              y1={bottom + 38}
              y2={bottom + 38}
              stroke={style.stroke}
              strokeWidth={2}
              strokeDasharray={style.dash}
            />
            <text x={plot.x + i * 170 + 34} y={bottom + 42} fill="#161616">
              {line.name}
            </text>
          </g>
        );
      })}
    </ChartFrame>
  );
}
