// @vitest-environment node
// Node's own Blob survives fake-indexeddb's structured clone (stored evidence is read back); happy-dom's does not.
import 'fake-indexeddb/auto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sourceFromBytes } from '../../../core/evidence/bytes';
import { inspectSource } from '../../../core/evidence/inspect';
import { redactedCopy, redactedString } from '../../../core/evidence/redact';
import { defaultLayout } from '../../../core/report/layouts';
import { buildReportPdf } from '../../../core/report/pdf/build';
import { sha256Hex } from '../../../core/util/hash';
import { db } from '../../../renderer/src/db';
import { storeEvidence } from '../../../renderer/src/features/evidence/commands';
import { storedEvidenceFiles } from '../../../renderer/src/features/evidence/reportContribution';
import { assembleReportModel } from '../../../renderer/src/features/reports/assemble';
import { createWorkspace } from '../../../renderer/src/features/workspaces/commands';
import { localFixture } from '../../fixtures';
import { mustRun } from '../../tools/run';

const CM7 = 'nist-sp-800-53-rev5#cm-7';

beforeEach(async () => {
  await db.open();
});

afterEach(async () => {
  await db.delete();
});

async function store(
  workspaceId: string,
  name: string,
  bytes: Uint8Array,
  at: string,
  redactedFrom?: { sha256: string; secrets: number },
) {
  vi.setSystemTime(new Date(at));
  const { detection, outcome } = await inspectSource(sourceFromBytes(name, bytes));
  const file = new File([bytes as Uint8Array<ArrayBuffer>], name, { type: 'application/xml' });
  return storeEvidence({
    workspaceId,
    file,
    sha256: sha256Hex(bytes),
    detection,
    outcome,
    links: [{ targetType: 'control', targetId: CM7 }],
    redactedFrom,
  });
}

const fixture = async (name: string): Promise<Uint8Array> =>
  new Uint8Array(await readFile(localFixture('metasploit', name)));

describe('Metasploit exports in the signed record', () => {
  it('the record prints exactly the drift since the previous export, in its drift section', async () => {
    const workspace = await createWorkspace({ name: 'Acme', description: '' });
    await store(
      workspace.id,
      'previous.xml',
      await fixture('msf-v5-previous.xml'),
      '2026-11-20T10:00:00Z',
    );
    const current = await store(
      workspace.id,
      'current.xml',
      await fixture('msf-v5-current.xml'),
      '2026-11-26T10:00:00Z',
    );
    vi.setSystemTime(new Date('2026-11-27T12:00:00Z'));
    const model = await assembleReportModel(
      {
        kind: 'control-evidence-matrix',
        workspaceId: workspace.id,
        start: '2026-11-01',
        end: '2026-11-30',
      },
      { generatedBy: 'Dana Reyes', now: new Date('2026-11-27T12:00:00Z') },
    );
    const entry = model.evidence.find((item) => item.id === current.evidenceId);
    expect(entry?.drift).toEqual({
      since: 'previous.xml',
      groups: [
        {
          title: 'Sessions opened',
          items: ['10.0.0.5:445 via exploit/windows/smb/ms17_010_eternalblue'],
          more: 0,
        },
        {
          title: 'Ports opened',
          items: ['10.0.0.5 445/tcp smb Windows Server 2016 Standard 14393 microsoft-ds'],
          more: 0,
        },
        { title: 'Ports closed', items: ['10.0.0.5 21/tcp ftp Microsoft ftpd'], more: 0 },
        { title: 'New findings', items: ['[critical] CVE-2017-0143 — 10.0.0.5:445/tcp'], more: 0 },
      ],
    });
    const require = createRequire(import.meta.url);
    const font = (name: string) =>
      new Uint8Array(readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${name}`)));
    const pdf = await buildReportPdf(model, {
      layout: defaultLayout(model.kind),
      fonts: { regular: font('DejaVuSans.ttf'), bold: font('DejaVuSans-Bold.ttf') },
    });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'msf-record-')), 'matrix.pdf');
    writeFileSync(file, pdf);
    const text = mustRun('pdftotext', ['-layout', file, '-']).replace(/\s+/g, ' ');
    // From the section's introduction (the contents list names the heading too) to the end: the
    // table may continue on the next page.
    const start = text.indexOf('Each file compared with the previous version');
    expect(start).toBeGreaterThan(0);
    const section = text.slice(start);
    expect(section).toMatch(
      /current\.xml previous\.xml Sessions opened 10\.0\.0\.5:445 via exploit\/windows\/smb\/ms17_010_eternalblue/,
    );
    expect(section).toMatch(/Ports opened 10\.0\.0\.5 445\/tcp smb/);
    expect(section).toMatch(/Ports closed 10\.0\.0\.5 21\/tcp ftp Microsoft ftpd/);
    expect(section).toMatch(/New findings \[critical\] CVE-2017-0143 — 10\.0\.0\.5:445\/tcp/);
    expect(section).not.toMatch(/Fixed findings|Sessions no longer reported/);
  }, 120_000);

  it('a redacted copy is what the record names and embeds, with the original’s SHA-256', async () => {
    const workspace = await createWorkspace({ name: 'Acme', description: '' });
    const original = await fixture('msf-v4-credentials.xml');
    const source = sourceFromBytes('creds.xml', original);
    const copy = await redactedCopy('metasploit', source.open);
    const bytes = new TextEncoder().encode(await redactedString(copy));
    const stored = await store(workspace.id, 'creds.xml', bytes, '2026-11-26T10:00:00Z', {
      sha256: sha256Hex(original),
      secrets: copy.replaced,
    });
    expect((await db.evidence.get(stored.evidenceId))?.redactedFrom).toEqual({
      sha256: sha256Hex(original),
      secrets: 7,
    });
    vi.setSystemTime(new Date('2026-11-27T12:00:00Z'));
    const model = await assembleReportModel(
      {
        kind: 'control-evidence-matrix',
        workspaceId: workspace.id,
        start: '2026-11-01',
        end: '2026-11-30',
      },
      { generatedBy: 'Dana Reyes', now: new Date('2026-11-27T12:00:00Z') },
    );
    const entry = model.evidence.find((item) => item.id === stored.evidenceId);
    expect(entry?.sha256).toBe(sha256Hex(bytes));
    expect(entry?.summary).toContain(
      `redacted copy (7 secrets replaced) of the file with SHA-256 ${sha256Hex(original)}`,
    );
    const [embedded] = await storedEvidenceFiles(model.evidence);
    const data = embedded?.data;
    const text = data instanceof Blob ? await data.text() : new TextDecoder().decode(data);
    expect(text).toContain('[REDACTED]');
    expect(text).not.toContain('Winter2026!');
  });
});
