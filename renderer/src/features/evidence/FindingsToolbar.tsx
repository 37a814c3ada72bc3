import type { FindingGroup, FindingQuery } from '../../../../core/evidence/findings-view';
import {
  FINDING_STATUSES,
  FINDING_STATUS_LABELS,
  type FindingStatus,
} from '../../../../core/evidence/findings-view';
import type { SeverityCounts } from '../../../../core/evidence/model';
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
      <CountedSelect
        label="Severity"
        all="All severities"
        value={query.severity}
        onChange={(value) => onQuery({ severity: value })}
        options={SEVERITIES.map((severity) => ({
          value: severity,
          label: severity,
          count: bySeverity[severity],
        }))}
      />
      <CountedSelect
        label="Status"
        all="Any status"
        value={query.status}
        onChange={(value) => onQuery({ status: value })}
        options={FINDING_STATUSES.map((status) => ({
          value: status,
          label: FINDING_STATUS_LABELS[status],
          count: statuses.get(status) ?? 0,
        }))}
      />
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

/** A filter offering `all` and each value the list holds, with how many it holds. */
function CountedSelect<Value extends string>({
  label,
  all,
  value,
  onChange,
  options,
}: {
  label: string;
  all: string;
  value: Value | 'all';
  onChange: (value: Value | 'all') => void;
  options: readonly { value: Value; label: string; count: number }[];
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(event) => onChange(event.target.value as Value | 'all')}>
        <option value="all">{all}</option>
        {options
          .filter((option) => option.count > 0)
          .map((option) => (
            <option key={option.value} value={option.value}>
              {option.label} ({formatNumber(option.count)})
            </option>
          ))}
      </select>
    </label>
  );
}
