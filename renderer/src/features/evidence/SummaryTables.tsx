import type { ReactNode } from 'react';
import type { PortRef } from '../../../../core/evidence/diff';
import { openPorts } from '../../../../core/evidence/diff';
import type { ChangeItem } from '../../../../core/change-reports/model';
import { formatTime } from '../../../../core/charts/layout';
import type {
  Check,
  Component,
  EvidenceSummary,
  Finding,
  TestCase,
} from '../../../../core/evidence/model';
import { SEVERITIES } from '../../../../core/evidence/model';
import { FindingsPanel } from './FindingsTable';
import type { Column } from './DataTable';
import { TablePanel } from './DataTable';

/**
 * The changes, findings, tests, checks, ports and components of one summary, each in a sortable,
 * filterable table; findings in their own (FindingsTable.tsx), which lists every finding of the
 * file. `findingIssues` is the issues feature's column (see slots.ts): every finding carries its
 * fingerprint, rule, severity and location, which is what an issue needs.
 */

/** The issue column of the findings table, bound to the file shown. */
export interface FindingIssueActions {
  raise: (finding: Finding) => void;
  raisedIssueOf: (finding: Finding) => ReactNode | null;
}

const severityRank = (severity: string): number =>
  SEVERITIES.indexOf(severity as (typeof SEVERITIES)[number]);

const TEST_COLUMNS: readonly Column<TestCase>[] = [
  {
    key: 'status',
    label: 'Status',
    width: '7.5rem',
    value: (row) => row.status,
    render: (row) => <span className={`badge status-${row.status}`}>{row.status}</span>,
  },
  { key: 'suite', label: 'Suite', width: '22%', value: (row) => row.suite },
  { key: 'name', label: 'Test', width: '30%', value: (row) => row.name },
  {
    key: 'duration',
    label: 'Seconds',
    width: '6.5rem',
    value: (row) => row.durationSeconds ?? -1,
    render: (row) => row.durationSeconds ?? '—',
  },
  { key: 'message', label: 'Message', value: (row) => row.message ?? '' },
];

const CHECK_COLUMNS: readonly Column<Check>[] = [
  {
    key: 'status',
    label: 'Result',
    width: '7rem',
    value: (row) => row.status,
    render: (row) => <span className={`badge check-${row.status}`}>{row.status}</span>,
  },
  {
    key: 'severity',
    label: 'Severity',
    width: '7.5rem',
    value: (row) => row.severity,
    rank: (row) => severityRank(row.severity),
  },
  {
    key: 'id',
    label: 'Check',
    width: '30%',
    value: (row) => row.id,
    render: (row) => <code className="wrap">{row.id}</code>,
  },
  { key: 'title', label: 'Title', value: (row) => row.title },
];

const CHANGE_COLUMNS: readonly Column<ChangeItem>[] = [
  {
    key: 'action',
    label: 'Change',
    width: '10rem',
    value: (row) => row.action,
    render: (row) => (
      <span className={`badge change-${row.action}`}>
        {row.action}
        {row.corrective ? ' (corrective)' : ''}
      </span>
    ),
  },
  { key: 'kind', label: 'Kind', width: '8rem', value: (row) => row.kind },
  {
    key: 'name',
    label: 'Name',
    width: '22%',
    value: (row) => row.name,
    render: (row) => <code className="wrap">{row.name}</code>,
  },
  { key: 'host', label: 'Host', width: '14%', value: (row) => row.host },
  {
    key: 'at',
    label: 'When (UTC)',
    width: '11rem',
    value: (row) => row.at ?? -1,
    render: (row) => (row.at === null ? '—' : formatTime(row.at)),
  },
  { key: 'detail', label: 'Detail', value: (row) => row.detail },
];

const PORT_COLUMNS: readonly Column<PortRef>[] = [
  { key: 'host', label: 'Host', value: (row) => row.host },
  { key: 'port', label: 'Port', value: (row) => row.port },
  { key: 'protocol', label: 'Protocol', value: (row) => row.protocol },
  { key: 'service', label: 'Service', value: (row) => row.service },
];

const COMPONENT_COLUMNS: readonly Column<Component>[] = [
  { key: 'name', label: 'Component', width: '35%', value: (row) => row.name },
  { key: 'version', label: 'Version', width: '20%', value: (row) => row.version },
  { key: 'type', label: 'Type', width: '10rem', value: (row) => row.type ?? '' },
  { key: 'licenses', label: 'Licences', value: (row) => row.licenses.join(', ') },
];

export function SummaryTables({
  file,
  summary,
  findingIssues,
}: {
  /** The stored file the summary is of (the findings table reads it past the summary's list). */
  file: { sha256: string; fileName: string };
  summary: EvidenceSummary;
  findingIssues?: FindingIssueActions | undefined;
}) {
  const raiseIssue = findingIssues
    ? (row: Finding) =>
        findingIssues.raisedIssueOf(row) ?? (
          <button
            type="button"
            className="button small"
            onClick={() => findingIssues.raise(row)}
            aria-label={`Raise an issue for ${row.rule} at ${row.location}`}
          >
            Raise issue
          </button>
        )
    : undefined;
  const { findings, tests, checks, components, changes } = summary;
  return (
    <>
      {changes && changes.total > 0 ? (
        <TablePanel
          caption="Changes"
          noun="change"
          rows={changes.items}
          totalCount={changes.total}
          columns={CHANGE_COLUMNS}
          rowKey={(row, index) => `${row.action}|${row.name}|${index}`}
        />
      ) : null}
      {findings && findings.total > 0 ? (
        <FindingsPanel
          sha256={file.sha256}
          fileName={file.fileName}
          findings={findings}
          actions={raiseIssue}
        />
      ) : null}
      {tests && tests.total > 0 ? (
        <TablePanel
          caption="Tests"
          noun="test"
          rows={tests.cases}
          totalCount={tests.total}
          columns={TEST_COLUMNS}
          rowKey={(row, index) => `${row.key}-${index}`}
        />
      ) : null}
      {checks && checks.total > 0 ? (
        <TablePanel
          caption="Checks"
          noun="check"
          rows={checks.items}
          totalCount={checks.total}
          columns={CHECK_COLUMNS}
          rowKey={(row, index) => `${row.id}-${index}`}
        />
      ) : null}
      {summary.hosts ? (
        <TablePanel
          caption="Open ports"
          noun="open port"
          rows={openPorts(summary)}
          columns={PORT_COLUMNS}
          rowKey={(row) => `${row.host}|${row.protocol}|${row.port}`}
        />
      ) : null}
      {components && components.total > 0 ? (
        <TablePanel
          caption="Components"
          noun="component"
          rows={components.items}
          totalCount={components.total}
          columns={COMPONENT_COLUMNS}
          rowKey={(row, index) => `${row.key}@${row.version}-${index}`}
        />
      ) : null}
    </>
  );
}
