import { z } from 'zod';
import { STATEMENT_MAX_CHARS } from '../model/demo-signature';
import { SignOffCheck } from '../demo/sign-off';
import {
  CaFileInput,
  ConnectionTest,
  CredentialsInput,
  LockerSettingsInput,
  LockerListing,
  LockerState,
  LockerVerifyProgress,
  LockerVerifyResult,
  OutboxListing,
  PulledBundle,
} from '../locker/app';
import { SignatureCheck } from '../signing/detached';
import { CertificateSummarySchema, VerifyReportSchema } from '../signing/verify/schema';
import type { ChannelName, EventName } from './channels';

/**
 * The one IPC contract: channel → input and output schemas. Every host validates input against
 * it before a handler runs and output before it is returned, so the renderer is never trusted.
 */
export interface ChannelSpec {
  summary: string;
  input: z.ZodType;
  output: z.ZodType;
}

/** Largest payload accepted in a single call; larger transfers must be chunked. */
export const MAX_IPC_BYTES = 64 * 1024 * 1024;

/** Largest report PDF main accepts (sent in chunks, signed and verified in memory). */
export const MAX_REPORT_BYTES = 1024 * 1024 * 1024;

const fileName = z
  .string()
  .min(1, 'a file name is required')
  .max(200, 'file names are limited to 200 characters')
  .refine(
    (name) => ![...name].some((char) => char.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(char)),
    {
      message: 'a file name cannot contain path separators or control characters',
    },
  )
  .refine((name) => name !== '.' && name !== '..', { message: 'not a file name' });

const bytes = z
  .instanceof(Uint8Array, { message: 'expected bytes (Uint8Array)' })
  .refine((data) => data.byteLength <= MAX_IPC_BYTES, {
    message: `payloads are limited to ${MAX_IPC_BYTES / 1024 / 1024} MiB per call`,
  });

export const HostKind = z.enum(['electron', 'chromium']);
export type HostKind = z.infer<typeof HostKind>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  host: HostKind,
  platform: z.string(),
  /** Folder holding the app's data (IndexedDB profile, settings). */
  dataPath: z.string(),
  /** Whether the host can encrypt secrets with the OS keychain (Electron's safeStorage). */
  secretStorage: z.boolean(),
  /** Why the passphrase cannot be remembered on this host (shown to the user), or null. */
  secretStorageProblem: z.string().nullable(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const SaveFileInput = z.object({
  suggestedName: fileName,
  data: bytes,
  /** Shown in the save dialog's filter, e.g. `PDF document`. */
  description: z.string().max(100).optional(),
});

/** A passphrase typed by the user; it protects the signing key and never leaves main. */
const passphrase = z.string().min(8, 'the passphrase must be at least 8 characters long').max(1024);

const fingerprint = z.string().regex(/^[0-9a-f]{64}$/, 'not a SHA-256 certificate fingerprint');

/** The person an identity belongs to: the renderer's person id and name when it was made. */
export const IdentityOwner = z.object({
  personId: z.string().min(1).max(100),
  name: z.string().trim().min(1).max(120),
});
export type IdentityOwner = z.infer<typeof IdentityOwner>;

export const IdentityInfo = z.object({
  certificate: CertificateSummarySchema,
  certificatePem: z.string(),
  keyType: z.enum(['ecdsa', 'rsa']),
  source: z.enum(['generated', 'pkcs12']),
  createdAt: z.string(),
  remembered: z.boolean(),
  /** Null for an identity made before people were kept, until someone claims it. */
  owner: IdentityOwner.nullable(),
  /** Its passphrase was entered recently: unattended work (backups) may sign with it. */
  unlocked: z.boolean(),
});
export type IdentityInfo = z.infer<typeof IdentityInfo>;

export const RevocationList = z.object({
  issuer: z.string(),
  thisUpdate: z.string(),
  nextUpdate: z.string().nullable(),
  revoked: z.number().int().nonnegative(),
  fingerprint: z.string(),
  label: z.string(),
  addedAt: z.string(),
});
export type RevocationList = z.infer<typeof RevocationList>;

const signatureBytes = z
  .instanceof(Uint8Array, { message: 'expected bytes (Uint8Array)' })
  .refine((data) => data.byteLength <= 64 * 1024, 'a signature is at most 64 KiB');
const tsaUrl = z.url({
  protocol: /^https?$/,
  message: 'the timestamp authority URL must be http(s)',
});

export const TrustedCertificate = CertificateSummarySchema.extend({
  label: z.string(),
  addedAt: z.string(),
});
export type TrustedCertificate = z.infer<typeof TrustedCertificate>;

export const CreateIdentityInput = z.object({
  owner: IdentityOwner,
  name: z.string().trim().min(1, 'your name is required').max(120),
  organisation: z.string().trim().max(120).default(''),
  email: z.union([z.literal(''), z.email('not an email address')]).default(''),
  algorithm: z.enum(['ecdsa-p256', 'rsa-3072']).default('ecdsa-p256'),
  passphrase,
  remember: z.boolean().default(false),
});

const uploadId = z.uuid({ message: 'not an upload id' });

export const SignUploadInput = z.object({
  uploadId,
  /** The signing identity (its certificate's SHA-256 fingerprint). */
  identity: fingerprint,
  /** Absent: use the passphrase remembered in the OS keychain. */
  passphrase: passphrase.optional(),
  reason: z.string().max(200).default('Sign-off of the control-evidence record'),
  location: z.string().max(200).default(''),
  /** RFC 3161 timestamp authority; the signature gets a timestamp when set. */
  tsaUrl: tsaUrl.optional(),
  subFilter: z.enum(['ETSI.CAdES.detached', 'adbe.pkcs7.detached']).default('ETSI.CAdES.detached'),
  /** Where to save the signed file: the save dialog's suggestion. */
  suggestedName: fileName,
  description: z.string().max(100).optional(),
});

export const VerifyReport = VerifyReportSchema;
export type VerifyReport = z.infer<typeof VerifyReportSchema>;

export const SignedReport = z.object({
  /** Null when the user cancelled the save dialog (nothing was written). */
  path: z.string().nullable(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The verifier's report on the saved bytes; null when nothing was saved. */
  verification: VerifyReportSchema.nullable(),
});
export type SignedReport = z.infer<typeof SignedReport>;

/**
 * Where a chunked write goes: a file the user chooses, the configured backup folder, or main's
 * scratch space (the parts of a reviewed bundle, which `bundle:finishReview` combines).
 */
export const WriteTarget = z.discriminatedUnion('to', [
  z.object({
    to: z.literal('dialog'),
    suggestedName: fileName,
    description: z.string().max(100).optional(),
  }),
  z.object({ to: z.literal('backup-folder'), suggestedName: fileName }),
  z.object({ to: z.literal('scratch'), suggestedName: fileName }),
  /** The team locker's outbox: the finished (signed) bundle is queued for publishing. */
  z.object({ to: z.literal('locker-outbox'), suggestedName: fileName }),
]);
export type WriteTarget = z.infer<typeof WriteTarget>;

const writeId = z.uuid({ message: 'not a write id' });
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const BackupFileInfo = z.object({
  name: z.string(),
  size: z.number().int().nonnegative(),
  modifiedAt: z.string(),
});
export type BackupFileInfo = z.infer<typeof BackupFileInfo>;

export const SignedBundleFile = z.object({
  path: z.string(),
  size: z.number().int().nonnegative(),
  sha256: sha256Hex,
  signature: SignatureCheck,
  /** SHA-256 of the manifest just signed and of its signature: what a review binds to. */
  ref: z.object({ manifestSha256: sha256Hex, signatureSha256: sha256Hex }),
});
export type SignedBundleFile = z.infer<typeof SignedBundleFile>;

export const contract = {
  'app:getInfo': {
    summary: 'Name, version and host of the running application.',
    input: z.undefined(),
    output: AppInfo,
  },
  'shell:openExternal': {
    summary: 'Open an http(s) link in the default browser; anything else is refused.',
    input: z.object({ url: z.string().min(1).max(2048) }),
    output: z.object({ opened: z.boolean() }),
  },
  'file:save': {
    summary: 'Save bytes to a file the user chooses (Electron) or to the downloads folder.',
    input: SaveFileInput,
    output: z.object({ path: z.string().nullable() }),
  },
  'file:chooseFolder': {
    summary: 'Let the user pick a folder, e.g. for automatic backups.',
    input: z.object({ title: z.string().max(100).optional() }),
    output: z.object({ path: z.string().nullable() }),
  },
  'identity:list': {
    summary:
      'The signing identities of the people on this computer (certificate details only, never keys).',
    input: z.undefined(),
    output: z.object({ identities: z.array(IdentityInfo) }),
  },
  'identity:create': {
    summary:
      "Generate a key pair and self-signed certificate for a person, encrypted at rest under the person's passphrase.",
    input: CreateIdentityInput,
    output: IdentityInfo,
  },
  'identity:importPkcs12': {
    summary: "Import a person's PKCS#12 file issued by the organisation's CA (RSA or EC).",
    input: z.object({
      owner: IdentityOwner,
      data: bytes,
      password: z.string().max(1024),
      /** Protects the key at rest; the file's password when absent. */
      passphrase: passphrase.optional(),
      remember: z.boolean().default(false),
    }),
    output: IdentityInfo,
  },
  'identity:claim': {
    summary:
      'Make an identity (one made before people were kept) a person’s; its passphrase proves they hold it.',
    input: z.object({ identity: fingerprint, owner: IdentityOwner, passphrase }),
    output: IdentityInfo,
  },
  'identity:remove': {
    summary: 'Delete a signing identity and its remembered passphrase.',
    input: z.object({ identity: fingerprint }),
    output: z.object({ removed: z.boolean() }),
  },
  'identity:forgetPassphrase': {
    summary: "Stop remembering an identity's passphrase in the OS keychain.",
    input: z.object({ identity: fingerprint }),
    output: z.object({ forgotten: z.boolean() }),
  },
  'identity:unlock': {
    summary:
      'Unlock an identity with its passphrase, so unattended work (automatic backups) signs with it.',
    input: z.object({ identity: fingerprint, passphrase }),
    output: IdentityInfo,
  },
  'identity:lock': {
    summary: 'Lock one identity, or every one (when the person at the keyboard changes).',
    input: z.object({ identity: fingerprint.optional() }),
    output: z.object({ locked: z.boolean() }),
  },
  'trust:list': {
    summary: "Colleagues' and CA certificates this auditor trusts.",
    input: z.undefined(),
    output: z.array(TrustedCertificate),
  },
  'trust:add': {
    summary: 'Trust the certificates in a PEM or DER file.',
    input: z.object({ data: bytes, label: z.string().max(200).default('') }),
    output: z.object({ added: z.number().int() }),
  },
  'trust:remove': {
    summary: 'Stop trusting a certificate (by SHA-256 fingerprint).',
    input: z.object({ fingerprint }),
    output: z.object({ removed: z.boolean() }),
  },
  'revocation:list': {
    summary: 'Certificate revocation lists the sign-off checks consult.',
    input: z.undefined(),
    output: z.array(RevocationList),
  },
  'revocation:add': {
    summary:
      'Add the revocation lists in a PEM or DER file (each replaces an older list of its issuer).',
    input: z.object({ data: bytes, label: z.string().max(200).default('') }),
    output: z.object({ added: z.number().int() }),
  },
  'revocation:remove': {
    summary: 'Stop consulting a revocation list (by SHA-256 fingerprint).',
    input: z.object({ fingerprint }),
    output: z.object({ removed: z.boolean() }),
  },
  'signoff:sign': {
    summary:
      "Sign a demo sign-off statement with a person's identity (CMS, RFC 3161 timestamp when a TSA is given); main signs nothing else.",
    input: z.object({
      identity: fingerprint,
      passphrase: passphrase.optional(),
      statement: z.string().min(1).max(STATEMENT_MAX_CHARS),
      tsaUrl: tsaUrl.optional(),
    }),
    output: z.object({ signature: signatureBytes, check: SignOffCheck }),
  },
  'signoff:verify': {
    summary:
      'Check a sign-off signature over its statement: integrity, trust, expiry and revocation of the certificate.',
    input: z.object({
      statement: z.string().min(1).max(STATEMENT_MAX_CHARS),
      signature: signatureBytes,
    }),
    output: SignOffCheck,
  },
  'report:beginUpload': {
    summary:
      'Start sending a PDF to main in chunks (reports with embedded evidence exceed one message).',
    input: z.object({ size: z.number().int().min(1).max(MAX_REPORT_BYTES) }),
    output: z.object({ uploadId }),
  },
  'report:uploadChunk': {
    summary: 'Append the next chunk (at most 64 MiB) of a PDF being sent.',
    input: z.object({ uploadId, data: bytes }),
    output: z.object({ received: z.number().int().nonnegative() }),
  },
  'report:signUpload': {
    summary:
      'Sign the sent PDF with the identity (PAdES, incremental update), save it where the user chooses and verify it; a missing or wrong passphrase keeps the upload for another try.',
    input: SignUploadInput,
    output: SignedReport,
  },
  'report:verifyUpload': {
    summary:
      'Verify the sent PDF: every signature, the trust of each signer, tampering and the evidence manifest.',
    input: z.object({ uploadId }),
    output: VerifyReport,
  },
  'report:discardUpload': {
    summary: 'Drop a PDF being sent (cancelled).',
    input: z.object({ uploadId }),
    output: z.object({ discarded: z.boolean() }),
  },
  'file:beginWrite': {
    summary:
      'Start writing a large file in chunks; null writeId when the user cancels the save dialog. With verify, the file is an archive to verify as it arrives (finishWrite then asks the same).',
    input: z.object({ target: WriteTarget, verify: z.enum(['archive', 'backup']).optional() }),
    output: z.object({ writeId: writeId.nullable(), path: z.string().nullable() }),
  },
  'file:writeChunk': {
    summary: 'Append the next chunk (at most 64 MiB) to a file being written.',
    input: z.object({ writeId, data: bytes }),
    output: z.object({ bytesWritten: z.number().int().nonnegative() }),
  },
  'file:finishWrite': {
    summary:
      'Complete a chunked write; with verify "archive" the file is kept only if it verifies as a Demo Ledger archive; with "backup" it is also signed by the identity its manifest names (unlocked or remembered), and kept only if that holds.',
    input: z.object({ writeId, verify: z.enum(['archive', 'backup']).optional() }),
    output: z.object({
      path: z.string(),
      size: z.number().int().nonnegative(),
      sha256: sha256Hex,
      /** With verify "backup": who signed it, or why it is unsigned. */
      signedBy: z.object({ fingerprint: sha256Hex, commonName: z.string() }).nullable().optional(),
      unsignedReason: z.string().nullable().optional(),
    }),
  },
  'file:abortWrite': {
    summary: 'Abandon a chunked write and remove what was written.',
    input: z.object({ writeId }),
    output: z.object({ aborted: z.boolean() }),
  },
  'backup:getFolder': {
    summary: 'The folder automatic backups are written to, if one was chosen.',
    input: z.undefined(),
    output: z.object({ path: z.string().nullable() }),
  },
  'backup:chooseFolder': {
    summary: 'Let the user choose the backup folder (remembered by the main process).',
    input: z.undefined(),
    output: z.object({ path: z.string().nullable() }),
  },
  'backup:list': {
    summary: 'The backups in the backup folder, oldest first.',
    input: z.undefined(),
    output: z.object({ folder: z.string().nullable(), backups: z.array(BackupFileInfo) }),
  },
  'backup:prune': {
    summary: 'Delete all but the newest `keep` backups in the backup folder (no other file).',
    input: z.object({ keep: z.number().int().min(1).max(10_000) }),
    output: z.object({ deleted: z.array(z.string()) }),
  },
  'bundle:finish': {
    summary:
      'Verify the audit bundle written through writeId, sign its manifest with the identity and keep it.',
    input: z.object({ writeId, identity: fingerprint, passphrase: passphrase.optional() }),
    output: SignedBundleFile,
  },
  'bundle:finishReview': {
    summary:
      'Verify a review against the bundle it reviews (both written to scratch), co-sign it and save the reviewed bundle.',
    input: z.object({
      originalWriteId: writeId,
      reviewWriteId: writeId,
      suggestedName: fileName,
      identity: fingerprint,
      passphrase: passphrase.optional(),
    }),
    output: z.object({ bundle: SignedBundleFile.nullable() }),
  },
  'bundle:verifySignature': {
    summary:
      "Check a detached signature over a bundle manifest: signer, integrity, and trust against the auditor's trust list.",
    input: z.object({
      content: bytes,
      signature: z
        .instanceof(Uint8Array, { message: 'expected bytes (Uint8Array)' })
        .refine((data) => data.byteLength <= 1024 * 1024, 'a signature is at most 1 MiB'),
    }),
    output: SignatureCheck,
  },
  'locker:getState': {
    summary: 'The team locker settings and where its credentials are kept (never the secret).',
    input: z.undefined(),
    output: LockerState,
  },
  'locker:saveSettings': {
    summary:
      'Save the team locker connection; `ca` is a new CA file, null for the system CAs, or keep.',
    input: z.object({
      settings: LockerSettingsInput,
      ca: z.union([CaFileInput, z.null(), z.literal('keep')]),
    }),
    output: LockerState,
  },
  'locker:setCredentials': {
    summary:
      "Give the locker's credentials: kept in the OS keychain when asked and possible, else for this session.",
    input: CredentialsInput,
    output: LockerState,
  },
  'locker:forgetCredentials': {
    summary: 'Forget the team locker credentials, in memory and in the keychain.',
    input: z.undefined(),
    output: LockerState,
  },
  'locker:test': {
    summary:
      'Test the connection: reachable, credentials, bucket, Object Lock, retention, policy, permissions.',
    input: z.undefined(),
    output: ConnectionTest,
  },
  'locker:outbox': {
    summary: 'The bundles waiting to be published, being published, published or refused.',
    input: z.undefined(),
    output: OutboxListing,
  },
  'locker:sync': {
    summary: 'Start publishing what is due (unless a pass is running); the outbox as it stands.',
    input: z.undefined(),
    output: OutboxListing,
  },
  'locker:retry': {
    summary: 'Try a waiting or refused bundle again now.',
    input: z.object({ id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) }),
    output: OutboxListing,
  },
  'locker:list': {
    summary: "The bundles in the team locker (teammates' and ours), newest first, from their keys.",
    input: z.undefined(),
    output: LockerListing,
  },
  'locker:pull': {
    summary:
      'Pull one bundle: put back together, checked against its hashes and verified under the trust rule before main keeps it.',
    input: z.object({ key: z.string().min(1).max(1024) }),
    output: PulledBundle,
  },
  'locker:readPulled': {
    summary: 'A piece (at most 8 MiB) of a pulled, verified bundle; the last piece releases it.',
    input: z.object({ pullId: z.uuid(), offset: z.number().int().nonnegative() }),
    output: z.object({ data: bytes }),
  },
  'locker:verify': {
    summary:
      'Check the whole locker as `demo-ledger locker verify` does; progress arrives as `locker:verifyProgress` events.',
    input: z.undefined(),
    output: LockerVerifyResult,
  },
} as const satisfies Record<ChannelName, ChannelSpec>;

export type Contract = typeof contract;
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Contract[C]['output']>;

export const eventContract = {
  'menu:command': z.object({ commandId: z.string().min(1).max(100) }),
  /** The outbox changed in main (queued, progress, published, failed, blocked). */
  'locker:outboxChanged': OutboxListing,
  'locker:verifyProgress': LockerVerifyProgress,
} as const satisfies Record<EventName, z.ZodType>;

export type EventPayload<E extends EventName> = z.output<(typeof eventContract)[E]>;

/**
 * An event's payload as a receiver accepts it: checked against the event contract, or null.
 * Hosts check what they send; the window checks what it receives too.
 */
export function parseEvent<E extends EventName>(
  event: E,
  payload: unknown,
): EventPayload<E> | null {
  const parsed = eventContract[event].safeParse(payload);
  return parsed.success ? (parsed.data as EventPayload<E>) : null;
}
