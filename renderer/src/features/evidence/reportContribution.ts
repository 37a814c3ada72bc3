import { describeCustody } from '../../../../core/evidence-bundle/custody';
import { periodOfEvidence, toolInstantOf } from '../../../../core/evidence/freshness';
import type { ReadingFlag } from '../../../../core/evidence/readers';
import { READING_FLAG_LABELS } from '../../../../core/evidence/readers';
import type { Evidence } from '../../../../core/model';
import { ControlRef } from '../../../../core/model/refs';
import type { ReportModelInput } from '../../../../core/report/model';
import type { EvidenceAttachment } from '../../../../core/report/pdf/build';
import { db } from '../../db';
import type { ReportContributor } from '../reports/assemble';

/**
 * The evidence store's part of a report. Demo records name files by reference; the store knows
 * them in full (source, period, summary, the controls they are linked to) and keeps their
 * content by SHA-256. This contributor:
 * - completes every referenced file the store holds, by id or else by content (SHA-256), so a
 *   file fingerprinted in a demo and also stored here is reported as the stored file;
 * - adds the files the store links to each agenda item (`demo-item` links);
 * - for a period's matrix, adds every file linked to a control whose period overlaps it (an
 *   undated file when it was attached within it, reported as undated).
 */

type ModelEvidence = NonNullable<ReportModelInput['evidence']>[number];

function sourceOf(row: Evidence): string {
  const custody = row.custody?.at(-1);
  if (custody) return describeCustody(custody).slice(0, 300);
  const { pipeline, job, branch, commit } = row.origin;
  const parts = [
    pipeline,
    job,
    branch ? `branch ${branch}` : '',
    commit ? `commit ${commit.slice(0, 12)}` : '',
  ];
  return parts.filter(Boolean).join(' · ') || row.variant || row.format;
}

async function controlsOf(evidenceId: string): Promise<string[]> {
  const links = await db.evidenceLinks.where('evidenceId').equals(evidenceId).toArray();
  return links
    .filter((link) => link.targetType === 'control' && ControlRef.safeParse(link.targetId).success)
    .map((link) => link.targetId);
}

/**
 * When the entry speaks for, by the one rule (core/evidence/freshness.ts): its tool's own time,
 * the last day a person stated, or nothing at all for an undated file.
 */
async function datingOf(row: Evidence): Promise<Pick<ModelEvidence, 'effectiveAt' | 'dating'>> {
  const period = periodOfEvidence(row);
  if (period === null) return {};
  if (period.by === 'stated')
    return { effectiveAt: `${period.to}T00:00:00.000Z`, dating: 'stated' };
  const summary = (await db.evidenceSummaries.get(row.sha256))?.summary ?? null;
  return { effectiveAt: toolInstantOf(summary) ?? `${period.to}T00:00:00.000Z`, dating: 'tool' };
}

/** Whether a file belongs in a period's matrix: dated within it, or undated and attached in it. */
function inPeriod(row: Evidence, start: string, end: string): boolean {
  const period = periodOfEvidence(row);
  if (period === null) {
    const attached = row.attachedAt.slice(0, 10);
    return attached >= start && attached <= end;
  }
  return period.to >= start && period.from <= end;
}

/** Why the file shows nothing (a file that could not be read is incomplete); null when read. */
function flagOf(row: Evidence): ReadingFlag | null {
  return row.flag ?? (row.parseError === null ? null : 'incomplete');
}

async function entryOf(row: Evidence): Promise<ModelEvidence> {
  const flag = flagOf(row);
  return {
    id: row.id,
    name: row.fileName,
    size: row.size,
    sha256: row.sha256,
    mediaType: row.mediaType || 'application/octet-stream',
    collectedAt: row.attachedAt,
    ...(await datingOf(row)),
    source: sourceOf(row),
    ...(row.custody?.length ? { custody: row.custody.at(-1) } : {}),
    summary: [
      flag ? `${READING_FLAG_LABELS[flag]}: not counted as evidence` : '',
      row.headline,
      row.parseError ? `not summarised: ${row.parseError}` : '',
    ]
      .filter(Boolean)
      .join(' — ')
      .slice(0, 2000),
    controls: await controlsOf(row.id),
    ...(flag ? { flag } : {}),
  };
}

export const evidenceReportContribution: ReportContributor = async (context, model) => {
  if (context.request.kind === 'post-mortem') return;
  const workspaceId = context.workspace.id;
  const stored = await db.evidence.where('workspaceId').equals(workspaceId).toArray();
  const byId = new Map(stored.map((row) => [row.id, row]));
  const bySha256 = new Map<string, Evidence>();
  for (const row of [...stored].sort((a, b) => a.attachedAt.localeCompare(b.attachedAt))) {
    if (!bySha256.has(row.sha256)) bySha256.set(row.sha256, row);
  }

  // Referenced files the store holds: the model entry becomes the stored one.
  const renamed = new Map<string, string>();
  const entries = new Map<string, ModelEvidence>();
  for (const entry of model.evidence ?? []) {
    const row = byId.get(entry.id) ?? bySha256.get(entry.sha256.toLowerCase());
    if (row === undefined) {
      entries.set(entry.id, entry);
      continue;
    }
    renamed.set(entry.id, row.id);
    if (!entries.has(row.id)) entries.set(row.id, await entryOf(row));
  }
  for (const item of model.agenda ?? []) {
    const ids = (item.evidence ?? []).map((id) => renamed.get(id) ?? id);
    const linked = await db.evidenceLinks
      .where('[targetType+targetId]')
      .equals(['demo-item', item.id])
      .toArray();
    for (const link of linked) {
      const row = byId.get(link.evidenceId);
      if (row === undefined) continue;
      if (!entries.has(row.id)) entries.set(row.id, await entryOf(row));
      ids.push(row.id);
    }
    item.evidence = [...new Set(ids)];
  }

  if (context.request.kind === 'control-evidence-matrix') {
    const { start, end } = context.request;
    const links = await db.evidenceLinks.where('workspaceId').equals(workspaceId).toArray();
    for (const link of links) {
      if (link.targetType !== 'control') continue;
      const row = byId.get(link.evidenceId);
      if (row === undefined || !inPeriod(row, start, end)) continue;
      if (!entries.has(row.id)) entries.set(row.id, await entryOf(row));
    }
  }
  model.evidence = [...entries.values()];
};

/**
 * The stored content of the report's evidence, to embed in the PDF: a Blob per file the ledger
 * holds (keyed by SHA-256); references whose content was never kept have none.
 */
export async function storedEvidenceFiles(
  evidence: readonly { id: string; sha256: string; size: number }[],
): Promise<EvidenceAttachment[]> {
  const files: EvidenceAttachment[] = [];
  for (const item of evidence) {
    const blob = (await db.evidenceBlobs.get(item.sha256))?.blob;
    if (blob !== undefined && blob.size === item.size)
      files.push({ evidenceId: item.id, data: blob });
  }
  return files;
}
