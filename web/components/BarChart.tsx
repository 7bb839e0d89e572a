/**
 * A small bar chart drawn as SVG on the server: no script, readable on a
 * phone, and the numbers stay available to screen readers through the
 * title and the per-bar titles.
 */
import { formatNumber } from '../../worker/domain/numbers';

export interface Bar {
  /** Shown under the first, middle and last bars and in each bar's tooltip. */
  label: string;
  value: number;
}

interface BarChartProps {
  bars: Bar[];
  /** What the chart says as a whole, for assistive technology. */
  title: string;
  width?: number;
  height?: number;
}

const AXIS_HEIGHT = 16;
const TOP_GAP = 12;

export function BarChart({ bars, title, width = 320, height = 120 }: BarChartProps) {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const plotHeight = height - AXIS_HEIGHT - TOP_GAP;
  const slot = width / Math.max(1, bars.length);
  const barWidth = Math.max(1, slot * 0.7);
  const labelled = new Set([0, Math.floor((bars.length - 1) / 2), bars.length - 1]);
  return (
    <svg
      class="bar-chart"
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-label={title}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title>{title}</title>
      <line x1="0" y1={TOP_GAP + plotHeight} x2={width} y2={TOP_GAP + plotHeight} class="bar-chart-axis" />
      <text x="0" y="10" class="bar-chart-max">
        {formatNumber(max)}
      </text>
      {bars.map((bar, index) => {
        const barHeight = (bar.value / max) * plotHeight;
        const x = index * slot + (slot - barWidth) / 2;
        return (
          <g>
            <rect
              x={x.toFixed(1)}
              y={(TOP_GAP + plotHeight - barHeight).toFixed(1)}
              width={barWidth.toFixed(1)}
              height={barHeight.toFixed(1)}
              class="bar-chart-bar"
            >
              <title>{`${bar.label}: ${formatNumber(bar.value)}`}</title>
            </rect>
            {labelled.has(index) ? (
              <text
                x={index === 0 ? 0 : index === bars.length - 1 ? width : (index * slot + slot / 2).toFixed(1)}
                y={height - 3}
                text-anchor={index === 0 ? 'start' : index === bars.length - 1 ? 'end' : 'middle'}
                class="bar-chart-label"
              >
                {bar.label}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}
