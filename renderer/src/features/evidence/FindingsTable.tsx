import type { ReactNode } from 'react';
import { useDeferredValue, useId, useMemo, useState } from 'react';
import type {
  FindingGroup,
  FindingLine,
  FindingQuery,
  FindingSortKey,
} from '../../../../core/evidence/findings-view';
import {
  DEFAULT_FINDING_QUERY,
  FINDING_STATUS_LABELS,
  findingStatus,
  groupFindings,
  selectFindings,
  splitLocation,
  statusCounts,
} from '../../../../core/evidence/findings-view';
import type { Finding, FindingSummary, Severity } from '../../../../core/evidence/model';
import { SEVERITIES } from '../../../../core/evidence/model';
import { counted, formatNumber } from '../../lib/format';
import { SortHeader } from '../../components/SortHeader';
import { VirtualTable } from '../../components/VirtualTable';
import { ExploitReferences } from './ExploitReferences';
import { FindingsToolbar } from './FindingsToolbar';
import { findingsCountText } from './findings-count';
import { useAllFindings } from './useAllFindings';

/**
 * Every finding of one file in a table that draws only the rows in view: search, severity and
 * status filters, sorting by severity, rule or file, grouping by rule, severity or file, and a
 * detail row per finding with its full location and message. The count above it is what the
 * file holds; when fewer are listed, it says how many and why.
 */

type Line = FindingLine | { type: 'detail'; finding: Finding };

const SORTABLE: readonly { key: FindingSortKey; label: string; className: string }[] = [
  { key: 'severity', label: 'Severity', className: 'col-severity' },
  { key: 'rule', label: 'Rule', className: 'col-rule' },
];

export function FindingsPanel({
  sha256,
  fileName,
  findings,
  actions,
  readBudget,
}: {
  sha256: string;
  fileName: string;
  findings: FindingSummary;
  /** The issue cell of a finding (raise one, or the one raised). */
  actions?: ((finding: Finding) => ReactNode) | undefined;
  /** The most findings read from the file (FINDINGS_READ_BUDGET unless a test needs fewer). */
  readBudget?: number;
}) {
  const headingId = useId();
  const all = useAllFindings(sha256, fileName, findings, readBudget);
  const [query, setQuery] = useState<FindingQuery>(DEFAULT_FINDING_QUERY);
  const [group, setGroup] = useState<FindingGroup>('none');
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [open, setOpen] = useState<ReadonlySet<Finding>>(new Set());
  // Typing stays quick on a long list: the table catches up with the search a moment later.
  const search = useDeferredValue(query.search);

  const indexOf = useMemo(() => new Map(all.items.map((row, index) => [row, index])), [all.items]);
  const statuses = useMemo(() => statusCounts(all.items), [all.items]);
  const selected = useMemo(
    () => selectFindings(all.items, { ...query, search }),
    [all.items, query, search],
  );
  const lines = useMemo(() => {
    const grouped = groupFindings(selected, group, collapsed);
    if (open.size === 0) return grouped;
    return grouped.flatMap((line): Line[] =>
      line.type === 'finding' && open.has(line.finding)
        ? [line, { type: 'detail', finding: line.finding }]
        : [line],
    );
  }, [selected, group, collapsed, open]);

  const withComponent = all.items.some((row) => row.component);
  const withExploits = all.items.some((row) => row.exploits);
  const columns = 4 + (withComponent ? 1 : 0) + (withExploits ? 1 : 0) + (actions ? 1 : 0);
  const filtered = search.trim() !== '' || query.severity !== 'all' || query.status !== 'all';

  const toggle = <T,>(set: ReadonlySet<T>, item: T): Set<T> => {
    const next = new Set(set);
    if (next.has(item)) next.delete(item);
    else next.add(item);
    return next;
  };
  const sortHead = (key: FindingSortKey, label: string, className: string) => (
    <SortHeader
      key={key}
      column={key}
      label={label}
      className={className}
      sort={query.sort}
      onSort={(sort) => setQuery((current) => ({ ...current, sort }))}
    />
  );

  return (
    <section className="panel findings-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Findings</h2>
      <FindingsToolbar
        query={query}
        onQuery={(change) => setQuery((current) => ({ ...current, ...change }))}
        group={group}
        onGroup={(next) => {
          setGroup(next);
          setCollapsed(new Set());
        }}
        bySeverity={findings.bySeverity}
        statuses={statuses}
      />
      <p className="muted" role="status" data-testid="findings-count">
        {findingsCountText(all, selected.length, filtered)}
      </p>
      {all.state === 'failed' || (all.state === 'read' && all.items.length < all.total) ? (
        <p className="form-error" role="alert">
          {all.state === 'failed'
            ? `The rest could not be read from the stored file: ${all.reason}.`
            : "The file holds more findings than the reader's budget lists; the counts above include all of them."}
        </p>
      ) : null}
      <VirtualTable<Line>
        label="Findings"
        className="table findings-table"
        rows={lines}
        rowKey={(line) =>
          line.type === 'group'
            ? `g:${line.group.key}`
            : `${line.type === 'detail' ? 'd' : 'f'}:${indexOf.get(line.finding) ?? line.finding.fingerprint}`
        }
        columns={columns}
        estimateHeight={44}
        head={
          <tr>
            {SORTABLE.map((column) => sortHead(column.key, column.label, column.className))}
            <th scope="col" className="col-title">
              Title
            </th>
            {sortHead('file', 'Location', 'col-location')}
            {withComponent ? (
              <th scope="col" className="col-component">
                Component
              </th>
            ) : null}
            {withExploits ? (
              <th scope="col" className="col-exploits">
                Exploits
              </th>
            ) : null}
            {actions ? (
              <th scope="col" className="col-actions">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        }
        cells={(line) => {
          if (line.type === 'group')
            return (
              <td colSpan={columns} className="finding-group">
                <button
                  type="button"
                  className="group-toggle"
                  aria-expanded={line.expanded}
                  onClick={() => setCollapsed((current) => toggle(current, line.group.key))}
                >
                  <span aria-hidden="true">{line.expanded ? '▾ ' : '▸ '}</span>
                  <span className="group-label">{line.group.label}</span>
                </button>{' '}
                <span className="muted">
                  {groupCounts(line.group.count, line.group.bySeverity)}
                </span>
              </td>
            );
          if (line.type === 'detail')
            return <FindingDetail finding={line.finding} columns={columns} />;
          const row = line.finding;
          const expanded = open.has(row);
          return (
            <>
              <td className="col-severity">
                <button
                  type="button"
                  className="detail-toggle"
                  aria-expanded={expanded}
                  aria-label={`Details of ${row.rule} at ${row.location}`}
                  onClick={() => setOpen((current) => toggle(current, row))}
                >
                  <span aria-hidden="true">{expanded ? '▾' : '▸'}</span>
                </button>
                <span className={`badge severity-${row.severity}`}>{row.severity}</span>
              </td>
              <td className="col-rule">
                <code className="cell-clip" title={row.rule}>
                  {row.rule}
                </code>
              </td>
              <td className="col-title wrap">
                {row.title}
                {row.suppression ? (
                  <span className="badge suppression">
                    {FINDING_STATUS_LABELS[findingStatus(row)]}
                  </span>
                ) : null}
              </td>
              <td className="col-location">
                <LocationCell location={row.location} />
              </td>
              {withComponent ? (
                <td className="col-component wrap">{row.component ?? '—'}</td>
              ) : null}
              {withExploits ? (
                <td className="col-exploits">
                  {row.exploits ? <ExploitReferences exploits={row.exploits} /> : '—'}
                </td>
              ) : null}
              {actions ? <td className="row-actions">{actions(row)}</td> : null}
            </>
          );
        }}
      />
    </section>
  );
}

function groupCounts(count: number, bySeverity: Partial<Record<Severity, number>>): string {
  const parts = SEVERITIES.filter((severity) => (bySeverity[severity] ?? 0) > 0).map(
    (severity) => `${formatNumber(bySeverity[severity] ?? 0)} ${severity}`,
  );
  return `${counted(count, 'finding')} (${parts.join(', ')})`;
}

/** A path cut in its folders, never in its file name; the whole in its title and detail row. */
function LocationCell({ location }: { location: string }) {
  const { head, tail } = splitLocation(location);
  return (
    <code className="cell-path" title={location}>
      {head ? <span className="path-head">{head}</span> : null}
      <span className="path-tail">{tail}</span>
    </code>
  );
}

/** A finding in full: where it is, what the tool said, and what identifies it across scans. */
function FindingDetail({ finding, columns }: { finding: Finding; columns: number }) {
  return (
    <td colSpan={columns} className="finding-detail">
      <dl className="facts">
        <dt>Rule</dt>
        <dd>
          <code className="wrap">{finding.rule}</code>
        </dd>
        <dt>Location</dt>
        <dd>
          <code className="wrap">{finding.location || '—'}</code>
        </dd>
        <dt>Message</dt>
        <dd className="wrap">{finding.message ?? '—'}</dd>
        {finding.component ? (
          <>
            <dt>Component</dt>
            <dd className="wrap">{finding.component}</dd>
          </>
        ) : null}
        <dt>Kind</dt>
        <dd>{finding.kind}</dd>
        <dt>Status</dt>
        <dd>{FINDING_STATUS_LABELS[findingStatus(finding)]}</dd>
        <dt>Fingerprint</dt>
        <dd>
          <code className="hash">{finding.fingerprint}</code>
        </dd>
      </dl>
    </td>
  );
}
