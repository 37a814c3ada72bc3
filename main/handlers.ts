import { createHash } from 'node:crypto';
import path from 'node:path';
import type { z } from 'zod';
import type { ChannelName, EventName } from '../core/ipc/channels';
import { CHANNELS } from '../core/ipc/channels';
import type { ChannelOutput, EventPayload, ParsedInput } from '../core/ipc/contract';
import { contract } from '../core/ipc/contract';
import type { IpcIssue, IpcResult } from '../core/ipc/result';
import { IpcError } from '../core/ipc/result';
import { systemClock } from './clock';
import type { Platform } from './platform';
import { verifyArchiveFile, verifyArchiveStream } from './services/archive-file';
import { BackupFolder } from './services/backup-folder';
import type { BackupSignature } from '../core/archive/backup-signature';
import { signBackupFile } from './services/backup-signing';
import { BundleError, BundleService } from './services/bundles';
import { parseExternalUrl } from './services/external-links';
import { writeFileAtomic } from './services/files';
import { RevocationStore } from './services/revocation-store';
import { SignOffError, SignOffService } from './services/sign-offs';
import { LockerSettingsError } from './services/team-locker/settings';
import { OutboxError } from './services/team-locker/outbox';
import { LockerRequestError } from './services/team-locker/pulls';
import { TeamLocker } from './services/team-locker/service';
import { asIpcError, SigningService } from './services/signing';
import { UploadError, Uploads } from './services/uploads';
import type { BeginOptions } from './services/write-sessions';
import { WriteSessionError, WriteSessions } from './services/write-sessions';

export type Handlers = {
  readonly [C in ChannelName]: (input: ParsedInput<C>) => Promise<ChannelOutput<C>>;
};

/** Sends an event to the window (validated by the host against the event contract). */
export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface HandlerDeps {
  platform: Platform;
  log?: (message: string, error?: unknown) => void;
  /** Replaces the signing service (tests use cheaper key derivation). */
  signing?: SigningService;
  /** Chunked writes in progress; one set per host. */
  writes?: WriteSessions;
  /** Report PDFs being sent to main in chunks; one set per host. */
  uploads?: Uploads;
  /** Replaces the team locker service (tests give it a clock). */
  locker?: TeamLocker;
  /**
   * How main tells the window of changes it did not ask for (the outbox). Given by a host: the
   * outbox then also retries by itself until `closed` is aborted.
   */
  emit?: Emit;
  closed?: AbortSignal;
}

/** The handler table: channel → service call. Shared by every host. */
export function createHandlers({
  platform,
  signing: given,
  writes = new WriteSessions(),
  uploads = new Uploads(),
  locker: givenLocker,
  emit,
  closed,
}: HandlerDeps): Handlers {
  const clock = platform.clock ?? systemClock;
  const signing =
    given ?? new SigningService(platform.dataPath, platform.secrets, undefined, clock);
  const backups = new BackupFolder(platform.dataPath);
  const bundles = new BundleService(signing, writes, clock);
  const revocations = new RevocationStore(path.join(platform.dataPath, 'signing'));
  const signOffs = new SignOffService(signing, revocations, clock);
  const locker =
    givenLocker ??
    new TeamLocker(platform.dataPath, platform.secrets, () => signing.trusted(), clock);
  if (emit) {
    locker.outbox.watch((listing) => emit('locker:outboxChanged', listing));
    locker.outbox.retryWhenDue();
    closed?.addEventListener('abort', () => locker.outbox.stop(), { once: true });
  }
  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (
        error instanceof BundleError ||
        error instanceof SignOffError ||
        error instanceof LockerSettingsError ||
        error instanceof OutboxError ||
        error instanceof LockerRequestError
      )
        throw new IpcError('invalid-input', error.message);
      throw asIpcError(error);
    }
  };
  const sessionCall = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof WriteSessionError || error instanceof UploadError)
        throw new IpcError('not-found', error.message);
      throw error;
    }
  };
  return {
    'app:getInfo': async () => ({
      name: platform.appName,
      version: platform.appVersion,
      host: platform.host,
      platform: process.platform,
      dataPath: platform.dataPath,
      secretStorage: platform.secrets.isAvailable(),
      secretStorageProblem: platform.secrets.unavailableReason(),
    }),
    'shell:openExternal': async ({ url }) => {
      const parsed = parseExternalUrl(url);
      if (parsed === null) {
        throw new IpcError('forbidden', 'Only http and https links can be opened outside the app.');
      }
      await platform.openExternal(parsed.toString());
      return { opened: true };
    },
    'file:save': async ({ suggestedName, data, description }) => {
      const target = await platform.chooseSavePath(
        description === undefined ? { suggestedName } : { suggestedName, description },
      );
      if (target === null) return { path: null };
      await writeFileAtomic(target, data);
      return { path: target };
    },
    'file:chooseFolder': async ({ title }) => ({
      path: await platform.chooseFolder(title === undefined ? {} : { title }),
    }),
    'identity:list': () => guarded(async () => ({ identities: await signing.keyring.list() })),
    'identity:create': ({ owner, name, organisation, email, algorithm, passphrase, remember }) =>
      guarded(() =>
        signing.keyring.create(
          owner,
          { name, organisation, email },
          algorithm,
          passphrase,
          remember,
        ),
      ),
    'identity:importPkcs12': ({ owner, data, password, passphrase, remember }) =>
      guarded(() =>
        signing.keyring.importPkcs12(owner, data, password, passphrase ?? password, remember),
      ),
    'identity:claim': ({ identity, owner, passphrase }) =>
      guarded(() => signing.keyring.claim(identity, owner, passphrase)),
    'identity:remove': ({ identity }) =>
      guarded(async () => ({ removed: await signing.keyring.remove(identity) })),
    'identity:forgetPassphrase': ({ identity }) =>
      guarded(async () => {
        await signing.keyring.forgetPassphrase(identity);
        return { forgotten: true };
      }),
    'identity:unlock': ({ identity, passphrase }) =>
      guarded(async () => {
        await signing.keyring.signer(identity, passphrase);
        const unlocked = (await signing.keyring.list()).find(
          (item) => item.certificate.fingerprint === identity,
        );
        if (unlocked === undefined) throw new IpcError('not-found', 'The identity is gone.');
        return unlocked;
      }),
    'identity:lock': async ({ identity }) => {
      signing.keyring.lock(identity);
      return { locked: true };
    },
    'trust:list': () => signing.trust.list(),
    'trust:add': ({ data, label }) =>
      guarded(async () => ({ added: await signing.trust.add(data, label) })),
    'trust:remove': async ({ fingerprint }) => ({
      removed: await signing.trust.remove(fingerprint),
    }),
    'revocation:list': () => revocations.list(),
    'revocation:add': ({ data, label }) =>
      guarded(async () => ({ added: await revocations.add(data, label, clock()) })),
    'revocation:remove': async ({ fingerprint }) => ({
      removed: await revocations.remove(fingerprint),
    }),
    'signoff:sign': (request) => guarded(() => signOffs.sign(request)),
    'signoff:verify': ({ statement, signature }) => signOffs.verify(statement, signature),
    'report:beginUpload': async ({ size }) =>
      sessionCall(async () => ({ uploadId: uploads.begin(size) })),
    'report:uploadChunk': async ({ uploadId, data }) =>
      sessionCall(async () => ({ received: uploads.append(uploadId, data) })),
    'report:signUpload': async ({ uploadId, suggestedName, description, ...options }) => {
      const pdf = await sessionCall(async () => uploads.complete(uploadId));
      let signed: Uint8Array<ArrayBuffer>;
      try {
        signed = await signing.sign({ pdf, ...options });
      } catch (error) {
        // A missing or wrong passphrase is asked for again: keep what was sent.
        if (!(error instanceof IpcError && error.code === 'forbidden')) uploads.discard(uploadId);
        throw error;
      }
      uploads.discard(uploadId);
      const sha256 = createHash('sha256').update(signed).digest('hex');
      const target = await platform.chooseSavePath(
        description === undefined ? { suggestedName } : { suggestedName, description },
      );
      if (target === null)
        return { path: null, size: signed.byteLength, sha256, verification: null };
      await writeFileAtomic(target, signed);
      return {
        path: target,
        size: signed.byteLength,
        sha256,
        verification: await signing.verify(signed),
      };
    },
    'report:verifyUpload': async ({ uploadId }) => {
      const pdf = await sessionCall(async () => uploads.complete(uploadId));
      uploads.discard(uploadId);
      return signing.verify(pdf);
    },
    'report:discardUpload': async ({ uploadId }) => ({ discarded: uploads.discard(uploadId) }),
    'file:beginWrite': async ({ target, verify }) => {
      let folder: string;
      let name: string;
      let options: BeginOptions = {};
      if (target.to === 'dialog') {
        const chosen = await platform.chooseSavePath(
          target.description === undefined
            ? { suggestedName: target.suggestedName }
            : { suggestedName: target.suggestedName, description: target.description },
        );
        if (chosen === null) return { writeId: null, path: null };
        folder = path.dirname(chosen);
        name = path.basename(chosen);
      } else if (target.to === 'locker-outbox') {
        folder = locker.outbox.folder;
        name = target.suggestedName;
        options = { private: true, finished: (file) => locker.outbox.add(file) };
      } else if (target.to === 'scratch') {
        folder = path.join(platform.dataPath, 'scratch');
        name = target.suggestedName;
        options = { private: true };
      } else {
        const configured = await backups.get();
        if (configured === null) {
          throw new IpcError('not-found', 'No backup folder has been chosen yet.');
        }
        folder = configured;
        name = target.suggestedName;
        options = { finished: (file) => backups.recordWritten(file) };
      }
      // An archive is verified as it arrives: finishing then needs no second read of the file.
      if (verify !== undefined) options = { ...options, verify: verifyArchiveStream };
      return sessionCall(() => writes.begin(folder, name, options));
    },
    'file:writeChunk': async ({ writeId, data }) =>
      sessionCall(async () => ({ bytesWritten: await writes.write(writeId, data) })),
    'file:finishWrite': async ({ writeId, verify }) => {
      if (verify === 'backup') {
        let signature: BackupSignature | null = null;
        const finished = await sessionCall(() =>
          writes.finish(writeId, async (file, arrived) => {
            const signed = await signBackupFile(file, signing, clock(), arrived);
            signature = signed.signature;
            return { size: signed.size, sha256: signed.sha256 };
          }),
        );
        return { ...finished, ...backupSigningOf(signature) };
      }
      return sessionCall(() =>
        writes.finish(
          writeId,
          verify === 'archive'
            ? async (file, arrived) => {
                const verdict = arrived ?? (await verifyArchiveFile(file));
                if (!verdict.ok) {
                  throw new IpcError(
                    'invalid-input',
                    `The written archive did not verify and was not kept: ${verdict.problems[0] ?? 'unknown problem'}`,
                  );
                }
              }
            : undefined,
        ),
      );
    },
    'file:abortWrite': async ({ writeId }) => ({ aborted: await writes.abort(writeId) }),
    'backup:getFolder': async () => ({ path: await backups.get() }),
    'backup:chooseFolder': async () => {
      const chosen = await platform.chooseFolder({ title: 'Folder for automatic backups' });
      if (chosen !== null) await backups.set(chosen);
      return { path: chosen === null ? await backups.get() : chosen };
    },
    'backup:list': async () => ({ folder: await backups.get(), backups: await backups.list() }),
    'backup:prune': async ({ keep }) => ({ deleted: await backups.prune(keep) }),
    'bundle:finish': ({ writeId, identity, passphrase }) =>
      guarded(() => sessionCall(() => bundles.finishSigned(writeId, identity, passphrase))),
    'bundle:finishReview': ({
      originalWriteId,
      reviewWriteId,
      suggestedName,
      identity,
      passphrase,
    }) =>
      guarded(() =>
        sessionCall(async () => ({
          bundle: await bundles.finishReview(
            originalWriteId,
            reviewWriteId,
            identity,
            passphrase,
            () =>
              platform.chooseSavePath({ suggestedName, description: 'Demo Ledger audit bundle' }),
          ),
        })),
      ),
    'bundle:verifySignature': ({ content, signature }) =>
      bundles.verifySignature(content, signature),
    'locker:getState': () => guarded(() => locker.state()),
    'locker:saveSettings': ({ settings, ca }) => guarded(() => locker.saveSettings(settings, ca)),
    'locker:setCredentials': (credentials) => guarded(() => locker.setCredentials(credentials)),
    'locker:forgetCredentials': () => guarded(() => locker.forgetCredentials()),
    'locker:test': () => guarded(() => locker.test()),
    'locker:outbox': () => guarded(() => locker.outbox.list()),
    'locker:sync': () =>
      guarded(async () => {
        locker.outbox.kick();
        return locker.outbox.list();
      }),
    'locker:list': () => guarded(async () => ({ bundles: await locker.list() })),
    'locker:pull': ({ key }) => guarded(() => locker.pull(key)),
    'locker:readPulled': ({ pullId, offset }) =>
      guarded(async () => ({ data: await locker.readPulled(pullId, offset) })),
    'locker:verify': () =>
      guarded(() => locker.verify((progress) => emit?.('locker:verifyProgress', progress))),
    'locker:retry': ({ id }) =>
      guarded(async () => {
        await locker.outbox.retry(id);
        return locker.outbox.list();
      }),
  };
}

function issuesOf(error: z.ZodError): IpcIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

function isChannel(value: unknown): value is ChannelName {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

/**
 * Runs one request from an untrusted renderer: checks the channel, validates the input,
 * calls the handler, validates the output. Never throws: every failure is a typed envelope.
 */
export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  rawInput: unknown,
  log: (message: string, error?: unknown) => void = () => undefined,
): Promise<IpcResult<unknown>> {
  if (!isChannel(channel)) {
    return fail(
      new IpcError(
        'unknown-channel',
        `There is no IPC channel named ${typeof channel === 'string' ? channel.slice(0, 80) : `(a ${typeof channel})`}.`,
      ),
    );
  }
  const spec = contract[channel];
  const input = spec.input.safeParse(rawInput);
  if (!input.success) {
    return fail(
      new IpcError('invalid-input', `Invalid input for ${channel}.`, issuesOf(input.error)),
    );
  }
  let value: unknown;
  try {
    const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
    value = await handler(input.data);
  } catch (error) {
    if (error instanceof IpcError) return fail(error);
    log(`handler for ${channel} failed`, error);
    return fail(new IpcError('internal', `${channel} failed: ${describe(error)}`));
  }
  const output = spec.output.safeParse(value);
  if (!output.success) {
    log(`handler for ${channel} returned an invalid value`, output.error);
    return fail(
      new IpcError(
        'invalid-output',
        `${channel} produced an invalid result.`,
        issuesOf(output.error),
      ),
    );
  }
  return { ok: true, value: output.data };
}

function fail(error: IpcError): IpcResult<never> {
  return { ok: false, error: error.toShape() };
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === undefined ? error.message : `${error.message} (${code})`;
  }
  return 'unknown error';
}

/** What a finished backup says about its signature, for the renderer to record. */
function backupSigningOf(signature: BackupSignature | null): {
  signedBy: { fingerprint: string; commonName: string } | null;
  unsignedReason: string | null;
} {
  if (signature?.kind === 'signed' && signature.signature?.signer) {
    const { fingerprint, commonName, subject } = signature.signature.signer;
    return { signedBy: { fingerprint, commonName: commonName || subject }, unsignedReason: null };
  }
  return {
    signedBy: null,
    unsignedReason: signature?.kind === 'unsigned' ? signature.reason : 'not checked',
  };
}
