import type { FindingGroup, FindingQuery } from '../../../../core/evidence/findings-view';
import {
  FINDING_STATUSES,
  FINDING_STATUS_LABELS,
  type FindingStatus,
} from '../../../../core/evidence/findings-view';
import type { Severity, SeverityCounts } from '../../../../core/evidence/model';
import { SEVERITIES } from '../../../../core/evidence/model';
import { formatNumber } from '../../lib/format';

const GROUP_LABELS: Readonly<Record<FindingGroup, string>> = {
  none: 'No grouping',
  rule: 'Rule',
  severity: 'Severity',
  file: 'File',
};

/** Search, filters and grouping of the findings table; every control a native, labelled one. */
export function FindingsToolbar({
  query,
  onQuery,
  group,
  onGroup,
  bySeverity,
  statuses,
}: {
  query: FindingQuery;
  onQuery: (change: Partial<FindingQuery>) => void;
  group: FindingGroup;
  onGroup: (group: FindingGroup) => void;
  /** The file's exact counts per severity. */
  bySeverity: SeverityCounts;
  /** How many listed findings have each status. */
  statuses: ReadonlyMap<FindingStatus, number>;
}) {
  return (
    <div className="filters findings-tools" role="group" aria-label="Search and filter findings">
      <label className="findings-search">
        Search findings
        <input
          type="search"
          value={query.search}
          placeholder="rule, title, path or message"
          onChange={(event) => onQuery({ search: event.target.value })}
        />
      </label>
      <label>
        Severity
        <select
          value={query.severity}
          onChange={(event) => onQuery({ severity: event.target.value as Severity | 'all' })}
        >
          <option value="all">All severities</option>
          {SEVERITIES.filter((severity) => bySeverity[severity] > 0).map((severity) => (
            <option key={severity} value={severity}>
              {severity} ({formatNumber(bySeverity[severity])})
            </option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select
          value={query.status}
          onChange={(event) => onQuery({ status: event.target.value as FindingStatus | 'all' })}
        >
          <option value="all">Any status</option>
          {FINDING_STATUSES.filter((status) => (statuses.get(status) ?? 0) > 0).map((status) => (
            <option key={status} value={status}>
              {FINDING_STATUS_LABELS[status]} ({formatNumber(statuses.get(status) ?? 0)})
            </option>
          ))}
        </select>
      </label>
      <label>
        Group by
        <select value={group} onChange={(event) => onGroup(event.target.value as FindingGroup)}>
          {(Object.keys(GROUP_LABELS) as FindingGroup[]).map((value) => (
            <option key={value} value={value}>
              {GROUP_LABELS[value]}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
