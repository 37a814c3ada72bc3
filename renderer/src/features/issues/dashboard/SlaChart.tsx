import type { SlaRow } from '../../../../../core/issues/dashboard';
import { ChartPanel, SERIES } from './ChartPanel';
import { StackedBars } from './StackedBars';

const SLA_SERIES = [
  { key: 'onTrack', name: 'On track', colour: SERIES.onTrack },
  { key: 'atRisk', name: 'At risk', colour: SERIES.atRisk },
  { key: 'breached', name: 'Breached', colour: SERIES.breached },
] as const;

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
      <StackedBars rows={rows} series={SLA_SERIES} />
    </ChartPanel>
  );
}
