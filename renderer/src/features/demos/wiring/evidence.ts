import type { LinkTarget } from '../../../../../core/model';
import { DEMO_ITEM_TARGET } from '../../../../../core/model';
import { LINK_TABLES, linkInTransaction, unlinkTargetInTransaction } from '../../evidence/commands';
import { holdIngestWarm, ingestFiles } from '../../evidence/ingest';
import { useEvidenceGlances } from '../../evidence/queries';
import type { EvidenceAttach, EvidenceView } from '../slots';

/** The evidence store behind files dropped on a demo item (features/evidence). */

const controlTargets = (controls: readonly string[]): LinkTarget[] =>
  controls.map((ref) => ({ targetType: 'control', targetId: ref }));

/**
 * Each file is hashed and parsed in workers, stored once by its SHA-256 with its summary, and
 * linked to the demo item and the item's controls; the item's reference is written in the same
 * transaction. The Evidence area shows it like any other evidence.
 */
export const evidenceStore: EvidenceAttach = {
  storesContent: true,
  hint: 'Files are stored by their SHA-256, read and summarised, compared with the previous version, and linked to this item and its controls (see the Evidence area).',
  tables: LINK_TABLES,
  holdReady: holdIngestWarm,
  async attach(files, target, options) {
    const ingested = await ingestFiles(files, {
      workspaceId: target.workspaceId,
      links: [
        { targetType: DEMO_ITEM_TARGET, targetId: target.itemId },
        ...controlTargets(target.controls),
      ],
      ...(options.signal ? { signal: options.signal } : {}),
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
      headline: file.parseError
        ? `stored, but not readable: ${file.parseError}`
        : file.headline || file.format,
      changes: file.changes,
    }));
  },
  detach: (evidenceId, itemId) =>
    unlinkTargetInTransaction(evidenceId, { targetType: DEMO_ITEM_TARGET, targetId: itemId }),
  reattach: (evidenceId, itemId) =>
    linkInTransaction([evidenceId], [{ targetType: DEMO_ITEM_TARGET, targetId: itemId }]),
  linkToControls: (evidenceIds, controls) =>
    linkInTransaction(evidenceIds, controlTargets(controls)),
  useViews(evidenceIds) {
    const glances = useEvidenceGlances(evidenceIds).data;
    const views = new Map<string, EvidenceView>();
    for (const [id, glance] of glances ?? []) {
      views.set(id, {
        format: glance.evidence.format,
        variant: glance.evidence.variant,
        headline: glance.evidence.headline,
        parseError: glance.evidence.parseError,
        changes: glance.changes,
        changedGroups: glance.changedGroups,
        controls: glance.controls,
        href: `~/evidence/${id}`,
      });
    }
    return views;
  },
};
