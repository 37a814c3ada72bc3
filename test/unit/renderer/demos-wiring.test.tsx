import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { localFixture } from '../../fixtures';
import { cleanup, render, renderHook, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgendaItem, Demo, EvidenceRefFields } from '../../../core/model';
import { sha256Hex } from '../../../core/util/hash';
import { db } from '../../../renderer/src/db';
import {
  adoptFramework,
  decideScope,
  importCatalog,
} from '../../../renderer/src/features/controls/commands';
import {
  addAgendaItem,
  createDemo,
  deleteAgendaItem,
  deleteDemo,
  updateAgendaItem,
} from '../../../renderer/src/features/demos/commands';
import { deleteSprint } from '../../../renderer/src/features/workspaces/commands';
import {
  ITEM_EVIDENCE_TABLES,
  raiseItemIssue,
  recordEvidence,
  removeEvidence,
  setItemEvidenceControls,
  setVerdict,
} from '../../../renderer/src/features/demos/record-commands';
import { signOffDemo } from '../../../renderer/src/features/demos/signoff';
import { addPerson } from '../../../renderer/src/features/people/commands';
import { PASSPHRASE, installSigningHost } from './signing-host';
import type {
  AttachOptions,
  EvidenceTarget,
  IssueRaiser,
} from '../../../renderer/src/features/demos/slots';
import { defaultDemoSlots } from '../../../renderer/src/features/demos/slots';
import { evidenceLinkedTo } from '../../../renderer/src/features/evidence/queries';
import type {
  WorkerReply,
  WorkerRequest,
} from '../../../renderer/src/features/evidence/worker-protocol';
import type { ReaderConnect } from '../../../renderer/src/features/evidence/blob-reader.worker';
import { smallCatalog } from './catalog-support';
import { answerInProcess } from './evidence-worker-support';
import { setUpDemo } from './demo-support';
import { freshDatabase } from './issues/support';

/**
 * The demo runner's slots wired to the real features: the catalogs and the Statement of
 * Applicability, the evidence store (ingest, parse, link) and the issue tracker.
 */

const { controls, scope, evidence: store, issues: tracker } = defaultDemoSlots;
const AC2 = 'nist-sp-800-53-rev5#ac-2';
const AC2_1 = 'nist-sp-800-53-rev5#ac-2.1';
const CM7 = 'nist-sp-800-53-rev5#cm-7';
const SA11 = 'nist-sp-800-53-rev5#sa-11';
const SA11_1 = 'nist-sp-800-53-rev5#sa-11.1';
const SC12 = 'nist-sp-800-53-rev5#sc-12';

/**
 * The evidence worker's work, done in-process (happy-dom has no Worker). The blob-reader
 * worker's part is folded into the hasher, which reads the file itself: the reader is only
 * handed its port (`connect`) and has nothing to answer.
 */
class InProcessWorker {
  onmessage: ((event: MessageEvent<WorkerReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  postMessage(request: WorkerRequest | ReaderConnect): void {
    if (request.type === 'connect') return;
    void answerInProcess(request).then((data) =>
      this.onmessage?.({ data } as MessageEvent<WorkerReply>),
    );
  }
  terminate(): void {}
}

function nmap(ports: number[], start: number): File {
  const xml =
    `<?xml version="1.0"?><nmaprun scanner="nmap" version="7.93" start="${start}" xmloutputversion="1.05">` +
    '<host><status state="up"/><address addr="127.0.0.1" addrtype="ipv4"/><ports>' +
    ports
      .map(
        (port) =>
          `<port protocol="tcp" portid="${port}"><state state="open"/><service name="http"/></port>`,
      )
      .join('') +
    '</ports></host></nmaprun>';
  return new File([xml], `nmap-${start}.xml`, { type: 'application/xml' });
}

/** A SAST report (SARIF, one finding) with no date of its own: no invocation times. */
function sarif(): File {
  const log = {
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'ESLint', version: '8.57.1', rules: [{ id: 'no-eval' }] } },
        results: [
          {
            ruleId: 'no-eval',
            level: 'error',
            message: { text: 'eval can be harmful.' },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: 'src/tokens.js' },
                  region: { startLine: 12 },
                },
              },
            ],
          },
        ],
      },
    ],
  };
  return new File([JSON.stringify(log)], 'eslint.sarif', { type: 'application/sarif+json' });
}

async function linkedControls(evidenceId: string | undefined): Promise<string[]> {
  const links = await db.evidenceLinks
    .where('evidenceId')
    .equals(evidenceId ?? '')
    .toArray();
  return links
    .filter((link) => link.targetType === 'control')
    .map((link) => link.targetId)
    .sort();
}

beforeAll(() => vi.stubGlobal('Worker', InProcessWorker));
const host = installSigningHost();
afterAll(() => vi.unstubAllGlobals());
beforeEach(freshDatabase);
afterEach(cleanup);

const setUp = setUpDemo;

/** Where files dropped on an item go: the item, with its controls. */
function targetOf(demo: Demo, item: AgendaItem): EvidenceTarget {
  return {
    workspaceId: demo.workspaceId,
    sprintId: demo.sprintId,
    demoId: demo.id,
    itemId: item.id,
    controls: item.controls,
  };
}

function attachOptions(itemId: string): AttachOptions {
  return {
    record: async (ref: EvidenceRefFields) => {
      await recordEvidence(itemId, [ref]);
    },
    recordTables: ITEM_EVIDENCE_TABLES,
  };
}

describe('controls: the catalogs', () => {
  it('finds controls by id or words, with their titles and catalog', async () => {
    const [first] = await controls.search('ac-2', { workspaceId: 'w' });
    expect(first).toEqual({
      ref: AC2,
      title: 'Account Management',
      source: 'NIST SP 800-53 Rev. 5',
    });
    const words = await controls.search('account management', { workspaceId: 'w' });
    expect(words.map((match) => match.ref)).toContain(AC2);
    const asvs = await controls.search('owasp-asvs#password', { workspaceId: 'w' });
    expect(asvs.length).toBeGreaterThan(0);
    expect(asvs.every((match) => match.ref.startsWith('owasp-asvs#'))).toBe(true);
    expect(await controls.search('  ', { workspaceId: 'w' })).toEqual([]);
  });

  it('takes a full reference as typed: titled when a catalog has it, still offered when none does', async () => {
    const [known] = await controls.search('devops-baseline#DSB-07', { workspaceId: 'w' });
    expect(known).toEqual({
      ref: 'devops-baseline#DSB-07',
      title: 'Only expected ports open, compared with the previous scan',
      source: 'DevOps security baseline',
    });
    const [unknown] = await controls.search('acme-controls#INV-1', { workspaceId: 'w' });
    expect(unknown).toEqual({
      ref: 'acme-controls#INV-1',
      title: null,
      source: 'typed; no loaded catalog has it',
    });
    const titles = await controls.titles([AC2, 'acme-controls#INV-1']);
    expect([...titles]).toEqual([[AC2, 'Account Management']]);

    // Once the catalog is imported, the same reference resolves to its control.
    await importCatalog(smallCatalog());
    await waitFor(async () =>
      expect((await controls.search('acme-controls#INV-1', { workspaceId: 'w' }))[0]).toEqual({
        ref: 'acme-controls#INV-1',
        title: 'System inventory',
        source: 'ACME internal controls',
      }),
    );
    expect((await controls.search('inventory of systems', { workspaceId: 'w' }))[0]?.ref).toBe(
      'acme-controls#INV-1',
    );
  });
});

describe('scope: the Statement of Applicability', () => {
  it('is the adopted frameworks’ controls and those decided applicable, less those scoped out', async () => {
    const { workspaceId } = await setUp();
    expect(await scope.scope(workspaceId)).toEqual({ inScope: [], outOfScope: [] });
    await adoptFramework(workspaceId, 'devops-baseline', null);
    await adoptFramework(workspaceId, 'nist-sp-800-53-rev5', 'low');
    await decideScope(workspaceId, 'devops-baseline#DSB-13', {
      applicability: 'not-applicable',
      justification: 'No repository of our own',
    });
    // Outside the LOW baseline, decided applicable: in scope.
    await decideScope(workspaceId, AC2_1, { applicability: 'applicable', justification: '' });
    await decideScope(workspaceId, CM7, {
      applicability: 'not-applicable',
      justification: 'A managed service',
    });
    const { inScope, outOfScope } = await scope.scope(workspaceId);
    // 14 baseline controls less DSB-13, the 149 of LOW less CM-7, and AC-2(1).
    expect(inScope).toHaveLength(13 + 148 + 1);
    expect(inScope).toContain('devops-baseline#DSB-07');
    expect(inScope).toContain(AC2);
    expect(inScope).toContain(AC2_1);
    expect(inScope).not.toContain('devops-baseline#DSB-13');
    expect(inScope).not.toContain(CM7);
    expect(inScope).not.toContain('nist-sp-800-53-rev5#ac-2.2');
    expect(outOfScope.sort()).toEqual(['devops-baseline#DSB-13', CM7].sort());
  });
});

describe('evidence: the store', () => {
  it('stores a Metasploit export that holds credentials as a redacted copy, and says so', async () => {
    const { demo } = await setUp();
    const item = await addAgendaItem(demo.id, { title: 'Hardening', controls: [CM7] });
    const bytes = readFileSync(localFixture('metasploit', 'msf-v4-credentials.xml'));
    const original = new File([bytes], 'msf-v4-credentials.xml', { type: 'application/xml' });
    const [attached] = await store.attach([original], targetOf(demo, item), attachOptions(item.id));
    expect(attached?.headline).toMatch(/stored as a redacted copy \(\d+ secrets replaced\)$/);
    const [row] = await db.evidence.toArray();
    expect(row?.redactedFrom?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(row?.sha256).not.toBe(row?.redactedFrom?.sha256);
    // Only the copy's bytes are kept; the original's were never stored.
    expect(await db.evidenceBlobs.get(row?.sha256 ?? '')).toBeDefined();
    expect(await db.evidenceBlobs.get(row?.redactedFrom?.sha256 ?? '')).toBeUndefined();
  });

  it('stores, reads and links dropped files with the item’s reference, and shows the drift', async () => {
    const { demo } = await setUp();
    const item = await addAgendaItem(demo.id, { title: 'Ports', controls: [CM7] });
    const target = targetOf(demo, item);
    const progress: number[] = [];
    const [previous] = await store.attach([nmap([18080, 18081], 1795700000)], target, {
      ...attachOptions(item.id),
      onProgress: (step) => progress.push(step.percent),
    });
    expect(previous).toEqual({
      name: 'nmap-1795700000.xml',
      headline: '1 host, 2 open ports',
      changes: null,
      controls: [CM7],
      flagged: false,
    });
    expect(progress.at(-1)).toBe(100);
    const [current] = await store.attach(
      [nmap([18080, 18082, 18443], 1795714065)],
      target,
      attachOptions(item.id),
    );
    expect(current?.changes).toBe('since nmap-1795700000.xml: ports opened 2, ports closed 1');

    // The item references the stored evidence; the store links it to the item and its control.
    const refs = await db.demoEvidence.where('itemId').equals(item.id).sortBy('attachedAt');
    expect(refs.map((ref) => [ref.name, ref.stored])).toEqual([
      ['nmap-1795700000.xml', true],
      ['nmap-1795714065.xml', true],
    ]);
    const stored = await db.evidence.bulkGet(refs.map((ref) => ref.evidenceId));
    expect(stored.map((row) => row?.sha256)).toEqual(refs.map((ref) => ref.sha256));
    expect(refs[1]?.sha256).toBe(
      sha256Hex(new Uint8Array(await nmap([18080, 18082, 18443], 1795714065).arrayBuffer())),
    );
    expect((await evidenceLinkedTo('demo-item', item.id)).map((row) => row.id).sort()).toEqual(
      refs.map((ref) => ref.evidenceId).sort(),
    );
    expect(await evidenceLinkedTo('control', CM7)).toHaveLength(2);
    const entries = await db.auditLog.where('entity').equals('demoEvidence').toArray();
    expect(entries.map((entry) => entry.action)).toEqual(['import', 'import']);

    // What the item shows: headline, drift since the previous version, linked controls.
    const { result } = renderHook(() => store.useViews(refs.map((ref) => ref.evidenceId)));
    await waitFor(() => expect(result.current.size).toBe(2));
    const view = result.current.get(refs[1]?.evidenceId ?? '');
    expect(view).toMatchObject({
      format: 'nmap',
      variant: 'Nmap XML 1.05',
      headline: '1 host, 3 open ports',
      parseError: null,
      changes: 'since nmap-1795700000.xml: ports opened 2, ports closed 1',
      controls: [CM7],
      // Dated by the scan's own start time.
      period: { from: '2026-11-26', to: '2026-11-26', by: 'tool' },
      href: `~/evidence/${refs[1]?.evidenceId}`,
    });
    expect(view?.changedGroups.map((group) => group.title)).toEqual([
      'Ports opened',
      'Ports closed',
    ]);
  });

  it('links the item’s stored evidence to controls it gains that it can demonstrate; removing it keeps it stored', async () => {
    const { demo } = await setUp();
    const item = await addAgendaItem(demo.id, { title: 'Scan', controls: [] });
    const target = targetOf(demo, item);
    await store.attach([nmap([22], 1795700000)], target, attachOptions(item.id));
    const [ref] = await db.demoEvidence.toArray();
    await updateAgendaItem(item.id, { ...item, controls: [CM7] }, store);
    // A verdict on developer testing: the item gains SA-11, which a port scan cannot show.
    await setVerdict(item.id, SA11, { verdict: 'satisfied' }, store);
    expect((await db.demoItems.get(item.id))?.controls).toEqual([CM7, SA11]);
    expect(await linkedControls(ref?.evidenceId)).toEqual([CM7]);
    expect(await evidenceLinkedTo('demo-item', item.id)).toHaveLength(1);

    await removeEvidence(ref?.id ?? '', store);
    expect(await db.demoEvidence.count()).toBe(0);
    expect(await db.evidence.count()).toBe(1);
    expect(await evidenceLinkedTo('demo-item', item.id)).toEqual([]);
    expect(await evidenceLinkedTo('control', CM7)).toHaveLength(1);
  });

  it('links a SAST report to the item’s code-analysis control only, undated; a person changes that in one audited step', async () => {
    const { demo } = await setUp();
    const item = await addAgendaItem(demo.id, { title: 'Tokens', controls: [SC12, SA11_1] });
    const [attached] = await store.attach([sarif()], targetOf(demo, item), attachOptions(item.id));
    expect(attached?.controls).toEqual([SA11_1]);
    const [ref] = await db.demoEvidence.toArray();
    expect(await linkedControls(ref?.evidenceId)).toEqual([SA11_1]);
    expect(await db.evidence.get(ref?.evidenceId ?? '')).toMatchObject({
      dating: 'undated',
      effectiveFrom: null,
    });
    const { result } = renderHook(() => store.useViews([ref?.evidenceId ?? '']));
    await waitFor(() => expect(result.current.size).toBe(1));
    expect(result.current.get(ref?.evidenceId ?? '')?.period).toBeNull();

    // The presenter says it speaks for key management too, and not for code analysis.
    await setItemEvidenceControls(
      item.id,
      [{ evidenceId: ref?.evidenceId ?? '', controls: [SC12] }],
      store,
    );
    expect(await linkedControls(ref?.evidenceId)).toEqual([SC12]);
    const entries = await db.auditLog.where('action').equals('link-evidence').toArray();
    expect(entries.map((entry) => [entry.entity, entry.op]).sort()).toEqual([
      ['evidenceLinks', 'create'],
      ['evidenceLinks', 'delete'],
    ]);
    await expect(
      setItemEvidenceControls(
        item.id,
        [{ evidenceId: ref?.evidenceId ?? '', controls: [CM7] }],
        store,
      ),
    ).rejects.toThrow('is not a control of this item');
    expect(await linkedControls(ref?.evidenceId)).toEqual([SC12]);
  });

  it('deleting the item, the demo or the sprint removes links to its items, not the evidence', async () => {
    const { demo, sprintId } = await setUp();
    const items = await Promise.all(
      ['One', 'Two', 'Three'].map((title) => addAgendaItem(demo.id, { title, controls: [CM7] })),
    );
    for (const [index, item] of items.entries()) {
      await store.attach(
        [nmap([22 + index], 1795700000 + index)],
        targetOf(demo, item),
        attachOptions(item.id),
      );
    }
    const itemLinks = async () =>
      (await db.evidenceLinks.toArray()).filter((link) => link.targetType === 'demo-item');
    expect(await itemLinks()).toHaveLength(3);

    await deleteAgendaItem(items[0]?.id ?? '');
    expect((await itemLinks()).map((link) => link.targetId).sort()).toEqual(
      [items[1]?.id, items[2]?.id].sort(),
    );
    const other = await createDemo(demo.workspaceId, {
      sprintId,
      title: 'Second',
      date: '2026-11-27',
    });
    const kept = await addAgendaItem(other.id, { title: 'Kept', controls: [] });
    await store.attach([nmap([80], 1795800000)], targetOf(other, kept), attachOptions(kept.id));
    await deleteDemo(demo.id);
    expect((await itemLinks()).map((link) => link.targetId)).toEqual([kept.id]);
    await deleteSprint(sprintId);
    expect(await itemLinks()).toEqual([]);

    expect(await db.evidence.count()).toBe(4);
    expect(await evidenceLinkedTo('control', CM7)).toHaveLength(3);
    const deletes = await db.auditLog
      .where('entity')
      .equals('evidenceLinks')
      .filter((entry) => entry.op === 'delete')
      .count();
    expect(deletes).toBe(4);
  });

  it('stores nothing when the demo refuses the reference (signed off meanwhile)', async () => {
    const { demo } = await setUp();
    const item = await addAgendaItem(demo.id, { title: 'Late', controls: [CM7] });
    const dana = await addPerson({ name: 'Dana Reyes', role: 'auditor', organisation: '' });
    await signOffDemo(demo.id, dana, {
      identity: await host.identityOf(dana),
      passphrase: PASSPHRASE,
    });
    const target = targetOf(demo, item);
    await expect(
      store.attach([nmap([22], 1795700000)], target, attachOptions(item.id)),
    ).rejects.toThrow(/signed off/);
    for (const table of [db.evidence, db.evidenceBlobs, db.evidenceLinks, db.demoEvidence])
      expect(await table.count()).toBe(0);
  });
});

describe('issues: the tracker', () => {
  it('raises the issue in the tracker and on the item in one labelled transaction', async () => {
    const { demo } = await setUp();
    const item = await addAgendaItem(demo.id, {
      key: 'PAY-7',
      title: 'Refunds',
      owner: 'Kim',
      controls: [AC2],
    });
    const target = targetOf(demo, item);
    await store.attach([nmap([443], 1795700000)], target, attachOptions(item.id));
    const [evidence] = await db.demoEvidence.toArray();
    const { issue, key } = await raiseItemIssue(
      item.id,
      { title: 'Refund limit bypass', priority: 'P1', control: AC2, description: 'Seen live' },
      tracker,
      { owner: 'Kim' },
    );
    expect(key).toBe('SEC-1');
    const tracked = await db.issues.get(issue.trackerId ?? '');
    expect(tracked).toMatchObject({
      number: 1,
      title: 'Refund limit bypass',
      priority: 'P1',
      severity: 'critical',
      status: 'open',
      owner: 'Kim',
      raisedInSprintId: demo.sprintId,
      source: { kind: 'demo-item', demoItemId: item.id, sprintId: demo.sprintId },
      controlRefs: [AC2],
      links: { demoItemIds: [item.id], evidenceIds: [evidence?.evidenceId] },
    });
    expect(tracked?.slaHistory).toHaveLength(1);
    const labelled = await db.auditLog.filter((entry) => entry.action === 'raise-issue').toArray();
    expect(labelled.map((entry) => entry.entity).sort()).toEqual(['demoIssues', 'issues']);
  });

  it('raises from a failed verdict with the verdict as its source', async () => {
    const { demo } = await setUp();
    const item = await addAgendaItem(demo.id, { title: 'Admin', controls: [AC2] });
    const verdict = await setVerdict(item.id, AC2, { verdict: 'not-satisfied' }, store);
    const { issue } = await raiseItemIssue(
      item.id,
      { title: 'AC-2 failed', priority: 'P1', control: AC2 },
      tracker,
      {
        owner: '',
        verdictId: verdict.id,
      },
    );
    expect(await db.issues.get(issue.trackerId ?? '')).toMatchObject({
      source: { kind: 'control-verdict', controlRef: AC2, verdictId: verdict.id },
      controlRefs: [AC2],
      links: { demoItemIds: [item.id] },
    });
  });

  it('leaves both untouched when either side refuses', async () => {
    const { demo } = await setUp();
    const item = await addAgendaItem(demo.id, { title: 'One', controls: [AC2] });
    // The tracker refuses a 250-character title (the demo record would take it).
    await expect(
      raiseItemIssue(item.id, { title: 'x'.repeat(250), priority: 'P2' }, tracker, { owner: '' }),
    ).rejects.toThrow();
    // A tracker that fails after writing: its write is rolled back with the demo's.
    const failing: IssueRaiser = {
      ...tracker,
      raise: async (draft, context) => {
        await tracker.raise(draft, context);
        throw new Error('tracker went away');
      },
    };
    await expect(
      raiseItemIssue(item.id, { title: 'Half done', priority: 'P1' }, failing, { owner: '' }),
    ).rejects.toThrow('tracker went away');
    expect(await db.issues.count()).toBe(0);
    expect(await db.demoIssues.count()).toBe(0);
  });

  it('shows the tracked issue with its key, live status and SLA clock', async () => {
    const { demo } = await setUp();
    const item = await addAgendaItem(demo.id, { title: 'One', controls: [AC2] });
    const { issue } = await raiseItemIssue(item.id, { title: 'Broken', priority: 'P1' }, tracker, {
      owner: '',
    });
    render(<tracker.Status trackerId={issue.trackerId ?? ''} />);
    expect(await screen.findByRole('link', { name: /^Open SEC-1:/ })).toBeTruthy();
    expect(screen.getByText('Open')).toBeTruthy();
    const clock = await screen.findByRole('timer');
    expect(clock.getAttribute('data-state')).toBe('on-track');
  });
});
