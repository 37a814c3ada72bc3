import { useMemo, useRef, useState } from 'react';
import { ReadingFlagBadge } from '../../components/ReadingFlag';
import { Link } from 'wouter';
import { useRegisterCommands } from '../../app/commands/registry';
import { formatBytes, todayIso } from '../../lib/format';
import { collectUnusedContent } from './commands';
import { FreshnessBadge, datingText, freshnessOfEvidence } from './Dating';
import { EvidenceDropZone } from './EvidenceDropZone';
import { useEvidenceList, useWorkspaceLinks } from './queries';
import { FormError } from '../../components/FormFooter';
import { sortNatural } from '../../../../core/util/natural';
import { offered } from '../../app/commands/offered';

/**
 * Every piece of evidence in the workspace, newest first, filterable by format, source, control
 * and freshness (stale and undated files are the ones not fresh).
 */
export function EvidenceList({ workspaceId }: { workspaceId: string }) {
  const evidence = useEvidenceList(workspaceId);
  const links = useWorkspaceLinks(workspaceId);
  const picker = useRef<HTMLInputElement>(null);
  const [format, setFormat] = useState('');
  const [source, setSource] = useState('');
  const [control, setControl] = useState('');
  const [notFreshOnly, setNotFreshOnly] = useState(false);
  const [search, setSearch] = useState('');
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
  const rows = evidence.data ?? [];
  const controlsByEvidence = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const link of links.data ?? []) {
      if (link.targetType !== 'control') continue;
      map.set(link.evidenceId, sortNatural([...(map.get(link.evidenceId) ?? []), link.targetId]));
    }
    return map;
  }, [links.data]);
  const formats = [...new Set(rows.map((row) => row.format))].sort();
  const sources = [...new Set(rows.map((row) => row.sourceKey))].sort();
  const needle = control.trim().toLowerCase();
  const words = search.trim().toLowerCase();
  const visible = rows.filter(
    (row) =>
      (format === '' || row.format === format) &&
      (source === '' || row.sourceKey === source) &&
      (needle === '' ||
        (controlsByEvidence.get(row.id) ?? []).some((ref) => ref.toLowerCase().includes(needle))) &&
      (!notFreshOnly || freshnessOfEvidence(row, today) !== 'fresh') &&
      (words === '' ||
        [row.fileName, row.headline, row.format, row.sourceKey].some((text) =>
          text.toLowerCase().includes(words),
        )),
  );

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
      <section className="panel" aria-labelledby="evidence-list-heading">
        <h2 id="evidence-list-heading">Attached evidence</h2>
        <div className="filters" role="group" aria-label="Filter evidence">
          <label>
            Search
            <input
              ref={searchInput}
              type="search"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              placeholder="File, summary or source"
              aria-keyshortcuts="Control+Shift+F"
            />
          </label>
          <label>
            Format
            <select value={format} onChange={(event) => setFormat(event.target.value)}>
              <option value="">All formats</option>
              {formats.map((item) => (
                <option key={item}>{item}</option>
              ))}
            </select>
          </label>
          <label>
            Source
            <select value={source} onChange={(event) => setSource(event.target.value)}>
              <option value="">All sources</option>
              {sources.map((item) => (
                <option key={item} value={item}>
                  {item.slice(item.indexOf('|') + 1)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Control
            <input
              type="search"
              value={control}
              onChange={(event) => setControl(event.target.value)}
              placeholder="e.g. ra-5"
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
        <FormError message={evidence.error?.message} />
        {evidence.data && rows.length === 0 ? (
          <p className="empty">No evidence yet. Drop a pipeline report above.</p>
        ) : null}
        {rows.length > 0 ? (
          <table className="table evidence-table" aria-label="Evidence">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Format</th>
                <th scope="col">Summary</th>
                <th scope="col">Controls</th>
                <th scope="col">Period</th>
                <th scope="col">Size</th>
              </tr>
            </thead>
            <tbody>
              {visible.map((row) => {
                return (
                  <tr key={row.id}>
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
                    <td>{(controlsByEvidence.get(row.id) ?? []).join(', ') || '—'}</td>
                    <td className="nowrap">{datingText(row)}</td>
                    <td className="nowrap">{formatBytes(row.size)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
        {rows.length > 0 && visible.length === 0 ? (
          <p className="empty">No evidence matches these filters.</p>
        ) : null}
      </section>
    </div>
  );
}
