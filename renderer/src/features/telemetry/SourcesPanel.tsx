import { useState } from 'react';
import { formatPeriod, formatTime } from '../../../../core/charts/layout';
import type { SilenceRule } from '../../../../core/telemetry/model';
import type { SourceAssessment, SourcesAssessment } from '../../../../core/telemetry/silence';
import {
  MIN_GAPS_TO_LEARN,
  describeSource,
  formatDuration,
} from '../../../../core/telemetry/silence';
import { notify } from '../../app/notifications';
import { CadenceDialog } from './CadenceDialog';
import { reevaluateAlerts, setSourceCadence } from './commands';
import { readImportSeries } from './queries';
import { counted, formatNumber } from '../../lib/format';

interface Props {
  workspaceId: string;
  sources: SourcesAssessment;
  rule: SilenceRule | null;
  /** Files with no arrival record (imported before it was kept). */
  unrecorded: readonly string[];
}

/**
 * Proof that telemetry arrives: every source (host × kind) with its first and last line, lines
 * per hour, the cadence it is judged by (learned or set) and the silences found, so a host whose
 * log stopped is told apart from a host nobody attacks.
 */
export function SourcesPanel({ workspaceId, sources, rule, unrecorded }: Props) {
  const [editing, setEditing] = useState<SourceAssessment | null>(null);
  const silent = sources.sources.filter((one) => one.silences.length > 0).length;
  const save = async (key: string, minutes: number | null) => {
    await setSourceCadence(workspaceId, key, minutes);
    const alerts = await reevaluateAlerts(workspaceId, readImportSeries);
    notify(
      'success',
      `Cadence ${minutes === null ? 'learned from history again' : 'saved'}; ${alerts} alert${alerts === 1 ? '' : 's'} on the imported telemetry.`,
    );
  };
  return (
    <section className="panel" aria-labelledby="sources-heading">
      <div className="panel-header">
        <h2 id="sources-heading">Sources</h2>
        <span className="muted">
          {counted(sources.sources.length, 'source')}
          {silent > 0 ? `, ${silent} with silences` : ''}
        </span>
      </div>
      <p className="muted small">
        {rule === null || !rule.enabled
          ? 'No silent-source rule is on, so silences are not judged; setting a cadence adds the rule.'
          : `A source is silent when it sends nothing for longer than ${formatNumber(rule.tolerance)} × its cadence (at least ${rule.minimumMinutes} min), or ends that much before the others. A cadence is learned from at least ${MIN_GAPS_TO_LEARN} gaps between the minutes a source sent lines, or set here.`}
      </p>
      {unrecorded.length > 0 ? (
        <p className="sources-unrecorded" role="note">
          {unrecordedNote(unrecorded)}
        </p>
      ) : null}
      <table className="table compact" aria-label="Sources">
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">First seen</th>
            <th scope="col">Last seen</th>
            <th scope="col" className="num">
              Lines
            </th>
            <th scope="col" className="num">
              Lines per hour
            </th>
            <th scope="col">Cadence</th>
            <th scope="col">Silences</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sources.sources.map((one) => (
            <SourceRow key={one.key} source={one} onEdit={() => setEditing(one)} />
          ))}
        </tbody>
      </table>
      <CadenceDialog source={editing} onSave={save} onClose={() => setEditing(null)} />
    </section>
  );
}

/** Says which files' sources the table cannot show, rather than leave them out unsaid. */
export function unrecordedNote(files: readonly string[]): string {
  const shown = files.slice(0, 5).join(', ');
  const more = files.length > 5 ? ` and ${files.length - 5} more` : '';
  const one = files.length === 1;
  return `${one ? 'One file was' : `${files.length} files were`} imported before the app recorded when sources send lines (${shown}${more}): ${one ? 'its' : 'their'} sources are not listed here and not judged for silences. Remove ${one ? 'it' : 'them'} and import ${one ? 'it' : 'them'} again to judge ${one ? 'its' : 'their'} sources.`;
}

function SourceRow({ source, onEdit }: { source: SourceAssessment; onEdit: () => void }) {
  const name = describeSource(source.source);
  const { cadence, allowedMs, silences } = source;
  return (
    <tr className={silences.length > 0 ? 'row-silent' : undefined}>
      <th scope="row">{name}</th>
      <td className="nowrap">{formatTime(source.source.first)}</td>
      <td className="nowrap">{formatTime(source.source.last)}</td>
      <td className="num">{formatNumber(source.source.lines)}</td>
      <td className="num">
        {source.linesPerHour === null ? '—' : formatNumber(source.linesPerHour)}
      </td>
      <td>
        {cadence === null
          ? 'not enough history'
          : `${formatDuration(cadence.ms)} (${cadence.origin})`}
        {allowedMs !== null ? (
          <div className="muted small">silent after {formatDuration(allowedMs)}</div>
        ) : null}
      </td>
      <td>
        {allowedMs === null ? (
          <span className="muted">not judged</span>
        ) : silences.length === 0 ? (
          'none'
        ) : (
          <ul className="plain-list" aria-label={`Silences of ${name}`}>
            {silences.map((silence) => (
              <li key={silence.from}>
                {formatPeriod(silence.from, silence.to)} (
                {formatDuration(silence.to - silence.from)}
                {silence.ending ? ', stopped before the others' : ''})
              </li>
            ))}
          </ul>
        )}
      </td>
      <td className="row-actions">
        <button
          type="button"
          className="button small"
          onClick={onEdit}
          aria-label={`Set the cadence of ${name}`}
        >
          Cadence…
        </button>
      </td>
    </tr>
  );
}
