import { useCallback, useMemo, useRef, useState } from 'react';
import { ReadingFlagBadge } from '../../components/ReadingFlag';
import { Link } from 'wouter';
import type { Evidence } from '../../../../core/model';
import { useRegisterCommands } from '../../app/commands/registry';
import { VirtualTable } from '../../components/VirtualTable';
import type { PagedWindow } from '../../lib/paged';
import { formatBytes, formatNumber, todayIso } from '../../lib/format';
import { collectUnusedContent } from './commands';
import { FreshnessBadge, datingText, freshnessOfEvidence } from './Dating';
import { EvidenceDropZone } from './EvidenceDropZone';
import type { EvidenceFilters } from './list-query';
import { PipelineBundlePanel } from './PipelineBundlePanel';
import { useControlsOf, useEvidenceFacets, useEvidencePages } from './queries';
import { FormError } from '../../components/FormFooter';
import { offered } from '../../app/commands/offered';

/**
 * Every piece of evidence in the workspace, newest first, searchable by words of its name, tool,
 * summary and linked controls, and filterable by format, source and freshness (stale and undated files are the ones not fresh). Rows are read a page at a
 * time as the reader scrolls and only those in view are drawn, so the list opens and closes as
 * quickly with fifty thousand files as with fifty.
 */
export function EvidenceList({ workspaceId }: { workspaceId: string }) {
  const picker = useRef<HTMLInputElement>(null);
  const [format, setFormat] = useState('');
  const [source, setSource] = useState('');
  const [text, setText] = useState('');
  const [notFreshOnly, setNotFreshOnly] = useState(false);
  const searchInput = useRef<HTMLInputElement>(null);
  const commands = useMemo(
    () => [
      { ...offered('evidence.attach'), run: () => picker.current?.click() },
      { ...offered('evidence.search'), run: () => searchInput.current?.focus() },
    ],
    [],
  );
  useRegisterCommands(commands);
  const today = todayIso();
  const filters: EvidenceFilters = { format, source, text, notFreshOnly, today };
  const list = useEvidencePages(workspaceId, filters);
  const facets = useEvidenceFacets(workspaceId);
  const [onScreen, setOnScreen] = useState<readonly Evidence[]>([]);
  const controls = useControlsOf(useMemo(() => onScreen.map((row) => row.id), [onScreen]));
  const showRows = useCallback((rows: readonly Evidence[]) => setOnScreen(rows), []);
  const rows = list.data?.rows ?? [];
  const stored = facets.data ? facets.data.formats.length > 0 : undefined;
  const filtered = format !== '' || source !== '' || text.trim() !== '' || notFreshOnly;

  return (
    <div className="page">
      <header className="page-header">
        <h1>Evidence</h1>
        <p className="lead">
          The pipeline’s output, hashed, understood and compared with the previous run.
        </p>
      </header>
      <EvidenceDropZone
        workspaceId={workspaceId}
        pickerRef={picker}
        onIngested={() => void collectUnusedContent()}
      />
      <PipelineBundlePanel workspaceId={workspaceId} />
      <section className="panel" aria-labelledby="evidence-list-heading">
        <h2 id="evidence-list-heading">Attached evidence</h2>
        <div className="filters" role="group" aria-label="Filter evidence">
          <label>
            Format
            <select value={format} onChange={(event) => setFormat(event.target.value)}>
              <option value="">All formats</option>
              {(facets.data?.formats ?? []).map((item) => (
                <option key={item}>{item}</option>
              ))}
            </select>
          </label>
          <label>
            Source
            <select value={source} onChange={(event) => setSource(event.target.value)}>
              <option value="">All sources</option>
              {(facets.data?.sources ?? []).map((item) => (
                <option key={item} value={item}>
                  {item.slice(item.indexOf('|') + 1)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Search
            <input
              ref={searchInput}
              type="search"
              aria-keyshortcuts="Control+Shift+F"
              value={text}
              onChange={(event) => setText(event.target.value)}
              placeholder="name, tool, summary or control"
            />
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={notFreshOnly}
              onChange={(event) => setNotFreshOnly(event.target.checked)}
            />
            Stale or undated only
          </label>
        </div>
        <FormError message={list.error?.message ?? facets.error?.message} />
        {stored === false ? (
          <p className="empty">No evidence yet. Drop a pipeline report above.</p>
        ) : null}
        {list.data && stored ? (
          <p className="muted" role="status">
            {countText(list.data, filtered)}
          </p>
        ) : null}
        {rows.length > 0 ? (
          <VirtualTable
            label="Evidence"
            rows={rows}
            totalRows={list.data?.complete ? rows.length : list.data?.total}
            rowKey={(row) => row.id}
            columns={6}
            estimateHeight={42}
            onNearEnd={list.loadMore}
            onVisibleChange={showRows}
            head={
              <tr>
                <th scope="col">File</th>
                <th scope="col">Format</th>
                <th scope="col">Summary</th>
                <th scope="col">Controls</th>
                <th scope="col">Period</th>
                <th scope="col">Size</th>
              </tr>
            }
            cells={(row) => (
              <>
                <th scope="row">
                  <Link href={`/${row.id}`}>{row.fileName}</Link>
                  <FreshnessBadge freshness={freshnessOfEvidence(row, today)} />
                </th>
                <td>{row.format}</td>
                <td className="clamp">
                  {row.parseError ? (
                    <span className="form-error">Not readable: {row.parseError}</span>
                  ) : row.flag ? (
                    <span className="form-error">
                      <ReadingFlagBadge flag={row.flag} />
                      {row.headline}
                    </span>
                  ) : (
                    row.headline
                  )}
                </td>
                <td>
                  {controls.data === undefined
                    ? '…'
                    : (controls.data.get(row.id) ?? []).join(', ') || '—'}
                </td>
                <td className="nowrap">{datingText(row)}</td>
                <td className="nowrap">{formatBytes(row.size)}</td>
              </>
            )}
          />
        ) : null}
        {stored && list.data?.complete && rows.length === 0 ? (
          <p className="empty">No evidence matches these filters.</p>
        ) : null}
      </section>
    </div>
  );
}

/** How many files the list holds; a count that is still being read says so. */
function countText(window: PagedWindow<Evidence>, filtered: boolean): string {
  const files = (n: number) => `${formatNumber(n)} ${n === 1 ? 'file' : 'files'}`;
  const verb = filtered ? ' match' : '';
  if (window.complete) return `${files(window.rows.length)}${verb}`;
  if (window.exact) return `${files(window.total)}${verb}, newest first`;
  return `At least ${files(window.rows.length)} of ${formatNumber(window.total)} match; more are read as you scroll`;
}
