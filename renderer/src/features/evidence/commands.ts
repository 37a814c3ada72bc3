import type { Detection } from '../../../../core/evidence/detect';
import type { EvidenceSummary, InspectOutcome } from '../../../../core/evidence/model';
import { periodOfEvidence, toolPeriodOf } from '../../../../core/evidence/freshness';
import type { ReadingFlag } from '../../../../core/evidence/readers';
import { readingFlagOf, summaryOfOutcome } from '../../../../core/evidence/readers';
import { headlineOf, sourceKeyOf } from '../../../../core/evidence/source';
import type {
  Evidence,
  EvidenceMetadataDraft,
  LinkTarget,
  StatedPeriod as StatedPeriodFields,
} from '../../../../core/model';
import {
  Evidence as EvidenceSchema,
  EvidenceLink as EvidenceLinkSchema,
  EvidenceMetadata,
  EvidenceSource as EvidenceSourceSchema,
  EvidenceSummaryRow,
  LinkTarget as LinkTargetSchema,
  StatedPeriod,
  newId,
  nowIso,
} from '../../../../core/model';
import { ControlRef } from '../../../../core/model/refs';
import type { EvidenceFormatCatalogs } from '../../../../core/evidence/controls';
import { controlsDemonstrated } from '../../../../core/evidence/controls';
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
  /**
   * Links decided from what was read (a drop on an agenda item links the item's controls the
   * file's format can demonstrate), added to `links`.
   */
  linksFor?: ((read: ReadEvidence) => readonly LinkTarget[]) | undefined;
  /**
   * The period the person attaching the file states it demonstrates, used only when the file
   * does not date itself (a chart's drawing exported with the chart's period).
   */
  statedPeriod?: StatedPeriodFields | undefined;
  record?: StoreRecord | undefined;
}

/** What reading a file gave: its format and its summary (null when it could not be read). */
export interface ReadEvidence {
  format: Detection['format'];
  summary: EvidenceSummary | null;
}

export async function storeEvidence(input: StoreEvidenceInput): Promise<{
  evidenceId: string;
  format: string;
  headline: string;
  parseError: string | null;
  flag: ReadingFlag | null;
  reusedContent: boolean;
  /** Every target the file was linked to. */
  links: LinkTarget[];
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
  const links = [
    ...input.links,
    ...(input.linksFor?.({ format: detection.format, summary }) ?? []),
  ].map((link) => parseOrThrow(LinkTargetSchema, link));
  const now = nowIso();
  // The file's own date, else the period its attacher states; never the file's modified time.
  const toolPeriod = toolPeriodOf(summary);
  const stated = input.statedPeriod ? parseOrThrow(StatedPeriod, input.statedPeriod) : null;
  const period = toolPeriod ?? stated;
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
    effectiveFrom: period?.from ?? null,
    effectiveTo: period?.to ?? null,
    dating: toolPeriod ? 'tool' : stated ? 'stated' : 'undated',
    statedBy: !toolPeriod && stated ? currentActor() : '',
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
    links,
  };
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

/**
 * Tables `linkInTransaction`, `linkDemonstratedInTransaction`, `setControlLinksInTransaction`
 * and `unlinkTargetInTransaction` use (the summaries are read, to decide by meaning).
 */
export const LINK_TABLES: readonly string[] = ['evidence', 'evidenceLinks', 'evidenceSummaries'];

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

/**
 * For another feature's transaction (over LINK_TABLES and its own): links each file to those of
 * `controls` it can demonstrate (`controlsDemonstrated`, core/evidence/controls.ts), by its
 * stored summary; a file that could not be read is linked to none.
 */
export async function linkDemonstratedInTransaction(
  evidenceIds: readonly string[],
  controls: readonly string[],
  catalogs: EvidenceFormatCatalogs | undefined,
): Promise<void> {
  const now = nowIso();
  for (const evidence of await db.evidence.bulkGet([...evidenceIds])) {
    if (!evidence) continue;
    const summary = (await db.evidenceSummaries.get(evidence.sha256))?.summary ?? null;
    for (const ref of controlsDemonstrated(summary, controls, catalogs))
      await addLink(evidence, { targetType: 'control', targetId: ref }, now);
  }
}

/**
 * For another feature's transaction: of the controls `among`, links the file to exactly
 * `linked` (a person changing what a file speaks for); links to other controls stay.
 */
export async function setControlLinksInTransaction(
  evidenceId: string,
  among: readonly string[],
  linked: readonly string[],
): Promise<void> {
  const evidence = await db.evidence.get(evidenceId);
  if (!evidence) throw new Error('This evidence no longer exists.');
  const wanted = new Set(linked);
  const now = nowIso();
  for (const ref of new Set(among)) {
    const target = { targetType: 'control', targetId: ref };
    if (wanted.has(ref)) await addLink(evidence, target, now);
    else await unlinkTargetInTransaction(evidenceId, target);
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

/**
 * States the period a file that does not date itself demonstrates: an audited write
 * (`state-period`) naming who stated it. A file its tool dates keeps the tool's date, and a
 * period cannot end after today.
 */
export async function statePeriod(evidenceId: string, period: StatedPeriodFields): Promise<void> {
  const fields = parseOrThrow(StatedPeriod, period);
  if (fields.to > todayIso())
    throw new ValidationError({ to: 'the period cannot end after today' });
  await db.audited('state-period', ['evidence'], async () => {
    const existing = await db.evidence.get(evidenceId);
    if (!existing) throw new Error('This evidence no longer exists.');
    if (periodOfEvidence(existing)?.by === 'tool')
      throw new Error('This file is dated by its tool; its period cannot be restated.');
    await db.evidence.put(
      parseOrThrow(EvidenceSchema, {
        ...existing,
        effectiveFrom: fields.from,
        effectiveTo: fields.to,
        dating: 'stated',
        statedBy: currentActor(),
        updatedAt: nowIso(),
      }),
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
