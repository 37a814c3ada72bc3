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
import { AXIS } from './ChartPanel';

export interface Series<K extends string> {
  key: K;
  name: string;
  colour: string;
}

/** Counts per priority, stacked by series. */
export function StackedBars<K extends string>({
  rows,
  series,
  stack,
}: {
  rows: readonly ({ priority: string } & Record<K, number>)[];
  series: readonly Series<K>[];
  stack: string;
}) {
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={[...rows]} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
        <XAxis dataKey="priority" tick={AXIS} stroke={AXIS.stroke} />
        <YAxis allowDecimals={false} tick={AXIS} stroke={AXIS.stroke} />
        <Tooltip contentStyle={{ background: 'var(--surface)', borderColor: 'var(--border)' }} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {series.map(({ key, name, colour }) => (
          <Bar
            key={key}
            dataKey={key}
            name={name}
            stackId={stack}
            fill={colour}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
