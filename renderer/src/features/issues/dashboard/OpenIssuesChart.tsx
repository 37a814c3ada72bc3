import type { OpenByPriorityRow } from '../../../../../core/issues/dashboard';
import { OPEN_STATUSES } from '../../../../../core/issues/dashboard';
import { STATUS_LABELS } from '../labels';
import { ChartPanel, SERIES } from './ChartPanel';
import { StackedBars } from './StackedBars';

const STATUS_SERIES = OPEN_STATUSES.map((status) => ({
  key: status,
  name: STATUS_LABELS[status],
  colour: SERIES[status],
}));

export function OpenIssuesChart({ rows }: { rows: readonly OpenByPriorityRow[] }) {
  return (
    <ChartPanel
      title="Open issues by priority and status"
      headers={['Priority', ...STATUS_SERIES.map((series) => series.name)]}
      rows={rows.map((row) => [row.priority, ...OPEN_STATUSES.map((status) => row[status])])}
    >
      <StackedBars rows={rows} series={STATUS_SERIES} />
    </ChartPanel>
  );
}
