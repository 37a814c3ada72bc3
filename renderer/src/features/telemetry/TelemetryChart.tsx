import { useMemo, useState } from 'react';
import {
  Area,
  Bar,
  ComposedChart,
  Legend,
  Line,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { TooltipContentProps } from 'recharts';
import {
  formatNumber,
  formatPeriod,
  formatTime,
  formatTimeTick,
  timeTicks,
} from '../../../../core/charts/layout';
import type { ChartSpec } from '../../../../core/charts/series';
import {
  SILENCE_CATEGORY,
  annotationsOf,
  chartColour,
  chartRows,
} from '../../../../core/charts/series';
import { FiguresTable } from '../../components/FiguresTable';
import { counted } from '../../lib/format';
import { useThemeName } from './useThemeName';

interface Props {
  spec: ChartSpec;
  /** Called with the time range the user dragged across. */
  onZoom: (range: { from: number; to: number }) => void;
  actions: React.ReactNode;
}

/** Draws a ChartSpec: bars, lines and areas, alert bands, change markers, drag-to-zoom. */
export function TelemetryChart({ spec, onZoom, actions }: Props) {
  const theme = useThemeName();
  const rows = useMemo(() => chartRows(spec.series), [spec.series]);
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const { alerts: ranges, silences, markers } = annotationsOf(spec);
  const span = spec.x.to - spec.x.from;
  // The same round UTC ticks as the SVG and PDF drawings of this chart.
  const ticks = useMemo(() => timeTicks(spec.x.from, spec.x.to, 8), [spec.x.from, spec.x.to]);
  const headingId = `chart-${spec.id}`;
  const labelOf = (value: unknown) => (typeof value === 'number' ? value : Number(value));
  return (
    <section className="panel chart-panel" aria-labelledby={headingId}>
      <div className="panel-header">
        <h2 id={headingId}>{spec.title}</h2>
        <div className="row-actions">{actions}</div>
      </div>
      <p className="muted chart-description">{spec.description}</p>
      <figure className="telemetry-chart" aria-label={spec.title}>
        <ResponsiveContainer width="100%" height={280}>
          <ComposedChart
            data={rows}
            margin={{ top: 8, right: 12, bottom: 4, left: 4 }}
            onMouseDown={(state) => {
              const at = labelOf(state.activeLabel);
              if (Number.isFinite(at)) setDrag({ from: at, to: at });
            }}
            onMouseMove={(state) => {
              const at = labelOf(state.activeLabel);
              if (drag && Number.isFinite(at)) setDrag({ ...drag, to: at });
            }}
            onMouseUp={() => {
              if (drag && Math.abs(drag.to - drag.from) > 0) {
                onZoom({ from: Math.min(drag.from, drag.to), to: Math.max(drag.from, drag.to) });
              }
              setDrag(null);
            }}
          >
            <XAxis
              dataKey="x"
              type="number"
              scale="time"
              domain={[spec.x.from, spec.x.to]}
              allowDataOverflow
              ticks={ticks}
              tickFormatter={(value: number) => formatTimeTick(value, span)}
            />
            <YAxis yAxisId="left" tickFormatter={formatNumber} width={48} allowDecimals={false} />
            {spec.y.right ? (
              <YAxis yAxisId="right" orientation="right" tickFormatter={formatNumber} width={44} />
            ) : null}
            {[...ranges, ...silences].map((range) => (
              <ReferenceArea
                key={range.id}
                className={range.category === SILENCE_CATEGORY ? 'silence-band' : 'alert-band'}
                yAxisId="left"
                x1={Math.max(range.from, spec.x.from)}
                x2={Math.min(range.to, spec.x.to)}
                fill={chartColour(range.colour, theme)}
                fillOpacity={0.15}
                ifOverflow="hidden"
              />
            ))}
            {spec.series.map((series) => {
              const colour = chartColour(series.colour, theme);
              const common = {
                dataKey: series.id,
                name: series.label,
                yAxisId: series.axis,
                isAnimationActive: false,
              };
              if (series.kind === 'bar')
                return <Bar key={series.id} {...common} fill={colour} maxBarSize={12} />;
              if (series.kind === 'area') {
                return (
                  <Area
                    key={series.id}
                    {...common}
                    type="linear"
                    stroke={colour}
                    fill={colour}
                    fillOpacity={0.15}
                    dot={false}
                    connectNulls
                  />
                );
              }
              return (
                <Line
                  key={series.id}
                  {...common}
                  type="linear"
                  stroke={colour}
                  strokeWidth={1.6}
                  dot={false}
                />
              );
            })}
            {markers.map((marker) => (
              <ReferenceLine
                key={marker.id}
                className="change-marker"
                yAxisId="left"
                x={marker.at}
                stroke={chartColour(marker.colour, theme)}
                strokeDasharray="4 3"
                ifOverflow="hidden"
              />
            ))}
            {drag ? (
              <ReferenceArea
                yAxisId="left"
                x1={drag.from}
                x2={drag.to}
                fillOpacity={0.2}
                className="zoom-selection"
              />
            ) : null}
            <Tooltip
              content={(props: TooltipContentProps) => <ChartTooltip {...props} />}
              isAnimationActive={false}
            />
            <Legend />
          </ComposedChart>
        </ResponsiveContainer>
        <figcaption className="chart-caption">
          {ranges.length > 0 ? (
            <span className="legend-item">
              <span className="swatch swatch-alert" aria-hidden="true" />{' '}
              {counted(ranges.length, 'alert window')}:{' '}
              {ranges.map((range) => formatPeriod(range.from, range.to)).join('; ')}
            </span>
          ) : (
            <span className="legend-item">No alerts in view.</span>
          )}
          {silences.length > 0 ? (
            <span className="legend-item">
              <span className="swatch swatch-silence" aria-hidden="true" /> {silences.length}{' '}
              silence{silences.length === 1 ? '' : 's'}:{' '}
              {silences.map((range) => range.label).join('; ')}
            </span>
          ) : null}
          {markers.length > 0 ? (
            <span className="legend-item">
              <span className="swatch swatch-change" aria-hidden="true" />{' '}
              {counted(markers.length, 'change')} marked
            </span>
          ) : null}
        </figcaption>
      </figure>
      {markers.length > 0 ? (
        <details className="chart-details">
          <summary>Changes in view</summary>
          <ul className="plain-list" aria-label="Changes in view">
            {markers.map((marker) => (
              <li key={marker.id}>
                <time dateTime={new Date(marker.at).toISOString()}>{formatTime(marker.at)}</time> —{' '}
                {marker.label}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <details className="chart-details">
        <summary>Figures</summary>
        <FiguresTable figures={spec.figures} />
      </details>
    </section>
  );
}

function ChartTooltip({ active, payload, label }: TooltipContentProps) {
  if (!active || !payload || payload.length === 0) return null;
  return (
    <div className="chart-tooltip">
      <strong>{formatTime(Number(label))}</strong>
      <ul>
        {payload.map((entry) => (
          <li key={String(entry.dataKey)}>
            <span className="swatch" style={{ background: entry.color }} aria-hidden="true" />{' '}
            {entry.name}: {typeof entry.value === 'number' ? formatNumber(entry.value) : '—'}
          </li>
        ))}
      </ul>
    </div>
  );
}
