import type {
  ConnectionTest,
  LockerBundleEntry,
  LockerSettingsInput,
  LockerState,
  LockerVerifyProgress,
  LockerVerifyResult,
  PulledBundle,
} from '../../../core/locker/app';
import { MAX_VERIFY_PROBLEMS } from '../../../core/locker/app';
import type { SecretStorage } from '../../platform';
import type { Locker } from '../locker/client';
import { describeLockerError, LockerError, openLocker } from '../locker/client';
import type { BundleTrust } from '../locker/bundles';
import { verifyLocker } from '../locker/verify';
import { testConnection } from './connection';
import { Outbox } from './outbox';
import { listLockerBundles, Pulls, LockerRequestError } from './pulls';
import path from 'node:path';
import { LockerSettingsStore } from './settings';
import type { Clock } from '../../clock';
import { systemClock } from '../../clock';

const PROGRESS_EVERY_MS = 100;

/**
 * The team locker in the app, as main serves it over IPC: the settings and credentials
 * (settings.ts), the connection test (connection.ts) and the outbox (outbox.ts). Every S3 call
 * is made here, with credentials the renderer never sees.
 */
export class TeamLocker {
  readonly store: LockerSettingsStore;
  readonly outbox: Outbox;
  private readonly pulls: Pulls;
  private readonly trusted: () => Promise<Uint8Array[]>;

  constructor(
    dataPath: string,
    secrets: SecretStorage,
    trusted: () => Promise<Uint8Array[]>,
    now: Clock = systemClock,
  ) {
    this.store = new LockerSettingsStore(dataPath, secrets);
    this.outbox = new Outbox(
      dataPath,
      () => this.open(),
      () => this.trust(trusted),
      now,
    );
    this.pulls = new Pulls(path.join(dataPath, 'team-locker', 'pulled'));
    this.trusted = trusted;
  }

  private async required(): Promise<Locker> {
    const opened = await this.open();
    if ('missing' in opened) throw new LockerRequestError(opened.missing);
    return opened.locker;
  }

  /** Every bundle in the locker, newest first; those this computer published are marked. */
  async list(): Promise<LockerBundleEntry[]> {
    const locker = await this.required();
    const ours = new Set(
      (await this.outbox.list()).items.flatMap((item) => (item.key ? [item.key] : [])),
    );
    try {
      return await listLockerBundles(locker, ours);
    } catch (error) {
      throw new LockerRequestError(describeLockerError(error, locker.where));
    }
  }

  async pull(key: string): Promise<PulledBundle> {
    return this.pulls.pull(await this.required(), key, await this.trust(this.trusted));
  }

  /**
   * The locker's `verify` (the CLI's code) under this app's trust list: every version's
   * retention, every first version's content, every bundle put back together and verified.
   */
  async verify(onProgress: (progress: LockerVerifyProgress) => void): Promise<LockerVerifyResult> {
    const locker = await this.required();
    let told = -Infinity;
    try {
      const check = await verifyLocker(locker, {
        trust: await this.trust(this.trusted),
        onProgress: ({ checked, versions }) => {
          // Thousands of objects: the window hears at most every PROGRESS_EVERY_MS, and the end.
          const now = performance.now();
          if (checked < versions && now - told < PROGRESS_EVERY_MS) return;
          told = now;
          onProgress({ checked, versions });
        },
      });
      return {
        ok: check.ok,
        where: locker.where,
        objects: check.objects,
        versions: check.versions,
        blobs: check.blobs,
        bundles: check.bundles,
        policy: {
          objectLock: check.policy.objectLock,
          mode: check.policy.mode,
          retentionDays: check.policy.retentionDays,
        },
        problems: check.problems.slice(0, MAX_VERIFY_PROBLEMS).map((problem) => ({
          key: problem.key,
          versionId: problem.versionId,
          problem: problem.problem.slice(0, 2000),
        })),
        problemCount: check.problems.length,
        notes: check.notes.slice(0, 20).map((note) => note.slice(0, 2000)),
      };
    } catch (error) {
      throw new LockerRequestError(
        `The locker could not be verified: ${describeLockerError(error, locker.where)}`,
      );
    }
  }

  readPulled(pullId: string, offset: number): Promise<Uint8Array<ArrayBuffer>> {
    return this.pulls.read(pullId, offset);
  }

  private async trust(trusted: () => Promise<Uint8Array[]>): Promise<BundleTrust> {
    return { trusted: await trusted(), allowUntrusted: false };
  }

  /** The locker to talk to, or why there is none yet. */
  async open(): Promise<{ locker: Locker } | { missing: string; settingsMissing: boolean }> {
    const found = await this.store.connection();
    if ('missing' in found) return found;
    try {
      return { locker: openLocker(found.connection) };
    } catch (error) {
      if (error instanceof LockerError) return { missing: error.message, settingsMissing: true };
      throw error;
    }
  }

  state(): Promise<LockerState> {
    return this.store.state();
  }

  async saveSettings(
    settings: LockerSettingsInput,
    ca: { name: string; data: Uint8Array } | null | 'keep',
  ): Promise<LockerState> {
    await this.store.save(settings, ca);
    this.outbox.kick();
    return this.state();
  }

  async setCredentials(credentials: {
    accessKeyId: string;
    secretAccessKey: string;
    remember: boolean;
  }): Promise<LockerState> {
    await this.store.setCredentials(credentials);
    this.outbox.kick();
    return this.state();
  }

  async forgetCredentials(): Promise<LockerState> {
    await this.store.forgetCredentials();
    return this.state();
  }

  test(): Promise<ConnectionTest> {
    return testConnection(() => this.open());
  }
}
