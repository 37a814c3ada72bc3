import { z } from 'zod';

/**
 * What the app and main say to each other about the team locker (the IPC contract's shapes):
 * the connection settings, the credentials' standing (never the secret itself), the connection
 * test's checks and the outbox of bundles waiting to be published. Main holds the credentials
 * and makes every S3 call; the renderer only ever sees these.
 */

const bucket = z
  .string()
  .trim()
  .regex(
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
    'a bucket name is 3–63 lower-case letters, digits, dots and dashes',
  );

const endpoint = z
  .string()
  .trim()
  .max(500)
  .refine((value) => {
    if (value === '') return true;
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '';
    } catch {
      return false;
    }
  }, 'an http(s) address such as https://s3.example.com, without credentials');

const region = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{1,40}$/, 'a region such as us-east-1 (letters, digits and dashes)');

/** The connection as the person types it; an empty endpoint means AWS itself. */
export const LockerSettingsInput = z.object({
  endpoint,
  bucket,
  region,
});
export type LockerSettingsInput = z.infer<typeof LockerSettingsInput>;

/** Largest CA file accepted (PEM certificates). */
export const MAX_CA_BYTES = 256 * 1024;

export const CaFileInput = z.object({
  name: z.string().min(1).max(200),
  data: z
    .instanceof(Uint8Array, { message: 'expected bytes (Uint8Array)' })
    .refine((data) => data.byteLength > 0 && data.byteLength <= MAX_CA_BYTES, {
      message: `a CA file is at most ${MAX_CA_BYTES / 1024} KiB of PEM certificates`,
    }),
});

export type CaFileInput = z.infer<typeof CaFileInput>;

export const LockerSettings = LockerSettingsInput.extend({
  /** The CA file's name as chosen, when one is kept; its certificates' subjects. */
  ca: z
    .object({ name: z.string().max(200), subjects: z.array(z.string().max(500)).max(50) })
    .nullable(),
});
export type LockerSettings = z.infer<typeof LockerSettings>;

export const CredentialsInput = z.object({
  accessKeyId: z.string().trim().min(3, 'the access key id is required').max(256),
  secretAccessKey: z.string().min(8, 'the secret access key is required').max(1024),
  /** Keep them in the operating system's keychain; otherwise for this session only. */
  remember: z.boolean(),
});

/** Where the credentials are: nowhere, in memory for this session, or in the OS keychain. */
export const CredentialsStanding = z.object({
  kept: z.enum(['none', 'session', 'keychain']),
  /** The access key id (not secret), to show which credentials these are. */
  accessKeyId: z.string().max(256).nullable(),
  /** Why they cannot be remembered on this computer, or null when they can. */
  rememberProblem: z.string().nullable(),
});
export type CredentialsStanding = z.infer<typeof CredentialsStanding>;

export const LockerState = z.object({
  settings: LockerSettings.nullable(),
  credentials: CredentialsStanding,
});
export type LockerState = z.infer<typeof LockerState>;

/** One thing the connection test checked, with what to do when it failed. */
export const ConnectionCheck = z.object({
  id: z.enum([
    'settings',
    'credentials',
    'reachable',
    'bucket',
    'object-lock',
    'versioning',
    'default-retention',
    'policy',
    'list',
    'read',
    'write',
  ]),
  label: z.string(),
  /** null: not checked, because an earlier check failed. */
  ok: z.boolean().nullable(),
  detail: z.string(),
});
export type ConnectionCheck = z.infer<typeof ConnectionCheck>;

export const ConnectionTest = z.object({
  ok: z.boolean(),
  where: z.string(),
  checks: z.array(ConnectionCheck),
});
export type ConnectionTest = z.infer<typeof ConnectionTest>;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const OutboxState = z.enum(['waiting', 'uploading', 'published', 'refused']);
export type OutboxState = z.infer<typeof OutboxState>;

/** A bundle waiting to be published, being published, or done (kept as the record of it). */
export const OutboxItem = z.object({
  id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
  fileName: z.string().max(255),
  size: z.number().int().nonnegative(),
  sha256,
  queuedAt: z.iso.datetime(),
  state: OutboxState,
  attempts: z.number().int().nonnegative(),
  /** When the next automatic attempt is due (ISO), for waiting items after a failure. */
  nextAttemptAt: z.iso.datetime().nullable(),
  /** Why the last attempt failed, in words; null after a success or before any attempt. */
  lastError: z.string().max(2000).nullable(),
  /** While uploading: bytes done of total in the current phase. */
  progress: z
    .object({
      phase: z.enum(['checking', 'blobs', 'bundle']),
      done: z.number().nonnegative(),
      total: z.number().nonnegative(),
    })
    .nullable(),
  /** Once published: where it is in the locker. */
  key: z.string().max(1024).nullable(),
  publishedAt: z.iso.datetime().nullable(),
});
export type OutboxItem = z.infer<typeof OutboxItem>;

export const OutboxListing = z.object({
  items: z.array(OutboxItem),
  /** Why nothing is being sent now (no settings, no credentials), or null. */
  blocked: z.string().nullable(),
});
export type OutboxListing = z.infer<typeof OutboxListing>;

/** First retry after 5 s, doubling, never more than a minute apart. */
export const FIRST_RETRY_MS = 5_000;
export const MAX_RETRY_MS = 60_000;

/** How long to wait after `attempts` failed attempts before the next. */
export function retryDelay(attempts: number): number {
  if (attempts <= 0) return 0;
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(attempts - 1, 20));
}

/** A bundle in the locker, as listed (its key says what it is; nothing is fetched). */
export const LockerBundleEntry = z.object({
  key: z.string().max(1024),
  kind: z.enum(['audit', 'evidence']),
  scope: z.string().max(200),
  createdAt: z.iso.datetime(),
  size: z.number().int().nonnegative(),
  /** Published from this computer's outbox. */
  ours: z.boolean(),
});
export type LockerBundleEntry = z.infer<typeof LockerBundleEntry>;

export const LockerListing = z.object({ bundles: z.array(LockerBundleEntry) });
export type LockerListing = z.infer<typeof LockerListing>;

/** A bundle pulled into main's scratch space, put back together and verified, to be read. */
export const PulledBundle = z.object({
  pullId: z.uuid(),
  key: z.string().max(1024),
  fileName: z.string().max(255),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  signers: z.array(z.string().max(500)).max(100),
});
export type PulledBundle = z.infer<typeof PulledBundle>;

/** Pulled bundles cross to the window in pieces of at most this many bytes. */
export const PULL_CHUNK_BYTES = 8 * 1024 * 1024;

/** How far a check of the whole locker has got: object versions checked of those listed. */
export const LockerVerifyProgress = z.object({
  checked: z.number().int().nonnegative(),
  versions: z.number().int().nonnegative(),
});
export type LockerVerifyProgress = z.infer<typeof LockerVerifyProgress>;

/**
 * The locker's `verify` (every version's retention, every first version's content, every
 * bundle put back together and verified under the trust rule), as the window shows it. At most
 * `MAX_VERIFY_PROBLEMS` problems cross; `problemCount` says how many there were.
 */
export const MAX_VERIFY_PROBLEMS = 200;

export const LockerVerifyResult = z.object({
  ok: z.boolean(),
  where: z.string().max(1100),
  objects: z.number().int().nonnegative(),
  versions: z.number().int().nonnegative(),
  blobs: z.number().int().nonnegative(),
  bundles: z.number().int().nonnegative(),
  policy: z.object({
    objectLock: z.boolean(),
    mode: z.enum(['COMPLIANCE', 'GOVERNANCE']),
    retentionDays: z.number().int().positive(),
  }),
  problems: z
    .array(
      z.object({
        key: z.string().max(1024),
        versionId: z.string().max(1024).nullable(),
        problem: z.string().max(2000),
      }),
    )
    .max(MAX_VERIFY_PROBLEMS),
  problemCount: z.number().int().nonnegative(),
  notes: z.array(z.string().max(2000)).max(20),
});
export type LockerVerifyResult = z.infer<typeof LockerVerifyResult>;
