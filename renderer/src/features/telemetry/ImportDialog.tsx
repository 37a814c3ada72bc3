import { useState } from 'react';
import { SNIFF_BYTES, detectTelemetry, previewRecords } from '../../../../core/telemetry/detect';
import type { Detection } from '../../../../core/telemetry/detect';
import { FORMATS_OF } from '../../../../core/telemetry/importer';
import type { MetricMappingInput } from '../../../../core/telemetry/metrics';
import { guessMapping } from '../../../../core/telemetry/metrics';
import type { TelemetryFormat, TelemetryKind } from '../../../../core/telemetry/model';
import { KIND_LABELS, TELEMETRY_KINDS } from '../../../../core/telemetry/model';
import { notify } from '../../app/notifications';
import { describeError } from '../../app/notifications';
import { Dialog } from '../../components/Dialog';
import { SelectField, TextField } from '../../components/Field';
import { formatBytes, formatNumber } from '../../lib/format';
import { storeImport } from './commands';
import { MappingFields } from './MappingFields';
import { useImportWorker } from './useImportWorker';
import { FormError } from '../../components/FormFooter';

interface Props {
  open: boolean;
  workspaceId: string;
  onClose: () => void;
}

interface Chosen {
  file: File;
  detection: Detection | null;
  sample: string;
}

const FORMAT_LABELS: Readonly<Record<TelemetryFormat, string>> = {
  text: 'text lines',
  csv: 'CSV',
  json: 'JSON',
  ndjson: 'NDJSON',
  report: 'tool report (Puppet, Chef, AIDE, Tripwire)',
};

const INTERVALS = [
  { minutes: 1, label: '1 minute' },
  { minutes: 5, label: '5 minutes' },
  { minutes: 15, label: '15 minutes' },
  { minutes: 60, label: '1 hour' },
];

export function ImportDialog({ open, workspaceId, onClose }: Props) {
  return (
    <Dialog open={open} title="Import telemetry" onClose={onClose} wide>
      <ImportForm workspaceId={workspaceId} onClose={onClose} />
    </Dialog>
  );
}

function ImportForm({ workspaceId, onClose }: { workspaceId: string; onClose: () => void }) {
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [kind, setKind] = useState<TelemetryKind>('access-log');
  const [format, setFormat] = useState<TelemetryFormat>('text');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [intervalMinutes, setIntervalMinutes] = useState(1);
  const [host, setHost] = useState('');
  const [mapping, setMapping] = useState<MetricMappingInput | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { run, start, cancel } = useImportWorker();
  const running = run.state === 'running';
  const preview = chosen && kind === 'metrics' ? previewRecords(chosen.sample, format) : null;

  const choose = async (file: File | undefined) => {
    setError(null);
    if (!file) return setChosen(null);
    const sample = await file.slice(0, SNIFF_BYTES).text();
    const detection = detectTelemetry(sample);
    setChosen({ file, detection, sample });
    if (detection) {
      setKind(detection.kind);
      setFormat(detection.format);
      if (detection.kind === 'metrics') {
        const rows = previewRecords(sample, detection.format);
        setMapping(guessMapping(rows.columns, rows.rows));
      }
    }
  };

  const changeKind = (next: TelemetryKind) => {
    setKind(next);
    const formats = FORMATS_OF[next];
    if (!formats.includes(format)) setFormat(formats[0] ?? 'text');
    if (next === 'metrics' && chosen && mapping === null) {
      const rows = previewRecords(
        chosen.sample,
        formats.includes(format) ? format : (formats[0] ?? 'csv'),
      );
      setMapping(guessMapping(rows.columns, rows.rows));
    }
  };

  const submit = async () => {
    if (!chosen) return setError('Choose a file to import.');
    setError(null);
    const outcome = await start(chosen.file, {
      kind,
      format,
      bucketMs: intervalMinutes * 60_000,
      host: host.trim(),
      ...(kind === 'auth-log' ? { year: Number(year) } : {}),
      ...(kind === 'metrics' && mapping ? { mapping } : {}),
    });
    if (outcome.state === 'failed') return setError(`${chosen.file.name}: ${outcome.message}`);
    if (outcome.state !== 'done') return undefined;
    try {
      const stored = await storeImport(
        workspaceId,
        {
          name: chosen.file.name,
          size: chosen.file.size,
          sha256: outcome.sha256,
          host: host.trim(),
        },
        outcome.result,
      );
      const skipped =
        outcome.result.rejected > 0
          ? `, ${formatNumber(outcome.result.rejected)} lines skipped`
          : '';
      const notes = outcome.result.notes.length > 0 ? ` ${outcome.result.notes.join(' ')}` : '';
      const silences =
        stored.silences > 0
          ? ` (${stored.silences} silent source${stored.silences === 1 ? '' : 's'})`
          : '';
      notify(
        'success',
        `Imported ${chosen.file.name}: ${formatNumber(outcome.result.lines)} lines${skipped}, ${stored.alerts} alert${stored.alerts === 1 ? '' : 's'}${silences}.${notes}`,
      );
      onClose();
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="field">
        <label htmlFor="telemetry-file">Telemetry file</label>
        <input
          id="telemetry-file"
          type="file"
          disabled={running}
          onChange={(event) => void choose(event.target.files?.[0])}
          aria-describedby="telemetry-file-hint"
        />
        <p id="telemetry-file-hint" className="field-hint">
          nginx/Apache access logs, auth.log (sshd), JSON login events, metric exports (CSV, JSON,
          NDJSON), change events (CSV, JSON, CloudTrail, dpkg.log, Puppet and Chef Infra run
          reports, AIDE and Tripwire reports, OSSEC/Wazuh alerts.json). Files of any size are
          streamed.
        </p>
      </div>
      {chosen ? (
        <p className="muted" role="status">
          {chosen.file.name} ({formatBytes(chosen.file.size)}):{' '}
          {chosen.detection
            ? `recognised as ${chosen.detection.reason}.`
            : 'not recognised; choose what it holds.'}
        </p>
      ) : null}
      <div className="form-grid">
        <SelectField
          label="What the file holds"
          value={kind}
          onChange={(event) => changeKind(event.target.value as TelemetryKind)}
          disabled={running}
        >
          {TELEMETRY_KINDS.map((option) => (
            <option key={option} value={option}>
              {KIND_LABELS[option]}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Format"
          value={format}
          onChange={(event) => setFormat(event.target.value as TelemetryFormat)}
          disabled={running}
        >
          {FORMATS_OF[kind].map((option) => (
            <option key={option} value={option}>
              {FORMAT_LABELS[option]}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Interval"
          value={intervalMinutes}
          onChange={(event) => setIntervalMinutes(Number(event.target.value))}
          disabled={running}
          hint="Counts are added up per interval."
        >
          {INTERVALS.map((option) => (
            <option key={option.minutes} value={option.minutes}>
              {option.label}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Host"
          value={host}
          maxLength={200}
          placeholder="as named in the file"
          onChange={(event) => setHost(event.target.value)}
          hint="For lines and reports that name no host (access logs, AIDE reports)."
          disabled={running}
        />
        {kind === 'auth-log' ? (
          <TextField
            label="Year of the log"
            type="number"
            min={1970}
            max={9999}
            value={year}
            onChange={(event) => setYear(event.target.value)}
            hint="Syslog time stamps have no year; they are read as UTC."
            disabled={running}
          />
        ) : null}
      </div>
      {kind === 'metrics' && preview && mapping ? (
        <MappingFields
          columns={preview.columns}
          rows={preview.rows}
          mapping={mapping}
          onChange={setMapping}
        />
      ) : null}
      {run.state === 'running' ? (
        <div className="import-progress">
          <progress aria-label="Import progress" max={Math.max(1, run.total)} value={run.bytes} />
          <span className="muted">
            {formatBytes(run.bytes)} of {formatBytes(run.total)}, {formatNumber(run.lines)} lines
          </span>
        </div>
      ) : null}
      <FormError message={error} />
      <div className="dialog-actions">
        {running ? (
          <button type="button" className="button" onClick={cancel}>
            Cancel import
          </button>
        ) : (
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        )}
        <button type="submit" className="button primary" disabled={running || !chosen}>
          {running ? 'Importing…' : 'Import'}
        </button>
      </div>
    </form>
  );
}
