import type { EvidenceFormatCatalogs } from '../../../../core/evidence/controls';
import { controlsDemonstrated } from '../../../../core/evidence/controls';
import { diffSummaries } from '../../../../core/evidence/diff';
import type { EvidenceDiff } from '../../../../core/evidence/diff';
import type { DriftGroup } from '../../../../core/evidence/drift-groups';
import { driftGroups } from '../../../../core/evidence/drift-groups';
import type { EvidencePeriod } from '../../../../core/evidence/freshness';
import { periodOfEvidence } from '../../../../core/evidence/freshness';
import type { EvidenceSummary } from '../../../../core/evidence/model';
import type { Evidence, EvidenceLink, EvidenceSource } from '../../../../core/model';
import { db } from '../../db';
import type { PagedList } from '../../lib/paged';
import { usePagedList } from '../../lib/paged';
import type { QueryState } from '../../lib/useQuery';
import { useQuery } from '../../lib/useQuery';
import type { EvidenceFilters } from './list-query';
import { controlsOf, evidenceListSource, workspaceFormats, workspaceSources } from './list-query';

/** Reads for evidence. Lists use the small attachment rows; summaries are read one at a time. */

/** The workspace's evidence as the list shows it: newest first, a growing window of pages. */
export function useEvidencePages(
  workspaceId: string,
  filters: EvidenceFilters,
): PagedList<Evidence> {
  return usePagedList(
    () => evidenceListSource(db, workspaceId, filters),
    JSON.stringify([workspaceId, filters]),
  );
}

/** The formats and sources the workspace's evidence has, for the list's filters. */
export function useEvidenceFacets(
  workspaceId: string,
): QueryState<{ formats: string[]; sources: string[] }> {
  return useQuery(async () => {
    const [formats, sources] = await Promise.all([
      workspaceFormats(db, workspaceId),
      workspaceSources(db, workspaceId),
    ]);
    return { formats, sources };
  }, [workspaceId]);
}

/** The controls of the files on screen, by evidence id. */
export function useControlsOf(
  evidenceIds: readonly string[],
): QueryState<ReadonlyMap<string, string[]>> {
  const key = evidenceIds.join(',');
  return useQuery(() => controlsOf(db, key === '' ? [] : key.split(',')), [key]);
}

/** A stored file as control coverage counts it: the controls it is linked to, and its period. */
export interface ControlEvidence {
  evidenceId: string;
  controls: string[];
  period: EvidencePeriod | null;
  /** False for a file that shows nothing (failed scan, not understood …): it counts for no control. */
  counts: boolean;
}

/** Every file of the workspace linked to at least one control (coverage counts only those). */
export async function controlEvidence(workspaceId: string): Promise<ControlEvidence[]> {
  const [rows, links] = await Promise.all([
    db.evidence.where('workspaceId').equals(workspaceId).toArray(),
    db.evidenceLinks.where('workspaceId').equals(workspaceId).toArray(),
  ]);
  const controls = new Map<string, string[]>();
  for (const link of links) {
    if (link.targetType !== 'control') continue;
    controls.set(link.evidenceId, [...(controls.get(link.evidenceId) ?? []), link.targetId]);
  }
  return rows.flatMap((row) => {
    const linked = controls.get(row.id);
    return linked
      ? [
          {
            evidenceId: row.id,
            controls: linked.sort(),
            period: periodOfEvidence(row),
            counts: !row.flag && row.parseError === null,
          },
        ]
      : [];
  });
}

export function useControlEvidence(workspaceId: string): QueryState<ControlEvidence[]> {
  return useQuery(() => controlEvidence(workspaceId), [workspaceId]);
}

export function useEvidence(evidenceId: string): QueryState<Evidence | null> {
  return useQuery(async () => (await db.evidence.get(evidenceId)) ?? null, [evidenceId]);
}

export function useSummary(sha256: string | undefined): QueryState<EvidenceSummary | null> {
  return useQuery(async () => {
    if (sha256 === undefined) return null;
    return (await db.evidenceSummaries.get(sha256))?.summary ?? null;
  }, [sha256]);
}

export function useLinksOf(evidenceId: string): QueryState<EvidenceLink[]> {
  return useQuery(
    () => db.evidenceLinks.where('evidenceId').equals(evidenceId).sortBy('targetId'),
    [evidenceId],
  );
}

/** Evidence attached to a target (a control ref, a demo item ...), newest first: for other features. */
export async function evidenceLinkedTo(targetType: string, targetId: string): Promise<Evidence[]> {
  const links = await db.evidenceLinks
    .where('[targetType+targetId]')
    .equals([targetType, targetId])
    .toArray();
  const rows = await db.evidence.bulkGet(links.map((link) => link.evidenceId));
  return rows
    .filter((row): row is Evidence => row !== undefined)
    .sort((a, b) => b.attachedAt.localeCompare(a.attachedAt));
}

export function useEvidenceLinkedTo(targetType: string, targetId: string): QueryState<Evidence[]> {
  return useQuery(() => evidenceLinkedTo(targetType, targetId), [targetType, targetId]);
}

export async function readBlob(sha256: string): Promise<Blob | null> {
  return (await db.evidenceBlobs.get(sha256))?.blob ?? null;
}

/** Other versions of the same evidence (same format and source), newest first. */
export function useVersions(evidence: Evidence | null | undefined): QueryState<Evidence[]> {
  const workspaceId = evidence?.workspaceId ?? '';
  const sourceKey = evidence?.sourceKey ?? '';
  return useQuery(async () => {
    if (!workspaceId) return [];
    const rows = await db.evidence
      .where('[workspaceId+sourceKey]')
      .equals([workspaceId, sourceKey])
      .sortBy('attachedAt');
    return rows.reverse();
  }, [workspaceId, sourceKey]);
}

export function useSource(
  workspaceId: string | undefined,
  sourceKey: string | undefined,
): QueryState<EvidenceSource | null> {
  return useQuery(async () => {
    if (!workspaceId || !sourceKey) return null;
    return (
      (await db.evidenceSources
        .where('[workspaceId+sourceKey]')
        .equals([workspaceId, sourceKey])
        .first()) ?? null
    );
  }, [workspaceId, sourceKey]);
}

/** The evidence of the same kind attached just before this one, if any. */
export function previousVersion(
  evidence: Evidence,
  versions: readonly Evidence[],
): Evidence | null {
  return (
    versions.find((row) => row.id !== evidence.id && row.attachedAt < evidence.attachedAt) ?? null
  );
}

/**
 * The drift since the previous version of the same evidence (same workspace, format and
 * source), as titled groups. Null when there is no previous version or either file has no
 * summary.
 */
export async function driftSincePrevious(
  evidence: Evidence,
): Promise<{ previous: Evidence; groups: DriftGroup[] } | null> {
  const versions = await db.evidence
    .where('[workspaceId+sourceKey]')
    .equals([evidence.workspaceId, evidence.sourceKey])
    .sortBy('attachedAt');
  const previous = previousVersion(evidence, versions.reverse());
  if (!previous) return null;
  const [before, after] = await db.evidenceSummaries.bulkGet([previous.sha256, evidence.sha256]);
  if (!before || !after) return null;
  const source = await db.evidenceSources
    .where('[workspaceId+sourceKey]')
    .equals([evidence.workspaceId, evidence.sourceKey])
    .first();
  const drift = diffSummaries(
    before.summary,
    after.summary,
    source ? { expectedPorts: source.expectedPorts } : {},
  );
  return { previous, groups: driftGroups(drift) };
}

/** The drift since the previous version in one line: the groups that changed, with their sizes. */
export function describeChanges(previous: Evidence, groups: readonly DriftGroup[]): string {
  const changed = groups
    .filter((group) => group.items.length > 0)
    .map((group) => `${group.title.toLowerCase()} ${group.items.length}`);
  return `since ${previous.fileName}: ${changed.length > 0 ? changed.join(', ') : 'no changes'}`;
}

export async function changesSincePrevious(evidenceId: string): Promise<string | null> {
  const evidence = await db.evidence.get(evidenceId);
  const drift = evidence ? await driftSincePrevious(evidence) : null;
  return drift ? describeChanges(drift.previous, drift.groups) : null;
}

/** What another feature shows of a piece of evidence it references (a demo item's files). */
export interface EvidenceGlance {
  evidence: Evidence;
  /** The previous version of the same evidence and what changed since, when there is one. */
  previous: Evidence | null;
  changes: string | null;
  changedGroups: DriftGroup[];
  /** Controls the evidence is linked to. */
  controls: string[];
}

/** Glances at stored evidence by id; ids no longer stored are absent from the map. */
export function useEvidenceGlances(
  evidenceIds: readonly string[],
): QueryState<ReadonlyMap<string, EvidenceGlance>> {
  const key = evidenceIds.join(',');
  return useQuery(async () => {
    const ids = key === '' ? [] : key.split(',');
    const glances = new Map<string, EvidenceGlance>();
    for (const evidence of await db.evidence.bulkGet(ids)) {
      if (!evidence) continue;
      const [drift, links] = await Promise.all([
        driftSincePrevious(evidence),
        db.evidenceLinks.where('evidenceId').equals(evidence.id).toArray(),
      ]);
      glances.set(evidence.id, {
        evidence,
        previous: drift?.previous ?? null,
        changes: drift ? describeChanges(drift.previous, drift.groups) : null,
        changedGroups: drift?.groups.filter((group) => group.items.length > 0) ?? [],
        controls: links
          .filter((link) => link.targetType === 'control')
          .map((link) => link.targetId)
          .sort(),
      });
    }
    return glances;
  }, [key]);
}

/** The drift between two stored pieces of evidence, from their parsed summaries. */
export function useDrift(
  previousSha: string | undefined,
  currentSha: string | undefined,
  expectedPorts: readonly string[] | undefined,
): QueryState<EvidenceDiff | null> {
  const portsKey = expectedPorts?.join(',') ?? '';
  return useQuery(async () => {
    if (!previousSha || !currentSha) return null;
    const [before, after] = await db.evidenceSummaries.bulkGet([previousSha, currentSha]);
    if (!before || !after) return null;
    return diffSummaries(
      before.summary,
      after.summary,
      portsKey ? { expectedPorts: portsKey.split(',') } : {},
    );
  }, [previousSha, currentSha, portsKey]);
}

/**
 * Of the workspace's files a pipeline provided (those with custody), the newest of each source
 * that can demonstrate any of `controls`: what a demo item pulls as its pipeline evidence.
 * Newest by when the pipeline collected it.
 */
export async function newestPipelineEvidence(
  workspaceId: string,
  controls: readonly string[],
  catalogs: EvidenceFormatCatalogs | undefined,
): Promise<Evidence[]> {
  const newest = new Map<string, { evidence: Evidence; collectedAt: string }>();
  await db.evidence
    .where('workspaceId')
    .equals(workspaceId)
    .each((evidence) => {
      const collectedAt = evidence.custody?.at(-1)?.collectedAt;
      if (collectedAt === undefined) return;
      const current = newest.get(evidence.sourceKey);
      if (current === undefined || current.collectedAt < collectedAt)
        newest.set(evidence.sourceKey, { evidence, collectedAt });
    });
  const chosen: Evidence[] = [];
  for (const { evidence } of newest.values()) {
    const summary = (await db.evidenceSummaries.get(evidence.sha256))?.summary ?? null;
    if (controlsDemonstrated(summary, controls, catalogs).length > 0) chosen.push(evidence);
  }
  return chosen.sort((a, b) => a.fileName.localeCompare(b.fileName));
}
