import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { RemediationRow } from '../../../../../core/issues/dashboard';
import { PRIORITIES } from '../../../../../core/model';
import { AXIS, ChartPanel, SERIES } from './ChartPanel';

export function RemediationChart({ rows }: { rows: readonly RemediationRow[] }) {
  return (
    <ChartPanel
      title="Mean time to remediate (hours), by month"
      headers={['Month', ...PRIORITIES]}
      rows={rows.map((row) => [row.period, ...PRIORITIES.map((priority) => row[priority] ?? '—')])}
    >
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={[...rows]} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis dataKey="period" tick={AXIS} stroke={AXIS.stroke} />
          <YAxis tick={AXIS} stroke={AXIS.stroke} />
          <Tooltip contentStyle={{ background: 'var(--surface)', borderColor: 'var(--border)' }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {PRIORITIES.map((priority) => (
            <Line
              key={priority}
              dataKey={priority}
              stroke={SERIES[priority]}
              strokeWidth={2}
              dot={{ r: 3 }}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartPanel>
  );
}
