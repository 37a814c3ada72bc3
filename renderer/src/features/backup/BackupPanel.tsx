import { useCallback, useEffect, useRef, useState } from 'react';
import type { BackupFileInfo } from '../../../../core/ipc/contract';
import { getApi } from '../../app/api';
import { notify, notifyError } from '../../app/notifications';
import { SelectField, TextField } from '../../components/Field';
import { formatBytes, formatDateTime, formatNumber } from '../../lib/format';
import { updateSetting } from '../settings/commands';
import { useSetting } from '../settings/queries';
import { BackupCancelledError, backUpNow } from './commands';
import { RestoreDialog } from './RestoreDialog';
import './backup.css';

const INTERVALS = [
  { hours: 1, label: 'Every hour' },
  { hours: 6, label: 'Every 6 hours' },
  { hours: 24, label: 'Every day' },
  { hours: 168, label: 'Every week' },
];

/** Settings → Backups: back up now, automatic backups with retention, restore. */
export function BackupPanel() {
  const schedule = useSetting('backupSchedule');
  const lastBackup = useSetting('lastBackup');
  const [folder, setFolder] = useState<string | null>(null);
  const [backups, setBackups] = useState<BackupFileInfo[]>([]);
  const [progress, setProgress] = useState<string | null>(null);
  const [restoring, setRestoring] = useState(false);
  const stop = useRef<AbortController | null>(null);

  const refresh = useCallback(() => {
    getApi()
      .backupList()
      .then(
        (listing) => {
          setFolder(listing.folder);
          setBackups(listing.backups);
        },
        () => undefined,
      );
  }, []);
  useEffect(refresh, [refresh, lastBackup.data]);

  const current = schedule.data ?? { enabled: false, everyHours: 24, keep: 14 };
  const update = (change: Partial<typeof current>): void => {
    void updateSetting('backupSchedule', change).catch(notifyError);
  };
  const runNow = (): void => {
    setProgress('Starting…');
    const controller = new AbortController();
    stop.current = controller;
    backUpNow(
      'dialog',
      ({ table, rows, bytes }) =>
        setProgress(
          `Backing up ${table}: ${formatNumber(rows)} rows, ${formatBytes(bytes)} written`,
        ),
      controller.signal,
    )
      .then(
        (result) => {
          if (result) notify('success', `Backup saved: ${result.path}`);
        },
        (error: unknown) => {
          if (error instanceof BackupCancelledError) notify('info', error.message);
          else notifyError(error);
        },
      )
      .finally(() => {
        stop.current = null;
        setProgress(null);
      });
  };

  return (
    <section className="panel" aria-labelledby="backups-heading">
      <div className="panel-header">
        <h2 id="backups-heading">Backups</h2>
        <div className="row-actions">
          <button type="button" className="button" onClick={() => setRestoring(true)}>
            Restore from a backup…
          </button>
          <button
            type="button"
            className="button primary"
            onClick={runNow}
            disabled={progress !== null}
          >
            Back up now…
          </button>
        </div>
      </div>
      <p className="muted">
        A backup is one file holding every record, every stored evidence file and the audit log,
        with the SHA-256 of each part. Check one anywhere with <code>demo-ledger verify FILE</code>.
      </p>
      {progress ? (
        <div className="row-actions">
          <p className="muted" role="status" aria-live="polite">
            {progress}
          </p>
          <button type="button" className="button small" onClick={() => stop.current?.abort()}>
            Cancel backup
          </button>
        </div>
      ) : null}
      {lastBackup.data ? (
        <p className={lastBackup.data.ok ? 'verdict verdict-good' : 'verdict verdict-bad'}>
          Last backup {formatDateTime(lastBackup.data.at)}
          {lastBackup.data.automatic ? ' (automatic)' : ''}:{' '}
          {lastBackup.data.ok ? lastBackup.data.path : `failed: ${lastBackup.data.message}`}
          {lastBackup.data.ok
            ? lastBackup.data.signedBy
              ? `. Signed by ${lastBackup.data.signedBy}.`
              : `. Unsigned (${lastBackup.data.unsignedReason ?? 'reason not recorded'}).`
            : ''}
        </p>
      ) : null}
      <h3>Automatic backups</h3>
      <div className="form-grid">
        <div className="field">
          <span className="field-label">Folder</span>
          <div className="row-actions">
            <code>{folder ?? 'none chosen'}</code>
            <button
              type="button"
              className="button small"
              onClick={() => {
                void getApi()
                  .backupChooseFolder()
                  .then(({ path }) => {
                    setFolder(path);
                    refresh();
                  }, notifyError);
              }}
            >
              Choose folder…
            </button>
          </div>
        </div>
        <SelectField
          label="Back up automatically"
          value={current.enabled ? String(current.everyHours) : 'off'}
          hint="While the app is open; a missed backup runs at the next start."
          onChange={(event) =>
            update(
              event.target.value === 'off'
                ? { enabled: false }
                : { enabled: true, everyHours: Number(event.target.value) },
            )
          }
        >
          <option value="off">Off</option>
          {INTERVALS.map((interval) => (
            <option key={interval.hours} value={interval.hours}>
              {interval.label}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Keep the newest"
          type="number"
          min={1}
          max={1000}
          value={current.keep}
          hint="Older backups in the folder are deleted after each automatic backup."
          onChange={(event) => {
            const keep = Number.parseInt(event.target.value, 10);
            if (Number.isInteger(keep) && keep >= 1 && keep <= 1000) update({ keep });
          }}
        />
      </div>
      {current.enabled && folder === null ? (
        <p className="form-error">Choose a folder for automatic backups to run.</p>
      ) : null}
      {backups.length > 0 ? (
        <table className="table" aria-label="Backups in the folder">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Size</th>
              <th scope="col">Saved</th>
            </tr>
          </thead>
          <tbody>
            {[...backups].reverse().map((file) => (
              <tr key={file.name}>
                <th scope="row">
                  <code>{file.name}</code>
                </th>
                <td className="nowrap">{formatBytes(file.size)}</td>
                <td className="nowrap">{formatDateTime(file.modifiedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <RestoreDialog open={restoring} onClose={() => setRestoring(false)} />
    </section>
  );
}
