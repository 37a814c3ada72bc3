import type { LockerKey } from './layout';
import { parseLockerKey } from './layout';
import type { LockerPolicy } from './policy';
import { retentionProblem } from './policy';

/**
 * The rules `locker verify` holds every object version to, apart from S3: given what the walk
 * read (each version's retention, and for current versions what their content proved), the
 * problems in words. Pure, so the rules are tested without a service.
 */

export interface ObservedVersion {
  key: string;
  versionId: string;
  /** When the service wrote it. */
  lastModified: Date;
  size: number;
  deleteMarker: boolean;
  retention: { mode: string; retainUntil: Date } | null;
  /** What reading the content proved; null when it was not read (older versions, markers). */
  content: ContentCheck | null;
}

export type ContentCheck =
  | { ok: true; kind: 'blob' }
  | { ok: true; kind: 'policy' }
  | { ok: true; kind: 'bundle'; blobs: readonly string[] }
  | { ok: false; problem: string };

export interface LockerProblem {
  key: string;
  versionId: string | null;
  problem: string;
}

export interface LockerCheck {
  ok: boolean;
  objects: number;
  versions: number;
  blobs: number;
  bundles: number;
  problems: LockerProblem[];
}

export function checkLocker(
  policy: Pick<LockerPolicy, 'objectLock' | 'mode' | 'retentionDays'>,
  versions: readonly ObservedVersion[],
): LockerCheck {
  const problems: LockerProblem[] = [];
  const byKey = new Map<string, ObservedVersion[]>();
  for (const version of versions) {
    const list = byKey.get(version.key) ?? [];
    list.push(version);
    byKey.set(version.key, list);
  }
  const blobs = new Set<string>();
  const referenced = new Map<string, string>();
  let bundles = 0;
  for (const [key, list] of byKey) {
    const parsed: LockerKey | null = parseLockerKey(key);
    if (parsed === null)
      problems.push({ key, versionId: null, problem: 'a key this locker never writes' });
    const ordered = [...list].sort((a, b) => a.lastModified.getTime() - b.lastModified.getTime());
    const [first] = ordered;
    for (const later of ordered.slice(1)) {
      problems.push({
        key,
        versionId: later.versionId,
        problem: later.deleteMarker
          ? 'a delete marker hides this object'
          : `a newer version was written over the first (written ${first?.lastModified.toISOString()})`,
      });
    }
    for (const version of ordered) {
      if (version.deleteMarker || !policy.objectLock) continue;
      const retention = retentionProblem(policy, version.lastModified, version.retention);
      if (retention !== null)
        problems.push({ key, versionId: version.versionId, problem: retention });
    }
    const content = first?.deleteMarker ? null : first?.content;
    if (content === undefined || content === null) continue;
    if (!content.ok) {
      problems.push({ key, versionId: first?.versionId ?? null, problem: content.problem });
      continue;
    }
    if (content.kind === 'blob' && parsed?.type === 'blob') blobs.add(parsed.sha256);
    if (content.kind === 'bundle') {
      bundles += 1;
      for (const sha256 of content.blobs) if (!referenced.has(sha256)) referenced.set(sha256, key);
    }
  }
  for (const [sha256, bundle] of referenced) {
    if (!blobs.has(sha256))
      problems.push({
        key: bundle,
        versionId: null,
        problem: `blob ${sha256} that it holds is missing or damaged`,
      });
  }
  return {
    ok: problems.length === 0,
    objects: byKey.size,
    versions: versions.length,
    blobs: blobs.size,
    bundles,
    problems,
  };
}
