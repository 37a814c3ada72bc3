import { z } from 'zod';
import { ARCHIVE_FORMAT, ARCHIVE_FORMAT_VERSION, ManifestFile } from '../archive/format';
import { BundleSigner } from '../bundle/manifest';
import { SHA256_HEX } from '../util/hash';
import { Provenance } from './provenance';

/**
 * An evidence bundle: what a pipeline collected, signed at the source by its CI identity. The
 * same strict tar container as backups and audit bundles (core/archive/), holding in this order
 *
 *   demo-ledger-archive.json   {"format": "demo-ledger-archive", "formatVersion": 1, "kind": "evidence"}
 *   files/<sha256>             each collected file's bytes, stored once per distinct content
 *   manifest.json              provenance, each file's name, SHA-256 and summary, the gates
 *                              and their outcome, drift against the previous bundle, and the
 *                              size and SHA-256 of every entry above
 *   SHA256SUMS                 the same hashes in `sha256sum -c` form, manifest.json included
 *   manifest.json.sig          a detached CMS signature over manifest.json by the CI identity,
 *                              optionally with an RFC 3161 timestamp
 *
 * It has no workspace and no audit-chain segment: it says what the pipeline produced, where and
 * when, and nothing about any ledger.
 */

export const EVIDENCE_KIND = 'evidence';
export const EVIDENCE_EXTENSION = '.dlevidence';
export const STORED_PATH = /^files\/([0-9a-f]{64})$/;

export function storedPath(sha256: string): string {
  return `files/${sha256}`;
}

const Sha256Hex = z.string().regex(SHA256_HEX, 'expected a SHA-256 hex digest');
const Text = (max: number) => z.string().max(max);
const Count = z.number().int().nonnegative();

export const EvidenceMarker = z.strictObject({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.literal(ARCHIVE_FORMAT_VERSION),
  kind: z.literal(EVIDENCE_KIND),
});

export const ScanOutcome = z.strictObject({
  status: z.enum(['complete', 'failed', 'incomplete']),
  reason: Text(2000).nullable(),
});
export type ScanOutcome = z.infer<typeof ScanOutcome>;

/**
 * A collected file as `inspect --json` describes it (schema demo-ledger/inspect@1), without the
 * file name and hash (the item carries them) and without a chart's series and figures.
 */
export const StoredSummary = z.strictObject({
  format: Text(50),
  variant: Text(500),
  mediaType: Text(200),
  /** The file could be read; `error` says why not. */
  ok: z.boolean(),
  error: Text(2000).nullable(),
  /** A reader understood the file (not kept as generic JSON, XML, text or bytes). */
  recognised: z.boolean(),
  scan: ScanOutcome,
  tool: z.strictObject({ name: Text(500), version: Text(200) }).nullable(),
  /** When the tool says it ran (ISO 8601), not when it was collected. */
  producedAt: Text(100).nullable(),
  target: Text(2000).nullable(),
  origin: z.record(Text(50), Text(2048)),
  tests: z
    .strictObject({
      total: Count,
      passed: Count,
      failed: Count,
      errored: Count,
      skipped: Count,
      flaky: Count,
    })
    .nullable(),
  findings: z
    .strictObject({
      total: Count,
      critical: Count,
      high: Count,
      medium: Count,
      low: Count,
      info: Count,
      unknown: Count,
    })
    .nullable(),
  ports: z
    .array(
      z.strictObject({
        host: Text(500),
        protocol: Text(20),
        port: Count,
        service: Text(1000),
      }),
    )
    .max(100_000)
    .nullable(),
  components: z.strictObject({ total: Count }).nullable(),
  checks: z
    .strictObject({
      total: Count,
      pass: Count,
      fail: Count,
      notApplicable: Count,
      error: Count,
      notChecked: Count,
      informational: Count,
    })
    .nullable(),
  details: z.record(Text(200), z.union([Text(2000), z.number(), z.boolean()])),
  notes: z.array(Text(2000)).max(200),
});
export type StoredSummary = z.infer<typeof StoredSummary>;

export const CollectedFile = z.strictObject({
  /** The path as given to `collect`, relative to where it ran. */
  name: z.string().min(1).max(1000),
  size: Count,
  sha256: Sha256Hex,
  summary: StoredSummary,
});
export type CollectedFile = z.infer<typeof CollectedFile>;

/**
 * What `--fail-on` can fail a run on: findings at a severity or above, failed tests or checks,
 * a scan that did not complete, and drift against the previous bundle.
 */
export const GATE_NAMES = [
  'critical',
  'high',
  'medium',
  'low',
  'failed-tests',
  'failed-scan',
  'drift',
] as const;
export const GateName = z.enum(GATE_NAMES);
export type GateName = z.infer<typeof GateName>;

export const GateOutcome = z.strictObject({
  gate: GateName,
  passed: z.boolean(),
  /** What failed it, one sentence per file or cause. */
  failures: z.array(Text(2000)).max(10_000),
});
export type GateOutcome = z.infer<typeof GateOutcome>;

/** The bundle `--previous` named, as far as it could be verified. */
export const PreviousBundle = z.strictObject({
  fileSha256: Sha256Hex,
  id: z.uuid().nullable(),
  createdAt: Text(100).nullable(),
  /** Intact, validly signed and trusted: only then are its files compared. */
  verified: z.boolean(),
  problems: z.array(Text(2000)).max(100),
});
export type PreviousBundle = z.infer<typeof PreviousBundle>;

/** One file name compared with the file of the same name in the previous bundle. */
export const DriftEntry = z.strictObject({
  name: z.string().min(1).max(1000),
  /** `new`: only now; `missing`: only before; `unreadable`: either side could not be read. */
  status: z.enum(['compared', 'new', 'missing', 'unreadable']),
  previousSha256: Sha256Hex.nullable(),
  currentSha256: Sha256Hex.nullable(),
  /** Something got worse: new findings, ports opened or changed, tests or checks newly failing. */
  adverse: z.boolean(),
  changes: z.array(Text(2000)).max(10_000),
});
export type DriftEntry = z.infer<typeof DriftEntry>;

export const EvidenceManifest = z.strictObject({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.literal(ARCHIVE_FORMAT_VERSION),
  kind: z.literal(EVIDENCE_KIND),
  id: z.uuid(),
  createdAt: z.iso.datetime({ offset: true }),
  app: z.strictObject({ name: Text(100), version: Text(50) }),
  /** The CI identity's certificate: the signature must be by this one. */
  signer: BundleSigner,
  provenance: Provenance,
  evidence: z.array(CollectedFile).min(1).max(10_000),
  /** The gates asked for, in order, and what each found. */
  gates: z.array(GateOutcome).max(GATE_NAMES.length),
  previous: PreviousBundle.nullable(),
  /** Null when no previous bundle was given. */
  drift: z.array(DriftEntry).max(20_000).nullable(),
  files: z.array(ManifestFile).max(10_001),
});
export type EvidenceManifest = z.infer<typeof EvidenceManifest>;
