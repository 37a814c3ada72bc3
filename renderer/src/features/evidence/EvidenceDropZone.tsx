import { ReadingFlagBadge } from '../../components/ReadingFlag';
import { useId, useRef, useState } from 'react';
import type { LinkTarget } from '../../../../core/model';
import { notifyError } from '../../app/notifications';
import { formatBytes } from '../../lib/format';
import type { IngestedFile, IngestProgress } from './ingest';
import { ingestEach } from './ingest';
import { useSecretsChoice } from './SecretsDialog';

interface Props {
  workspaceId: string;
  /** Every dropped file is also attached to these (a control, a demo item ...). */
  links?: readonly LinkTarget[];
  /** Called with what was stored, in the order the files were given. */
  onIngested?: (files: IngestedFile[]) => void;
  /** Accessible name of the zone, e.g. "Attach evidence to this demo item". */
  label?: string;
  /** Lets a page open the file picker from a keyboard command. */
  pickerRef?: React.RefObject<HTMLInputElement | null>;
}

const PHASES: Readonly<Record<IngestProgress['phase'], string>> = {
  waiting: 'Waiting to read',
  reading: 'Hashing and reading',
  storing: 'Storing',
  done: 'Stored',
};

function percentOf(file: IngestProgress): number {
  if (file.size === 0) return file.phase === 'waiting' ? 0 : 100;
  return Math.round((Math.min(file.hashedBytes, file.parsedBytes) / file.size) * 100);
}

/**
 * Drop files or pick them: each is hashed and parsed in workers, with progress and cancel,
 * and stored once per content. Reusable wherever evidence is attached (Evidence area, demo
 * items in presenter mode); the caller learns the stored evidence ids through `onIngested`.
 */
export function EvidenceDropZone({
  workspaceId,
  links,
  onIngested,
  label = 'Attach evidence',
  pickerRef,
}: Props) {
  const inputId = useId();
  const ownInput = useRef<HTMLInputElement>(null);
  const input = pickerRef ?? ownInput;
  const [dragging, setDragging] = useState(false);
  // One entry per file being ingested: several are read at once.
  const [progress, setProgress] = useState<ReadonlyMap<number, IngestProgress> | null>(null);
  const [results, setResults] = useState<IngestedFile[]>([]);
  const controller = useRef<AbortController | null>(null);
  const secrets = useSecretsChoice();

  const ingest = (files: File[]): void => {
    if (files.length === 0 || controller.current) return;
    const abort = new AbortController();
    controller.current = abort;
    setProgress(new Map());
    const options = {
      workspaceId,
      signal: abort.signal,
      onProgress: (file: IngestProgress) =>
        setProgress((current) => new Map(current ?? []).set(file.fileIndex, file)),
      chooseCopy: secrets.chooseCopy,
      ...(links ? { links } : {}),
    };
    // Each file has its own outcome: one refused or failing never hides the ones stored.
    ingestEach(files, options)
      .then((outcomes) => {
        const stored = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.file] : []));
        setResults(stored);
        if (stored.length > 0) onIngested?.(stored);
        for (const outcome of outcomes)
          if (!outcome.ok && !outcome.canceled)
            notifyError(outcome.error, `${outcome.fileName} not attached`);
      })
      .catch((error: unknown) => notifyError(error, 'Attaching evidence failed'))
      .finally(() => {
        controller.current = null;
        setProgress(null);
        if (input.current) input.current.value = '';
      });
  };

  const busy = progress !== null;
  return (
    <section className="drop-zone-region" aria-label={label}>
      <div
        className={dragging ? 'drop-zone dragging' : 'drop-zone'}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          ingest([...event.dataTransfer.files]);
        }}
        data-testid="evidence-drop-zone"
      >
        <p>Drop pipeline output here: test reports, SARIF, scans, SBOMs, logs, screenshots.</p>
        <label htmlFor={inputId} className="button primary">
          Choose files…
        </label>
        <input
          id={inputId}
          ref={input}
          type="file"
          multiple
          className="visually-hidden"
          aria-label="Evidence files"
          disabled={busy}
          onChange={(event) => ingest([...(event.target.files ?? [])])}
        />
      </div>
      {progress ? (
        <div className="ingest-progress" role="status">
          <ul aria-label="Files being attached">
            {[...progress.values()]
              .filter((file) => file.phase !== 'done')
              .map((file) => (
                <li key={file.fileIndex}>
                  <span>
                    {PHASES[file.phase]} {file.fileName} ({file.fileIndex + 1} of {file.fileCount},{' '}
                    {formatBytes(file.size)})
                  </span>
                  <progress
                    max={100}
                    value={percentOf(file)}
                    aria-label={`Progress for ${file.fileName}`}
                  >
                    {percentOf(file)}%
                  </progress>
                </li>
              ))}
          </ul>
          <button
            type="button"
            className="button small"
            onClick={() => controller.current?.abort()}
          >
            Cancel
          </button>
        </div>
      ) : null}
      {results.length > 0 ? (
        <ul className="ingest-results" aria-label="Just attached">
          {results.map((result) => (
            <li key={result.evidenceId}>
              <strong>{result.fileName}</strong> — {result.format}
              {result.parseError ? (
                <span className="form-error"> stored, but not readable: {result.parseError}</span>
              ) : result.flag ? (
                <span className="form-error">
                  {' '}
                  <ReadingFlagBadge flag={result.flag} />
                  {result.headline}
                </span>
              ) : null}
              {result.redacted !== null ? (
                <span>
                  ; redacted copy stored ({result.redacted} secret
                  {result.redacted === 1 ? '' : 's'} replaced)
                </span>
              ) : null}
              {result.changes ? <span className="drift-line">; {result.changes}</span> : null}
              {result.reusedContent ? (
                <span className="muted"> (same content already stored: reused)</span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {secrets.dialog}
    </section>
  );
}
