import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { OpenByPriorityRow } from '../../../../../core/issues/dashboard';
import { OPEN_STATUSES } from '../../../../../core/issues/dashboard';
import { STATUS_LABELS } from '../labels';
import { AXIS, ChartPanel, SERIES } from './ChartPanel';

export function OpenIssuesChart({ rows }: { rows: readonly OpenByPriorityRow[] }) {
  return (
    <ChartPanel
      title="Open issues by priority and status"
      headers={['Priority', ...OPEN_STATUSES.map((status) => STATUS_LABELS[status])]}
      rows={rows.map((row) => [row.priority, ...OPEN_STATUSES.map((status) => row[status])])}
    >
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={[...rows]} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis dataKey="priority" tick={AXIS} stroke={AXIS.stroke} />
          <YAxis allowDecimals={false} tick={AXIS} stroke={AXIS.stroke} />
          <Tooltip contentStyle={{ background: 'var(--surface)', borderColor: 'var(--border)' }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {OPEN_STATUSES.map((status) => (
            <Bar
              key={status}
              dataKey={status}
              name={STATUS_LABELS[status]}
              stackId="status"
              fill={SERIES[status]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartPanel>
  );
}
