import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sourceFromBytes } from '../../../core/evidence/bytes';
import { ZONE_LESS_NOTE } from '../../../core/evidence/dates';
import { inspectSource } from '../../../core/evidence/inspect';
import type { EvidenceSummary } from '../../../core/evidence/model';
import { READINGS_VERSION } from '../../../core/evidence/readers';
import type { Evidence } from '../../../core/model';
import { sha256Hex } from '../../../core/util/hash';
import { DATA_UPGRADES } from '../../../renderer/src/app/upgrades';
import { currentActor, db } from '../../../renderer/src/db';
import { runDataUpgrades } from '../../../renderer/src/db/upgrades';
import { verifyLedger } from '../../../renderer/src/features/audit/verify';
import { itemEvidenceLinksUpgrade } from '../../../renderer/src/features/demos/wiring/item-links-upgrade';
import { evidenceDatesUpgrade } from '../../../renderer/src/features/evidence/upgrades';
import { createWorkspace } from '../../../renderer/src/features/workspaces/commands';
import { sharedFixture } from '../../fixtures';

/**
 * Stored evidence brought under the new rules: dated by its tool or a person, else undated; files
 * on agenda items linked only to the controls they can demonstrate. Rows are written as older
 * versions of the app wrote them, then the upgrades run as the app runs them after start-up.
 */

const SC12 = 'nist-sp-800-53-rev5#sc-12';
const SA11_1 = 'nist-sp-800-53-rev5#sa-11.1';
const CM7 = 'nist-sp-800-53-rev5#cm-7';

beforeEach(async () => {
  await db.open();
});

afterEach(async () => {
  await db.delete();
});

async function summaryOf(name: string, bytes: Uint8Array): Promise<EvidenceSummary | null> {
  const { outcome } = await inspectSource(sourceFromBytes(name, bytes));
  return outcome.ok ? outcome.summary : null;
}

/** An evidence row as the app stored it before files were dated by one rule: no `dating`. */
async function storedBefore(
  workspaceId: string,
  name: string,
  bytes: Uint8Array,
  options: { summary?: EvidenceSummary | null; day?: string } = {},
): Promise<string> {
  const sha256 = sha256Hex(bytes);
  const summary = options.summary === undefined ? await summaryOf(name, bytes) : options.summary;
  const id = crypto.randomUUID();
  const day = options.day ?? '2026-11-20';
  const at = `${day}T10:00:00.000Z`;
  if (summary) await db.evidenceSummaries.put({ sha256, summary, parsedAt: at });
  const row: Omit<Evidence, 'dating' | 'statedBy'> = {
    id,
    workspaceId,
    sha256,
    fileName: name,
    mediaType: 'application/octet-stream',
    size: bytes.byteLength,
    format: summary?.format ?? 'text',
    variant: '',
    parseError: null,
    headline: '',
    sourceKey: `${summary?.format ?? 'text'}|${name}`,
    attachedBy: 'Dana',
    attachedAt: at,
    // The file's modified time (or the attach day) dated it then.
    effectiveFrom: day,
    effectiveTo: day,
    freshnessDays: 30,
    origin: { pipeline: '', job: '', runUrl: '', commit: '', branch: '' },
    notes: '',
    createdAt: at,
    updatedAt: at,
  };
  await db.evidence.add(row as Evidence);
  return id;
}

const text = (value: string) => new TextEncoder().encode(value);

describe('evidence-dates@1', () => {
  it('dates each stored file by its tool, keeps a period a person stated, and makes the rest undated', async () => {
    const { id: workspaceId } = await createWorkspace({ name: 'Audit', description: '' });
    // A ZAP report read before its `generated` time was: the stored summary has no date.
    const zapBytes = new Uint8Array(
      readFileSync(sharedFixture('zap', 'zap-results-first-scan.xml')),
    );
    const zapSummary = await summaryOf('zap.xml', zapBytes);
    if (!zapSummary) throw new Error('ZAP not read');
    const zap = await storedBefore(workspaceId, 'zap.xml', zapBytes, {
      summary: { ...zapSummary, producedAt: null, notes: [] },
    });
    const copied = await storedBefore(workspaceId, 'notes.txt', text('pen test notes'));
    const stated = await storedBefore(workspaceId, 'policy.txt', text('key policy'));
    await db.evidence.update(stated, { effectiveFrom: '2026-10-01', effectiveTo: '2026-10-31' });
    const edited = await storedBefore(workspaceId, 'readme.txt', text('read me'));
    await db.evidence.update(edited, { notes: 'only the notes changed' });

    const { ran, failed } = await runDataUpgrades(db, DATA_UPGRADES);
    expect(failed).toEqual([]);
    // Nothing to re-read (no stored bytes), so the readings upgrade runs first and changes nothing.
    expect(ran).toEqual([
      `evidence-readings@${READINGS_VERSION}`,
      'evidence-dates@1',
      'item-evidence-links@1',
      'issue-fingerprints@1',
      'evidence-search-terms@1',
    ]);

    expect(await db.evidence.get(zap)).toMatchObject({
      dating: 'tool',
      effectiveFrom: '2021-06-20',
      effectiveTo: '2021-06-20',
      statedBy: '',
    });
    const summary = (await db.evidenceSummaries.get(sha256Hex(zapBytes)))?.summary;
    expect(summary?.producedAt).toBe('2021-06-20T09:30:00.000Z');
    expect(summary?.notes).toContain(ZONE_LESS_NOTE);
    expect(await db.evidence.get(copied)).toMatchObject({
      dating: 'undated',
      effectiveFrom: null,
      effectiveTo: null,
    });
    expect(await db.evidence.get(stated)).toMatchObject({
      dating: 'stated',
      effectiveFrom: '2026-10-01',
      effectiveTo: '2026-10-31',
      statedBy: currentActor(),
    });
    expect((await db.evidence.get(edited))?.dating).toBe('undated');

    const entries = await db.auditLog.where('action').equals('upgrade:evidence-dates@1').toArray();
    expect(entries.filter((entry) => entry.entity === 'evidence')).toHaveLength(4);
    expect(entries.filter((entry) => entry.entity === 'evidenceSummaries')).toHaveLength(1);
    const verdict = await verifyLedger(db);
    expect(verdict.chain.ok && verdict.headMatches && verdict.mismatches.length === 0).toBe(true);

    // Done once: running again changes nothing.
    expect((await runDataUpgrades(db, [evidenceDatesUpgrade])).ran).toEqual([]);
  });
});

describe('item-evidence-links@1', () => {
  it('keeps a file on an item linked only to the item’s controls it can demonstrate', async () => {
    const { id: workspaceId } = await createWorkspace({ name: 'Audit', description: '' });
    const itemId = crypto.randomUUID();
    await db.demoItems.add({
      id: itemId,
      demoId: crypto.randomUUID(),
      workspaceId,
      sprintId: crypto.randomUUID(),
      position: 1,
      key: 'PAY-1',
      title: 'Tokens',
      description: '',
      owner: '',
      links: [],
      controls: [SC12, SA11_1],
      createdAt: '2026-11-20T10:00:00.000Z',
      updatedAt: '2026-11-20T10:00:00.000Z',
    });
    const sarif = await storedBefore(
      workspaceId,
      'eslint.sarif',
      new Uint8Array(readFileSync(sharedFixture('sarif', 'eslint-8-sarif-formatter.sarif'))),
    );
    const nmap = await storedBefore(
      workspaceId,
      'nmap.xml',
      new Uint8Array(readFileSync(sharedFixture('nmap', 'nmap-localhost-current.xml'))),
    );
    const link = (evidenceId: string, targetType: string, targetId: string) =>
      db.evidenceLinks.add({
        id: crypto.randomUUID(),
        workspaceId,
        evidenceId,
        targetType,
        targetId,
        linkedBy: 'Dana',
        createdAt: '2026-11-20T10:00:00.000Z',
        updatedAt: '2026-11-20T10:00:00.000Z',
      });
    // As a drop linked them: the item and every control of the item; the scan also elsewhere.
    for (const evidenceId of [sarif, nmap]) {
      await link(evidenceId, 'demo-item', itemId);
      await link(evidenceId, 'control', SC12);
      await link(evidenceId, 'control', SA11_1);
    }
    await link(nmap, 'control', CM7);

    const { failed } = await runDataUpgrades(db, [itemEvidenceLinksUpgrade]);
    expect(failed).toEqual([]);
    const targets = async (evidenceId: string) =>
      (await db.evidenceLinks.where('evidenceId').equals(evidenceId).toArray())
        .map((row) => row.targetId)
        .sort();
    expect(await targets(sarif)).toEqual([itemId, SA11_1].sort());
    expect(await targets(nmap)).toEqual([itemId, CM7].sort());
    const removed = await db.auditLog
      .where('action')
      .equals('upgrade:item-evidence-links@1')
      .filter((entry) => entry.entity === 'evidenceLinks')
      .toArray();
    expect(removed.map((entry) => entry.op)).toEqual(['delete', 'delete', 'delete']);
  });
});
