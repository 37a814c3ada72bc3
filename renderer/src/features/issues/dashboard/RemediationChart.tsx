import type { RemediationRow } from '../../../../../core/issues/dashboard';
import type { Priority } from '../../../../../core/model';
import { PRIORITIES } from '../../../../../core/model';
import type { Frame } from './ChartFrame';
import { ChartFrame, ChartLegend } from './ChartFrame';
import { ChartPanel, SERIES } from './ChartPanel';

/** A priority's line: unbroken over months with a value, a gap where there is none. */
function Line({
  rows,
  priority,
  frame,
}: {
  rows: readonly RemediationRow[];
  priority: Priority;
  frame: Frame;
}) {
  const points = rows.map((row, index) => {
    const value = row[priority];
    return value === null ? null : { x: frame.x(index), y: frame.y(value) };
  });
  let path = '';
  points.forEach((point, index) => {
    if (point === null) return;
    path += `${points[index - 1] ? 'L' : 'M'}${point.x.toFixed(1)},${point.y.toFixed(1)}`;
  });
  const colour = SERIES[priority];
  return (
    <g>
      <path d={path} fill="none" stroke={colour} strokeWidth={2} />
      {points.map((point, index) =>
        point === null ? null : (
          <circle
            key={rows[index]?.period}
            cx={point.x}
            cy={point.y}
            r={3}
            fill="var(--surface)"
            stroke={colour}
            strokeWidth={2}
          />
        ),
      )}
    </g>
  );
}

export function RemediationChart({ rows }: { rows: readonly RemediationRow[] }) {
  const max = Math.max(
    0,
    ...rows.flatMap((row) => PRIORITIES.map((priority) => row[priority] ?? 0)),
  );
  return (
    <ChartPanel
      title="Mean time to remediate (hours), by month"
      headers={['Month', ...PRIORITIES]}
      rows={rows.map((row) => [row.period, ...PRIORITIES.map((priority) => row[priority] ?? '—')])}
    >
      <ChartFrame labels={rows.map((row) => row.period)} max={max}>
        {(frame) =>
          PRIORITIES.map((priority) => (
            <Line key={priority} rows={rows} priority={priority} frame={frame} />
          ))
        }
      </ChartFrame>
      <ChartLegend
        series={PRIORITIES.map((priority) => ({ name: priority, colour: SERIES[priority] }))}
      />
    </ChartPanel>
  );
}
