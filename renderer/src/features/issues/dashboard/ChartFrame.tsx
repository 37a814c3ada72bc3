import type { ReactNode } from 'react';
import { useLayoutEffect, useRef, useState } from 'react';
import { labelEvery, niceTicks } from './scale';

/** Where a chart draws: the centre of each label's band, its width, and a value's height. */
export interface Frame {
  x: (index: number) => number;
  band: number;
  y: (value: number) => number;
}

const HEIGHT = 190;
const MARGIN = { top: 8, right: 8, bottom: 22, left: 40 };
/** Used until the panel is measured (and where nothing is laid out). */
const FALLBACK_WIDTH = 360;

/** The panel's width, kept up to date as it is resized. */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.getBoundingClientRect().width);
    if (typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(entry.contentRect.width);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width > 0 ? width : FALLBACK_WIDTH] as const;
}

/**
 * A chart's axes and grid, drawn as plain SVG: labels along the bottom (thinned out where they
 * would overlap), a value axis from 0 with round ticks, and the chart itself from `children`.
 * A few dozen shapes, drawn in one short task.
 */
export function ChartFrame({
  labels,
  max,
  integers = false,
  children,
}: {
  labels: readonly string[];
  max: number;
  integers?: boolean;
  children: (frame: Frame) => ReactNode;
}) {
  const [ref, width] = useWidth();
  const ticks = niceTicks(max, { integers });
  const top = ticks[ticks.length - 1] ?? 1;
  const plotWidth = Math.max(1, width - MARGIN.left - MARGIN.right);
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const band = plotWidth / Math.max(1, labels.length);
  const frame: Frame = {
    x: (index) => MARGIN.left + band * (index + 0.5),
    band,
    y: (value) => MARGIN.top + plotHeight * (1 - value / top),
  };
  // About 7 px a character at 12 px, and a gap between labels.
  const every = labelEvery(
    labels.length,
    plotWidth,
    Math.max(0, ...labels.map((label) => label.length)) * 7 + 12,
  );
  const bottom = MARGIN.top + plotHeight;
  return (
    <div ref={ref} className="chart-frame">
      <svg width={width} height={HEIGHT} className="chart-svg">
        {ticks.map((tick) => (
          <g key={tick}>
            <line
              x1={MARGIN.left}
              x2={MARGIN.left + plotWidth}
              y1={frame.y(tick)}
              y2={frame.y(tick)}
              className="chart-grid"
            />
            <text
              x={MARGIN.left - 6}
              y={frame.y(tick)}
              className="chart-tick"
              textAnchor="end"
              dominantBaseline="middle"
            >
              {tick}
            </text>
          </g>
        ))}
        <line
          x1={MARGIN.left}
          x2={MARGIN.left + plotWidth}
          y1={bottom}
          y2={bottom}
          className="chart-axis"
        />
        {labels.map((label, index) =>
          index % every === 0 ? (
            <text
              key={label}
              x={frame.x(index)}
              y={bottom + 16}
              className="chart-tick"
              textAnchor="middle"
            >
              {label}
            </text>
          ) : null,
        )}
        {children(frame)}
      </svg>
    </div>
  );
}

/** The series a chart draws, each with its colour. */
export function ChartLegend({ series }: { series: readonly { name: string; colour: string }[] }) {
  return (
    <ul className="chart-legend">
      {series.map(({ name, colour }) => (
        <li key={name}>
          <span className="chart-swatch" style={{ background: colour }} />
          {name}
        </li>
      ))}
    </ul>
  );
}
