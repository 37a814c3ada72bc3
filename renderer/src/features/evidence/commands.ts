import type { Detection } from '../../../../core/evidence/detect';
import type { InspectOutcome } from '../../../../core/evidence/model';
import type { ReadingFlag } from '../../../../core/evidence/readers';
import { readingFlagOf, summaryOfOutcome } from '../../../../core/evidence/readers';
import { headlineOf, periodOf, sourceKeyOf } from '../../../../core/evidence/source';
import type { Evidence, EvidenceMetadataDraft, LinkTarget } from '../../../../core/model';
import {
  Evidence as EvidenceSchema,
  EvidenceLink as EvidenceLinkSchema,
  EvidenceMetadata,
  EvidenceSource as EvidenceSourceSchema,
  EvidenceSummaryRow,
  LinkTarget as LinkTargetSchema,
  newId,
  nowIso,
} from '../../../../core/model';
import { ControlRef } from '../../../../core/model/refs';
import { parseExpectedPort } from '../../../../core/evidence/diff';
import { currentActor, db } from '../../db';
import { todayIso } from '../../lib/format';
import { ValidationError, parseOrThrow } from '../../lib/validation';

/** Writes for evidence: storing ingested files, metadata, links and per-source settings. */

const CONTENT_TABLES = ['evidenceBlobs', 'evidenceSummaries', 'evidence', 'evidenceLinks'];

/** Pipeline formats age: a scan or test run says little after a month. Other files do not. */
const DEFAULT_FRESHNESS_DAYS = 30;
const TIMELESS = new Set([
  'image',
  'pdf',
  'binary',
  'text',
  'json',
  'xml',
  'oscal',
  'jira',
  'json-schema',
  'gherkin',
]);

/**
 * Another feature's record of the stored file (a demo item's reference to it), written in the
 * same transaction as the file, so both are kept or neither is.
 */
export interface StoreRecord {
  /** Tables `write` touches, added to the store's transaction. */
  tables: readonly string[];
  write: (stored: Evidence) => Promise<void>;
}

export interface StoreEvidenceInput {
  workspaceId: string;
  file: File;
  sha256: string;
  detection: Detection;
  outcome: InspectOutcome;
  links: readonly LinkTarget[];
  record?: StoreRecord | undefined;
}

export async function storeEvidence(input: StoreEvidenceInput): Promise<{
  evidenceId: string;
  format: string;
  headline: string;
  parseError: string | null;
  flag: ReadingFlag | null;
  reusedContent: boolean;
}> {
  const { file, sha256, detection, outcome } = input;
  const summary = outcome.ok ? outcome.summary : null;
  // Stored even when the file could not be read, so the record says why it shows nothing.
  const reading = summaryOfOutcome(detection, outcome);
  const summaryRow = parseOrThrow(EvidenceSummaryRow, {
    sha256,
    summary: reading,
    parsedAt: nowIso(),
  });
  const links = input.links.map((link) => parseOrThrow(LinkTargetSchema, link));
  const now = nowIso();
  const fileDay = localDay(file.lastModified);
  const period = periodOf(summary) ?? { from: fileDay, to: fileDay };
  const origin = { pipeline: '', job: '', runUrl: '', commit: '', branch: '', ...summary?.origin };
  const evidence = parseOrThrow(EvidenceSchema, {
    id: newId(),
    workspaceId: input.workspaceId,
    sha256,
    fileName: file.name.slice(0, 255) || 'unnamed',
    mediaType: file.type || detection.mediaType,
    size: file.size,
    format: detection.format,
    variant: (summary?.variant ?? detection.variant).slice(0, 200),
    parseError: outcome.ok ? null : outcome.error.slice(0, 2000),
    headline: summary ? headlineOf(summary) : '',
    flag: readingFlagOf(reading)?.flag ?? null,
    sourceKey: sourceKeyOf(detection.format, origin, summary?.target ?? null, file.name),
    attachedBy: currentActor(),
    attachedAt: now,
    effectiveFrom: period.from,
    effectiveTo: period.to,
    freshnessDays: TIMELESS.has(detection.format) ? null : DEFAULT_FRESHNESS_DAYS,
    origin,
    notes: '',
    createdAt: now,
    updatedAt: now,
  });
  let reusedContent = false;
  const tables = [...new Set(['workspaces', ...CONTENT_TABLES, ...(input.record?.tables ?? [])])];
  await db.audited('import', tables, async () => {
    if (!(await db.workspaces.get(input.workspaceId)))
      throw new Error('This workspace no longer exists.');
    if (await db.evidenceBlobs.get(sha256)) reusedContent = true;
    else await db.evidenceBlobs.add({ sha256, size: file.size, blob: file, storedAt: now });
    if (!(await db.evidenceSummaries.get(sha256))) await db.evidenceSummaries.add(summaryRow);
    await db.evidence.add(evidence);
    for (const link of links) await addLink(evidence, link, now);
    await input.record?.write(evidence);
  });
  return {
    evidenceId: evidence.id,
    format: evidence.format,
    headline: evidence.headline,
    parseError: evidence.parseError,
    flag: evidence.flag ?? null,
    reusedContent,
  };
}

function localDay(epochMs: number): string {
  return Number.isFinite(epochMs) && epochMs > 0 ? todayIso(new Date(epochMs)) : todayIso();
}

async function addLink(evidence: Evidence, target: LinkTarget, now: string): Promise<void> {
  if (target.targetType === 'control' && !ControlRef.safeParse(target.targetId).success) {
    throw new ValidationError({
      targetId: 'expected a control reference like nist-sp-800-53-rev5#ra-5',
    });
  }
  const exists = await db.evidenceLinks
    .where('[evidenceId+targetType+targetId]')
    .equals([evidence.id, target.targetType, target.targetId])
    .first();
  if (exists) return;
  await db.evidenceLinks.add(
    parseOrThrow(EvidenceLinkSchema, {
      id: newId(),
      workspaceId: evidence.workspaceId,
      evidenceId: evidence.id,
      targetType: target.targetType,
      targetId: target.targetId,
      linkedBy: currentActor(),
      createdAt: now,
      updatedAt: now,
    }),
  );
}

/** Attaches evidence to a control, a demo item or any other target; linking twice is a no-op. */
export async function linkEvidence(evidenceId: string, target: LinkTarget): Promise<void> {
  const parsed = parseOrThrow(LinkTargetSchema, { ...target, targetId: target.targetId.trim() });
  await db.transaction('rw', db.evidence, db.evidenceLinks, async () => {
    const evidence = await db.evidence.get(evidenceId);
    if (!evidence) throw new Error('This evidence no longer exists.');
    await addLink(evidence, parsed, nowIso());
  });
}

/** Tables `linkInTransaction` and `unlinkTargetInTransaction` write. */
export const LINK_TABLES: readonly string[] = ['evidence', 'evidenceLinks'];

/**
 * For another feature's transaction (over LINK_TABLES and its own): links evidence to targets;
 * evidence that no longer exists is skipped, links that exist are kept.
 */
export async function linkInTransaction(
  evidenceIds: readonly string[],
  targets: readonly LinkTarget[],
): Promise<void> {
  const parsed = targets.map((target) => parseOrThrow(LinkTargetSchema, target));
  const now = nowIso();
  for (const evidence of await db.evidence.bulkGet([...evidenceIds])) {
    if (!evidence) continue;
    for (const target of parsed) await addLink(evidence, target, now);
  }
}

/** For another feature's transaction: removes one evidence's link to one target. */
export async function unlinkTargetInTransaction(
  evidenceId: string,
  target: LinkTarget,
): Promise<void> {
  await db.evidenceLinks
    .where('[evidenceId+targetType+targetId]')
    .equals([evidenceId, target.targetType, target.targetId])
    .delete();
}

export async function unlinkEvidence(linkId: string): Promise<void> {
  await db.evidenceLinks.delete(linkId);
}

export async function updateEvidenceMetadata(
  evidenceId: string,
  draft: EvidenceMetadataDraft,
): Promise<void> {
  const fields = parseOrThrow(EvidenceMetadata, draft);
  await db.transaction('rw', db.evidence, db.evidenceSummaries, async () => {
    const existing = await db.evidence.get(evidenceId);
    if (!existing) throw new Error('This evidence no longer exists.');
    const summary = await db.evidenceSummaries.get(existing.sha256);
    const sourceKey = sourceKeyOf(
      existing.format,
      fields.origin,
      summary?.summary.target ?? null,
      existing.fileName,
    );
    await db.evidence.put(
      parseOrThrow(EvidenceSchema, { ...existing, ...fields, sourceKey, updatedAt: nowIso() }),
    );
  });
}

/** Sets the ports expected open for one source; each entry like `443`, `53/udp`, `host:8443/tcp`. */
export async function setExpectedPorts(
  workspaceId: string,
  sourceKey: string,
  entries: readonly string[],
): Promise<void> {
  const expectedPorts = entries.map((entry) => entry.trim()).filter((entry) => entry !== '');
  const invalid = expectedPorts.find((entry) => parseExpectedPort(entry) === null);
  if (invalid !== undefined)
    throw new ValidationError({
      expectedPorts: `“${invalid}” is not a port like 443, 53/udp or 10.0.0.5:8443/tcp`,
    });
  await db.transaction('rw', db.evidenceSources, async () => {
    const existing = await db.evidenceSources
      .where('[workspaceId+sourceKey]')
      .equals([workspaceId, sourceKey])
      .first();
    const now = nowIso();
    await db.evidenceSources.put(
      parseOrThrow(EvidenceSourceSchema, {
        id: existing?.id ?? newId(),
        workspaceId,
        sourceKey,
        expectedPorts,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      }),
    );
  });
}

/**
 * Removes one attachment and its links. The content (blob and summary) goes too when nothing
 * else uses it, so deleting never leaves unreachable files behind.
 */
export async function deleteEvidence(evidenceId: string): Promise<void> {
  await db.transaction('rw', CONTENT_TABLES, async () => {
    const evidence = await db.evidence.get(evidenceId);
    if (!evidence) return;
    await db.evidenceLinks.where('evidenceId').equals(evidenceId).delete();
    await db.evidence.delete(evidenceId);
    await removeContentIfUnused(evidence.sha256);
  });
}

async function removeContentIfUnused(sha256: string): Promise<void> {
  if ((await db.evidence.where('sha256').equals(sha256).count()) > 0) return;
  await db.evidenceBlobs.delete(sha256);
  await db.evidenceSummaries.delete(sha256);
}

/**
 * Content left without any attachment (after a workspace was deleted, which cascades through
 * the `workspaceId` index but cannot see content shared by hash) is removed.
 */
export async function collectUnusedContent(): Promise<number> {
  return db.transaction('rw', CONTENT_TABLES, async () => {
    const used = new Set((await db.evidence.orderBy('sha256').uniqueKeys()).map(String));
    const stored = (await db.evidenceBlobs.toCollection().primaryKeys()).map(String);
    const unused = stored.filter((sha256) => !used.has(sha256));
    for (const sha256 of unused) await removeContentIfUnused(sha256);
    return unused.length;
  });
}
