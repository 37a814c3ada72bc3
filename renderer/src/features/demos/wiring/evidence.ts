import type { EvidenceFormatCatalogs } from '../../../../../core/evidence/controls';
import { controlsDemonstrated } from '../../../../../core/evidence/controls';
import { fileFreshness, periodOfEvidence } from '../../../../../core/evidence/freshness';
import type { LinkTarget } from '../../../../../core/model';
import { DEMO_ITEM_TARGET } from '../../../../../core/model';
import { todayIso } from '../../../lib/format';
import { loadedLibrary } from '../../controls/library';
import {
  LINK_TABLES,
  linkDemonstratedInTransaction,
  linkInTransaction,
  setControlLinksInTransaction,
  unlinkTargetInTransaction,
} from '../../evidence/commands';
import { holdIngestWarm, ingestFiles } from '../../evidence/ingest';
import {
  newestPipelineEvidence,
  useControlEvidence,
  useEvidenceGlances,
} from '../../evidence/queries';
import type { EvidenceAttach, EvidenceView } from '../slots';

/** The evidence store behind files dropped on a demo item (features/evidence). */

const controlTargets = (controls: readonly string[]): LinkTarget[] =>
  controls.map((ref) => ({ targetType: 'control', targetId: ref }));

/**
 * The catalogs that say which formats demonstrate which controls (the DevOps baseline). Without
 * them (a catalog file missing from the build) the built-in format mapping still decides.
 */
export async function linkCatalogs(): Promise<EvidenceFormatCatalogs | undefined> {
  try {
    return await loadedLibrary();
  } catch {
    return undefined;
  }
}

/**
 * Each file is hashed and parsed in workers, stored once by its SHA-256 with its summary, and
 * linked to the demo item and to the item's controls its format can demonstrate (decided from
 * what was read, at once, so the presenter never waits for a question); the item's reference is
 * written in the same transaction. The Evidence area shows it like any other evidence.
 */
export const evidenceStore: EvidenceAttach = {
  storesContent: true,
  hint: 'Files are stored by their SHA-256, read and summarised, compared with the previous version, and linked to this item and to the item’s controls their format can demonstrate (change them with K; see the Evidence area).',
  tables: LINK_TABLES,
  holdReady: holdIngestWarm,
  async attach(files, target, options) {
    const catalogs = await linkCatalogs();
    const ingested = await ingestFiles(files, {
      workspaceId: target.workspaceId,
      links: [{ targetType: DEMO_ITEM_TARGET, targetId: target.itemId }],
      linksFor: ({ summary }) =>
        controlTargets(controlsDemonstrated(summary, target.controls, catalogs)),
      ...(options.signal ? { signal: options.signal } : {}),
      // A live demo is no moment for a question: a file holding secrets is stored as a redacted
      // copy, and the notice says so (the Evidence area asks).
      chooseCopy: async () => 'redacted',
      onProgress: (progress) =>
        options.onProgress?.({
          fileName: progress.fileName,
          fileIndex: progress.fileIndex,
          fileCount: progress.fileCount,
          percent:
            progress.size > 0
              ? Math.round(
                  (Math.min(progress.hashedBytes, progress.parsedBytes) / progress.size) * 100,
                )
              : 100,
          phase: progress.phase === 'done' ? 'storing' : progress.phase,
        }),
      record: {
        tables: options.recordTables,
        write: (stored) =>
          options.record({
            evidenceId: stored.id,
            name: stored.fileName,
            size: stored.size,
            sha256: stored.sha256,
            mediaType: stored.mediaType,
            stored: true,
          }),
      },
    });
    return ingested.map((file) => ({
      name: file.fileName,
      headline:
        (file.parseError
          ? `stored, but not readable: ${file.parseError}`
          : file.flag
            ? `${file.headline} — not counted as evidence`
            : file.headline || file.format) +
        (file.redacted === null
          ? ''
          : ` — stored as a redacted copy (${file.redacted} secrets replaced)`),
      changes: file.changes,
      controls: file.links
        .filter((link) => link.targetType === 'control')
        .map((link) => link.targetId),
      flagged: file.parseError !== null || file.flag !== null,
    }));
  },
  detach: (evidenceId, itemId) =>
    unlinkTargetInTransaction(evidenceId, { targetType: DEMO_ITEM_TARGET, targetId: itemId }),
  reattach: (evidenceId, itemId) =>
    linkInTransaction([evidenceId], [{ targetType: DEMO_ITEM_TARGET, targetId: itemId }]),
  async prepareLinks() {
    const catalogs = await linkCatalogs();
    return {
      linkDemonstrated: (evidenceIds, controls) =>
        linkDemonstratedInTransaction(evidenceIds, controls, catalogs),
    };
  },
  setLinks: setControlLinksInTransaction,
  async newestPipelineEvidence(workspaceId, controls) {
    const files = await newestPipelineEvidence(workspaceId, controls, await linkCatalogs());
    return files.map((file) => ({
      evidenceId: file.id,
      name: file.fileName,
      size: file.size,
      sha256: file.sha256,
      mediaType: file.mediaType,
      stored: true,
    }));
  },
  attachStored: (evidenceIds, itemId) =>
    linkInTransaction(evidenceIds, [{ targetType: DEMO_ITEM_TARGET, targetId: itemId }]),
  useViews(evidenceIds) {
    const glances = useEvidenceGlances(evidenceIds).data;
    const views = new Map<string, EvidenceView>();
    const today = todayIso();
    for (const [id, glance] of glances ?? []) {
      const period = periodOfEvidence(glance.evidence);
      views.set(id, {
        format: glance.evidence.format,
        variant: glance.evidence.variant,
        headline: glance.evidence.headline,
        parseError: glance.evidence.parseError,
        flag: glance.evidence.flag ?? null,
        changes: glance.changes,
        changedGroups: glance.changedGroups,
        controls: glance.controls,
        period,
        statedBy: glance.evidence.statedBy,
        freshness: fileFreshness(period, glance.evidence.freshnessDays, today),
        href: `~/evidence/${id}`,
      });
    }
    return views;
  },
  useControlEvidence: (workspaceId) => useControlEvidence(workspaceId).data,
};
