import { openAsBlob } from 'node:fs';
import type { ByteSource } from '../../core/evidence/bytes';
import { readableChunks } from '../../core/evidence/bytes';
import { diffSummaries } from '../../core/evidence/diff';
import { driftGroups } from '../../core/evidence/drift-groups';
import type { InspectResult } from '../../core/evidence/inspect';
import { inspectSource } from '../../core/evidence/inspect';
import type { EvidenceSummary } from '../../core/evidence/model';
import { unreadReason } from '../../core/evidence-bundle/gates';
import type {
  CollectedFile,
  DriftEntry,
  PreviousBundle,
} from '../../core/evidence-bundle/manifest';
import type { EvidenceBundleFile } from '../../main/services/evidence-bundles';
import { readEvidenceBundleFile } from '../../main/services/evidence-bundles';
import { STRICT_POLICY } from '../../core/trust/rule';
import { hasAdverseDrift } from '../commands/evidence-json';

/**
 * Drift against the bundle `--previous` names: each file compared with the file of the same
 * name there, by reading the previous file's stored bytes again with today's readers (so both
 * sides are judged by the same rules). The previous bundle must verify and be signed by a
 * trusted certificate (this identity, its chain, or `--trust`); otherwise nothing is compared
 * and the drift gate fails, since an unverified file cannot vouch for what changed.
 */

export interface CurrentFile {
  item: CollectedFile;
  result: InspectResult;
}

export interface PreviousEvidence {
  previous: PreviousBundle;
  bundle: EvidenceBundleFile;
}

const MAX_LISTED = 5;
const MAX_CHANGE_LINE = 2000;

export async function readPrevious(
  file: string,
  trusted: readonly Uint8Array[],
): Promise<PreviousEvidence> {
  const bundle = await readEvidenceBundleFile(file, { trusted, policy: STRICT_POLICY });
  return {
    bundle,
    previous: {
      fileSha256: bundle.sha256 || '0'.repeat(64),
      id: bundle.id,
      createdAt: bundle.manifest?.createdAt ?? null,
      verified: bundle.problems.length === 0,
      problems: bundle.problems.slice(0, 100).map((problem) => problem.slice(0, 2000)),
    },
  };
}

export async function driftAgainst(
  previous: PreviousEvidence,
  current: readonly CurrentFile[],
): Promise<DriftEntry[]> {
  if (!previous.previous.verified) return [];
  const before = new Map(previous.bundle.evidence.map((item) => [item.name, item]));
  const entries: DriftEntry[] = [];
  for (const { item, result } of current) {
    const old = before.get(item.name);
    before.delete(item.name);
    if (old === undefined) {
      entries.push(entry(item.name, 'new', null, item.sha256, false, []));
      continue;
    }
    const unread = unreadReason(old.summary) ?? unreadReason(item.summary);
    if (unread !== null || !result.outcome.ok) {
      entries.push(
        entry(item.name, 'unreadable', old.sha256, item.sha256, false, [
          unread ?? 'the current file could not be read',
        ]),
      );
      continue;
    }
    if (old.sha256 === item.sha256) {
      entries.push(entry(item.name, 'compared', old.sha256, item.sha256, false, []));
      continue;
    }
    const reread = await inspectSource(await storedSource(previous, old));
    if (!reread.outcome.ok) {
      entries.push(
        entry(item.name, 'unreadable', old.sha256, item.sha256, false, [
          `the previous file could not be read: ${reread.outcome.error}`,
        ]),
      );
      continue;
    }
    entries.push(compare(item, old, reread.outcome.summary, result.outcome.summary));
  }
  for (const old of before.values()) {
    entries.push(entry(old.name, 'missing', old.sha256, null, true, []));
  }
  return entries;
}

function compare(
  item: CollectedFile,
  old: CollectedFile,
  previous: EvidenceSummary,
  current: EvidenceSummary,
): DriftEntry {
  const drift = diffSummaries(previous, current);
  const changes = driftGroups(drift)
    .filter((group) => group.items.length > 0)
    .map((group) => {
      const listed = group.items.slice(0, MAX_LISTED).join(', ');
      const more =
        group.items.length > MAX_LISTED ? `, and ${group.items.length - MAX_LISTED} more` : '';
      const line = `${group.title} (${group.items.length}): ${listed}${more}`;
      return line.length <= MAX_CHANGE_LINE ? line : `${line.slice(0, MAX_CHANGE_LINE - 1)}…`;
    });
  return entry(item.name, 'compared', old.sha256, item.sha256, hasAdverseDrift(drift), [
    ...changes,
    ...drift.notes.map((note) => note.slice(0, MAX_CHANGE_LINE)),
  ]);
}

function entry(
  name: string,
  status: DriftEntry['status'],
  previousSha256: string | null,
  currentSha256: string | null,
  adverse: boolean,
  changes: string[],
): DriftEntry {
  return { name, status, previousSha256, currentSha256, adverse, changes };
}

/** The previous bundle's stored copy of a file, read from its place in the bundle. */
async function storedSource(previous: PreviousEvidence, item: CollectedFile): Promise<ByteSource> {
  const range = previous.bundle.blobs.find((stored) => stored.sha256 === item.sha256);
  if (range === undefined) throw new Error(`${item.name} is not stored in the previous bundle`);
  const blob = await openAsBlob(previous.bundle.file);
  const slice = blob.slice(range.offset, range.offset + range.size);
  return { name: item.name, size: range.size, open: () => readableChunks(slice.stream()) };
}
