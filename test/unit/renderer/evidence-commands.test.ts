import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sourceFromBytes } from '../../../core/evidence/bytes';
import { inspectSource } from '../../../core/evidence/inspect';
import { currentActor, db } from '../../../renderer/src/db';
import {
  collectUnusedContent,
  deleteEvidence,
  linkEvidence,
  setExpectedPorts,
  statePeriod,
  storeEvidence,
  updateEvidenceMetadata,
} from '../../../renderer/src/features/evidence/commands';
import { evidenceLinkedTo } from '../../../renderer/src/features/evidence/queries';
import {
  createWorkspace,
  deleteWorkspace,
} from '../../../renderer/src/features/workspaces/commands';
import { ValidationError } from '../../../renderer/src/lib/validation';
import { sha256Hex } from '../../../core/util/hash';

/** A minimal Nmap -oX document (the renderer tests run without file system access). */
const NMAP = new TextEncoder().encode(
  '<?xml version="1.0"?><!DOCTYPE nmaprun><nmaprun scanner="nmap" version="7.93" start="1795714065">' +
    '<host><status state="up"/><address addr="127.0.0.1" addrtype="ipv4"/><ports>' +
    [18080, 18082, 18443]
      .map(
        (port) =>
          `<port protocol="tcp" portid="${port}"><state state="open"/><service name="http"/></port>`,
      )
      .join('') +
    '</ports></host></nmaprun>',
);
const SHA = sha256Hex(NMAP);

async function store(
  workspaceId: string,
  name = 'scan.xml',
  links = [] as { targetType: string; targetId: string }[],
) {
  const bytes = NMAP;
  const { detection, outcome } = await inspectSource(sourceFromBytes(name, bytes));
  const file = new File([bytes], name, {
    type: 'application/xml',
    lastModified: Date.parse('2026-11-26T10:00:00Z'),
  });
  return storeEvidence({ workspaceId, file, sha256: SHA, detection, outcome, links });
}

beforeEach(async () => {
  await db.open();
});

afterEach(async () => {
  await db.delete();
});

/** A file with no date of its own, modified "today": its modified time must not date it. */
async function storeUndated(workspaceId: string) {
  const bytes = new TextEncoder().encode('Pen test notes: nothing found on the login form.\n');
  const { detection, outcome } = await inspectSource(sourceFromBytes('notes.txt', bytes));
  const file = new File([bytes], 'notes.txt', { type: 'text/plain', lastModified: Date.now() });
  return storeEvidence({
    workspaceId,
    file,
    sha256: sha256Hex(bytes),
    detection,
    outcome,
    links: [],
  });
}

describe('evidence dates', () => {
  it('a file without a date of its own is undated, whatever its modified time', async () => {
    const workspace = await createWorkspace({ name: 'Audit', description: '' });
    const { evidenceId } = await storeUndated(workspace.id);
    expect(await db.evidence.get(evidenceId)).toMatchObject({
      dating: 'undated',
      effectiveFrom: null,
      effectiveTo: null,
      statedBy: '',
    });
  });

  it('stating the period is an audited write naming who stated it; a tool date cannot be restated', async () => {
    const workspace = await createWorkspace({ name: 'Audit', description: '' });
    const { evidenceId } = await storeUndated(workspace.id);
    // SUITE_NOW is 2026-11-27: a period cannot end after today, nor before it starts.
    await expect(
      statePeriod(evidenceId, { from: '2026-11-01', to: '2026-12-31' }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      statePeriod(evidenceId, { from: '2026-11-20', to: '2026-11-01' }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect((await db.evidence.get(evidenceId))?.dating).toBe('undated');
    await statePeriod(evidenceId, { from: '2026-11-01', to: '2026-11-20' });
    const stated = await db.evidence.get(evidenceId);
    expect(stated).toMatchObject({
      dating: 'stated',
      effectiveFrom: '2026-11-01',
      effectiveTo: '2026-11-20',
      statedBy: currentActor(),
    });
    const entries = await db.auditLog.where('action').equals('state-period').toArray();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ entity: 'evidence', key: evidenceId, op: 'update' });
    expect(JSON.stringify(entries[0]?.diff)).toContain('2026-11-20');

    const scan = await store(workspace.id);
    await expect(
      statePeriod(scan.evidenceId, { from: '2026-11-01', to: '2026-11-20' }),
    ).rejects.toThrow('dated by its tool');
    expect((await db.evidence.get(scan.evidenceId))?.effectiveTo).toBe('2026-11-26');
  });
});

describe('evidence commands', () => {
  it('stores content once per hash, with its summary, and an audited attachment per use', async () => {
    const workspace = await createWorkspace({ name: 'Audit', description: '' });
    const first = await store(workspace.id);
    const second = await store(workspace.id, 'scan-again.xml');
    expect(first.reusedContent).toBe(false);
    expect(second.reusedContent).toBe(true);
    expect(await db.evidenceBlobs.count()).toBe(1);
    expect(await db.evidenceSummaries.count()).toBe(1);
    expect(await db.evidence.where('sha256').equals(SHA).count()).toBe(2);
    const row = await db.evidence.get(first.evidenceId);
    expect(row).toMatchObject({
      format: 'nmap',
      headline: '1 host, 3 open ports',
      sourceKey: 'nmap|127.0.0.1',
      // The scan's own start time, not the file's modified time or the attach time.
      effectiveFrom: '2026-11-26',
      effectiveTo: '2026-11-26',
      dating: 'tool',
      freshnessDays: 30,
      parseError: null,
    });
    const entries = await db.auditLog.where('entity').equals('evidenceBlobs').toArray();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'import', op: 'create', key: SHA, diff: {} });
  });

  it('links to controls and other targets; invalid control refs are refused; links are found by target', async () => {
    const workspace = await createWorkspace({ name: 'Audit', description: '' });
    const { evidenceId } = await store(workspace.id, 'scan.xml', [
      { targetType: 'demo-item', targetId: 'item-1' },
    ]);
    await linkEvidence(evidenceId, { targetType: 'control', targetId: 'nist-sp-800-53-rev5#cm-7' });
    await linkEvidence(evidenceId, { targetType: 'control', targetId: 'nist-sp-800-53-rev5#cm-7' });
    await expect(
      linkEvidence(evidenceId, { targetType: 'control', targetId: 'cm-7' }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await db.evidenceLinks.count()).toBe(2);
    expect(
      (await evidenceLinkedTo('control', 'nist-sp-800-53-rev5#cm-7')).map((row) => row.id),
    ).toEqual([evidenceId]);
    expect((await evidenceLinkedTo('demo-item', 'item-1')).map((row) => row.id)).toEqual([
      evidenceId,
    ]);
  });

  it('metadata edits are validated and move the evidence to its new source', async () => {
    const workspace = await createWorkspace({ name: 'Audit', description: '' });
    const { evidenceId } = await store(workspace.id);
    const origin = {
      pipeline: 'nightly',
      job: 'nmap',
      runUrl: '',
      commit: 'abc123',
      branch: 'main',
    };
    await expect(
      updateEvidenceMetadata(evidenceId, { freshnessDays: 0, origin }),
    ).rejects.toBeInstanceOf(ValidationError);
    await updateEvidenceMetadata(evidenceId, { freshnessDays: 7, origin });
    expect(await db.evidence.get(evidenceId)).toMatchObject({
      sourceKey: 'nmap|nightly / nmap',
      freshnessDays: 7,
      origin,
    });
  });

  it('expected ports are validated per source', async () => {
    const workspace = await createWorkspace({ name: 'Audit', description: '' });
    await expect(
      setExpectedPorts(workspace.id, 'nmap|127.0.0.1', ['22', 'http']),
    ).rejects.toBeInstanceOf(ValidationError);
    await setExpectedPorts(workspace.id, 'nmap|127.0.0.1', ['22', ' 443/tcp ', '']);
    await setExpectedPorts(workspace.id, 'nmap|127.0.0.1', ['22', '443/tcp', '53/udp']);
    const sources = await db.evidenceSources.toArray();
    expect(sources).toHaveLength(1);
    expect(sources[0]?.expectedPorts).toEqual(['22', '443/tcp', '53/udp']);
  });

  it('deleting the last use removes the content; deleting a workspace cascades, then unused content is collected', async () => {
    const workspace = await createWorkspace({ name: 'Audit', description: '' });
    const first = await store(workspace.id);
    const second = await store(workspace.id, 'again.xml');
    await linkEvidence(first.evidenceId, {
      targetType: 'control',
      targetId: 'nist-sp-800-53-rev5#ra-5',
    });
    await deleteEvidence(first.evidenceId);
    expect(await db.evidenceLinks.count()).toBe(0);
    expect(await db.evidenceBlobs.count()).toBe(1);
    await deleteEvidence(second.evidenceId);
    expect(await db.evidenceBlobs.count()).toBe(0);
    expect(await db.evidenceSummaries.count()).toBe(0);

    await store(workspace.id);
    await deleteWorkspace(workspace.id);
    expect(await db.evidence.count()).toBe(0);
    expect(await collectUnusedContent()).toBe(1);
    expect(await db.evidenceBlobs.count()).toBe(0);
  });
});
