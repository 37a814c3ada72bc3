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
import type { SlaRow } from '../../../../../core/issues/dashboard';
import { AXIS, ChartPanel, SERIES } from './ChartPanel';

const SERIES_NAMES = { onTrack: 'On track', atRisk: 'At risk', breached: 'Breached' } as const;
const KEYS = ['onTrack', 'atRisk', 'breached'] as const;

export function SlaChart({ rows }: { rows: readonly SlaRow[] }) {
  const breachesEver = rows.reduce((sum, row) => sum + row.breachesEver, 0);
  return (
    <ChartPanel
      title={`SLA of open issues (${breachesEver} breach${breachesEver === 1 ? '' : 'es'} in all)`}
      headers={['Priority', 'On track', 'At risk', 'Breached', 'Breaches in all']}
      rows={rows.map((row) => [
        row.priority,
        row.onTrack,
        row.atRisk,
        row.breached,
        row.breachesEver,
      ])}
    >
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={[...rows]} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis dataKey="priority" tick={AXIS} stroke={AXIS.stroke} />
          <YAxis allowDecimals={false} tick={AXIS} stroke={AXIS.stroke} />
          <Tooltip contentStyle={{ background: 'var(--surface)', borderColor: 'var(--border)' }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {KEYS.map((key) => (
            <Bar
              key={key}
              dataKey={key}
              name={SERIES_NAMES[key]}
              stackId="sla"
              fill={SERIES[key]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartPanel>
  );
}
