import type { BackupSigning } from '../../../../core/archive/format';
import { backupFileName } from '../../../../core/archive/format';
import type { ArchiveProgress } from '../../../../core/archive/writer';
import { getApi } from '../../app/api';
import { currentActor, db } from '../../db';
import { saveSetting } from '../settings/commands';
import type { SettingValue } from '../settings/definitions';
import { readSetting } from '../settings/queries';
import { readCurrentPerson } from '../people/queries';
import { signingIdentityOf } from '../signing/identity';
import type { WriteTarget } from '../../../../core/ipc/contract';
import type { WorkerJob } from '../../lib/workerJob';
import { runInThisThread, runWorkerJob } from '../../lib/workerJob';
import type { BackupResult } from './backup';
import type { BackupHost, BackupRequest } from './backup-job';
import { backupJob } from './backup-job';
import { ipcBackupHost } from './ipc-target';

/** Only one backup runs at a time, whether started by hand or by the schedule. */
let running: Promise<BackupResult | null> | null = null;

export function isBackupRunning(): boolean {
  return running !== null;
}

export class BackupCancelledError extends Error {
  override readonly name = 'BackupCancelledError';
  constructor() {
    super('The backup was cancelled; no file was kept.');
  }
}

/**
 * Writes a backup on the backup worker, reading the ledger through a connection of its own, or
 * in this thread where there are no workers. A cancelled or failed job's unfinished file is
 * dropped.
 */
export function startBackup(
  request: BackupRequest,
  target: WriteTarget,
  onProgress: (progress: ArchiveProgress) => void = () => undefined,
): WorkerJob<BackupResult | null> {
  const { host, abandon } = ipcBackupHost(target);
  const options = {
    onProgress,
    cancelled: () => new BackupCancelledError(),
    failure: 'The backup failed.',
  };
  const job =
    typeof Worker === 'undefined'
      ? runInThisThread(backupJob, request, options, host)
      : runWorkerJob<BackupResult | null, ArchiveProgress, BackupHost>(
          new Worker(new URL('./backup.worker.ts', import.meta.url), {
            type: 'module',
            name: 'backup',
          }),
          request,
          options,
          host,
        );
  return {
    result: job.result.catch(async (error: unknown) => {
      await abandon().catch(() => undefined);
      throw error;
    }),
    cancel: job.cancel,
  };
}

/**
 * Backs up the whole database to a file the user chooses (`dialog`) or into the backup folder,
 * then, for the folder, deletes backups beyond the number to keep. The outcome is recorded;
 * a backup cancelled through `signal` is not a failure.
 */
export async function backUpNow(
  to: 'dialog' | 'backup-folder',
  onProgress?: (progress: ArchiveProgress) => void,
  signal?: AbortSignal,
): Promise<BackupResult | null> {
  if (running) throw new Error('A backup is already running.');
  const automatic = to === 'backup-folder';
  const work = (async () => {
    const info = await getApi().appGetInfo();
    const signing = await backupSigning(automatic);
    const job = startBackup(
      {
        database: db.name,
        createdBy: currentActor(),
        app: { name: info.name, version: info.version },
        createdAt: new Date().toISOString(),
        signing,
      },
      to === 'dialog'
        ? { to, suggestedName: backupFileName(new Date()), description: 'Demo Ledger backup' }
        : { to, suggestedName: backupFileName(new Date()) },
      onProgress,
    );
    const stop = (): void => job.cancel();
    if (signal?.aborted) stop();
    signal?.addEventListener('abort', stop);
    try {
      const result = await job.result;
      if (result && automatic) {
        const { keep } = await readSetting('backupSchedule');
        await getApi().backupPrune({ keep });
      }
      return result;
    } finally {
      signal?.removeEventListener('abort', stop);
    }
  })();
  running = work;
  try {
    const result = await work;
    if (result) {
      await recordOutcome({
        ok: true,
        automatic,
        path: result.path,
        message: '',
        signedBy: result.signedBy,
        unsignedReason: result.unsignedReason,
      });
    }
    return result;
  } catch (error) {
    if (!(error instanceof BackupCancelledError)) {
      await recordOutcome({
        ok: false,
        automatic,
        path: null,
        message: error instanceof Error ? error.message : String(error),
        signedBy: null,
        unsignedReason: null,
      });
    }
    throw error;
  } finally {
    running = null;
  }
}

/**
 * Who signs a backup: the person at the keyboard's identity, if it is unlocked (its passphrase
 * entered this session and used since) or remembered. A backup never asks for a passphrase —
 * most are made by the schedule with nobody watching — so otherwise it is written unsigned,
 * and its manifest says why.
 */
export async function backupSigning(automatic: boolean): Promise<BackupSigning> {
  const person = await readCurrentPerson();
  const identity = await signingIdentityOf(person);
  if (identity !== null && (identity.unlocked || identity.remembered)) {
    return {
      signer: {
        fingerprint: identity.certificate.fingerprint,
        commonName: identity.certificate.commonName || identity.certificate.subject,
      },
      unsignedReason: null,
    };
  }
  const who = person?.name ?? 'nobody';
  const reason =
    identity === null
      ? `${who} has no signing identity on this computer`
      : `no identity of ${who} was unlocked or remembered`;
  return {
    signer: null,
    unsignedReason: `${automatic ? 'automatic backup' : 'backup'}: ${reason}`,
  };
}

async function recordOutcome(
  outcome: Omit<NonNullable<SettingValue<'lastBackup'>>, 'at'>,
): Promise<void> {
  const at = new Date().toISOString();
  await saveSetting('lastBackup', { ...outcome, at });
  if (outcome.ok && outcome.automatic) await saveSetting('lastAutomaticBackupAt', at);
}

/** Whether an automatic backup is due: enabled, and none succeeded within the interval. */
export function isBackupDue(
  schedule: SettingValue<'backupSchedule'>,
  lastSuccessAt: string | null,
  now: Date,
): boolean {
  if (!schedule.enabled) return false;
  if (lastSuccessAt === null) return true;
  const last = new Date(lastSuccessAt).getTime();
  if (Number.isNaN(last) || last > now.getTime()) return true;
  return now.getTime() - last >= schedule.everyHours * 3_600_000;
}

export type ScheduledOutcome = 'not-due' | 'busy' | 'no-folder' | 'done' | 'failed';

/** Runs the automatic backup if it is due and a folder was chosen. */
export async function runScheduledBackup(now = new Date()): Promise<ScheduledOutcome> {
  const schedule = await readSetting('backupSchedule');
  if (!isBackupDue(schedule, await readSetting('lastAutomaticBackupAt'), now)) return 'not-due';
  if (running) return 'busy';
  const { path } = await getApi().backupGetFolder();
  if (path === null) return 'no-folder';
  try {
    await backUpNow('backup-folder');
    return 'done';
  } catch {
    return 'failed';
  }
}
