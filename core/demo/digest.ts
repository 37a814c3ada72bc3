import { canonicalHash } from '../audit/canonical';
import type {
  AgendaItem,
  ControlVerdict,
  Demo,
  DemoEvidence,
  DemoIssue,
  DemoNote,
} from '../model/demo';

/** Everything recorded for one demo, as read from the store. */
export interface DemoRecord {
  demo: Demo;
  items: readonly AgendaItem[];
  notes: readonly DemoNote[];
  verdicts: readonly ControlVerdict[];
  evidence: readonly DemoEvidence[];
  issues: readonly DemoIssue[];
}

/**
 * The versions of the record digest. A sign-off names the version it pinned, and is checked
 * under that version for good: a new version is added, never an old one changed.
 *
 * 1. The demo row (without its sign-offs, amendments and last-change time) and its rows.
 *    Pinned by the unsigned sign-offs of earlier versions.
 * 2. The same under a format name and version (so a digest says what it is a digest of), with
 *    the amendments' numbers, reasons and openers: an amendment's reason is part of what its
 *    sign-off vouches for. Pinned by signed sign-offs.
 */
export const DIGEST_VERSIONS = [1, 2] as const;
export type DigestVersion = (typeof DIGEST_VERSIONS)[number];
export const CURRENT_DIGEST_VERSION: DigestVersion = 2;

export function isDigestVersion(value: unknown): value is DigestVersion {
  return (DIGEST_VERSIONS as readonly unknown[]).includes(value);
}

const byId = <T extends { id: string }>(rows: readonly T[]): T[] =>
  [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/**
 * SHA-256 over the canonical JSON of a demo record under `version`. Sign-offs and the rows'
 * order are left out, so the same content always gives the same digest and any change to the
 * content gives another.
 */
export function demoRecordDigest(
  record: DemoRecord,
  version: DigestVersion = CURRENT_DIGEST_VERSION,
): string {
  const { signOff: _signOff, amendments, updatedAt: _updatedAt, ...demo } = record.demo;
  const rows = {
    items: byId(record.items),
    notes: byId(record.notes),
    verdicts: byId(record.verdicts),
    evidence: byId(record.evidence),
    issues: byId(record.issues),
  };
  if (version === 1) return canonicalHash({ demo, ...rows });
  return canonicalHash({
    format: 'demo-ledger.demo-record',
    version,
    demo,
    amendments: amendments.map(({ signOff: _amendmentSignOff, ...amendment }) => amendment),
    ...rows,
  });
}
