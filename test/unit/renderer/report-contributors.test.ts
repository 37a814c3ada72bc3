// @vitest-environment node
// Node's own Blob survives fake-indexeddb's structured clone (stored evidence is read back); happy-dom's does not.
import 'fake-indexeddb/auto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultLayout } from '../../../core/report/layouts';
import { buildReportPdf } from '../../../core/report/pdf/build';
import { assessmentResultsValidator } from '../../tools/oscal';
import { mustRun } from '../../tools/run';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sourceFromBytes } from '../../../core/evidence/bytes';
import { inspectSource } from '../../../core/evidence/inspect';
import { assessmentResults } from '../../../core/oscal/assessment-results';
import { DemoIssue } from '../../../core/model';
import type { ReportModel } from '../../../core/report/model';
import { sha256Hex } from '../../../core/util/hash';
import { db } from '../../../renderer/src/db';
import { adoptFramework, decideScope } from '../../../renderer/src/features/controls/commands';
import {
  addAgendaItem,
  createDemo,
  setAttendeePresent,
  startDemo,
} from '../../../renderer/src/features/demos/commands';
import { readDemoRecord } from '../../../renderer/src/features/demos/queries';
import {
  addNote,
  answerQuestion,
  raiseItemIssue,
  recordEvidence,
  setVerdict,
} from '../../../renderer/src/features/demos/record-commands';
import { defaultDemoSlots } from '../../../renderer/src/features/demos/slots';
import { openAmendment, signOffDemo } from '../../../renderer/src/features/demos/signoff';
import { addPerson } from '../../../renderer/src/features/people/commands';
import { PASSPHRASE, signingHost } from './signing-host';
import { linkEvidence, storeEvidence } from '../../../renderer/src/features/evidence/commands';
import { storedEvidenceFiles } from '../../../renderer/src/features/evidence/reportContribution';
import {
  addActionItem,
  startPostMortem,
} from '../../../renderer/src/features/postmortems/commands';
import type { ReportRequest } from '../../../renderer/src/features/reports/assemble';
import {
  assembleReportModel,
  LedgerBusyError,
  registerReportContributor,
} from '../../../renderer/src/features/reports/assemble';
import { createSprint, createWorkspace } from '../../../renderer/src/features/workspaces/commands';
import { sampleCharts } from '../../support/charts';

const SC12 = 'nist-sp-800-53-rev5#sc-12';
const AC2 = 'nist-sp-800-53-rev5#ac-2';
const AU2 = 'nist-sp-800-53-rev5#au-2';
const SI4 = 'nist-sp-800-53-rev5#si-4';
const PE3 = 'nist-sp-800-53-rev5#pe-3';
const NOW = new Date('2026-11-27T12:00:00Z');
const { evidence: itemEvidence, issues: tracker } = defaultDemoSlots;

const NMAP = new TextEncoder().encode(
  '<?xml version="1.0"?><nmaprun scanner="nmap" version="7.93" start="1795714065"><host><status state="up"/>' +
    '<address addr="127.0.0.1" addrtype="ipv4"/><ports><port protocol="tcp" portid="443"><state state="open"/>' +
    '<service name="https"/></port></ports></host></nmaprun>',
);

// These tests run without a DOM (Node's Blob survives fake-indexeddb): the app's host API is
// main's real handler table.
vi.mock('../../../renderer/src/app/api', async (importOriginal) => {
  const { signingHost: host } = await import('./signing-host');
  return { ...(await importOriginal<object>()), getApi: () => host().api };
});
const host = signingHost();

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
  type: string,
  links = [] as { targetType: string; targetId: string }[],
) {
  const { detection, outcome } = await inspectSource(sourceFromBytes(name, bytes));
  const file = new File([bytes as Uint8Array<ArrayBuffer>], name, {
    type,
    lastModified: Date.parse('2026-11-26T10:00:00Z'),
  });
  return storeEvidence({ workspaceId, file, sha256: sha256Hex(bytes), detection, outcome, links });
}

/** A sprint demo run as in the app: attendance, notes, a question, verdicts, evidence, issues, sign-off and an amendment. */
async function runDemo() {
  // The demo happens on its own day; evidence taken in it is dated then.
  vi.setSystemTime(new Date('2026-11-26T10:00:00.000Z'));
  const workspace = await createWorkspace({ name: 'Payments platform', description: 'PCI scope' });
  const sprint = await createSprint(workspace.id, {
    name: 'Sprint 14',
    goal: 'Tokenisation',
    startDate: '2026-11-16',
    endDate: '2026-11-27',
    teamId: null,
  });
  const demo = await createDemo(workspace.id, {
    sprintId: sprint.id,
    title: 'Sprint 14 demo',
    date: '2026-11-26',
    facilitator: 'Alex Moreno',
    attendees: [
      { name: 'Dana Reyes', role: 'auditor' },
      { name: 'Sam Patel', role: 'infosec' },
      { name: 'Lee Wong', role: 'product-owner' },
    ],
  });
  await startDemo(demo.id);
  const [dana, sam] = demo.attendees;
  await setAttendeePresent(demo.id, dana?.id ?? '', true);
  await setAttendeePresent(demo.id, sam?.id ?? '', true);
  const tokenisation = await addAgendaItem(demo.id, {
    key: 'PAY-142',
    title: 'Card tokenisation',
    owner: 'Kim Ito',
    controls: [SC12, AC2],
  });
  const refunds = await addAgendaItem(demo.id, {
    key: 'PAY-143',
    title: 'Refund limits',
    controls: [AU2],
  });
  await addNote(tokenisation.id, 'observation', 'Tokens are generated in the HSM.');
  const question = await addNote(tokenisation.id, 'question', 'Who rotates the keys?');
  await setVerdict(tokenisation.id, SC12, { verdict: 'satisfied' }, itemEvidence);
  await setVerdict(
    tokenisation.id,
    AC2,
    { verdict: 'exception', reason: 'Legacy admin accounts', expires: '2027-02-28' },
    itemEvidence,
  );
  await setVerdict(
    refunds.id,
    AU2,
    { verdict: 'not-satisfied', reason: 'No audit trail of limit changes' },
    itemEvidence,
  );

  // The scan is in the evidence store; the demo fingerprinted the same file; a chart is linked to the item.
  const scan = await store(workspace.id, 'nmap-current.xml', NMAP, 'application/xml', [
    { targetType: 'control', targetId: 'nist-sp-800-53-rev5#cm-7' },
  ]);
  await recordEvidence(tokenisation.id, [
    {
      evidenceId: crypto.randomUUID(),
      name: 'nmap-current.xml',
      size: NMAP.byteLength,
      sha256: sha256Hex(NMAP),
      mediaType: 'application/xml',
      stored: false,
    },
  ]);
  const kept = new TextEncoder().encode('only a fingerprint of this file was kept');
  await recordEvidence(refunds.id, [
    {
      evidenceId: crypto.randomUUID(),
      name: 'refunds.log',
      size: kept.byteLength,
      sha256: sha256Hex(kept),
      mediaType: 'text/plain',
      stored: false,
    },
  ]);
  const [chart] = sampleCharts();
  const chartBytes = new TextEncoder().encode(JSON.stringify(chart));
  const chartEvidence = await store(
    workspace.id,
    'telemetry-logins.json',
    chartBytes,
    'application/json',
    [{ targetType: 'control', targetId: SI4 }],
  );
  await linkEvidence(chartEvidence.evidenceId, { targetType: 'demo-item', targetId: refunds.id });
  const notChart = new TextEncoder().encode(
    '{"format": "something else", "note": "demo-ledger.chart/v1 in text only"}',
  );
  const other = await store(workspace.id, 'other.json', notChart, 'application/json');
  await linkEvidence(other.evidenceId, { targetType: 'demo-item', targetId: refunds.id });

  // A P1 raised in the demo, tracked by the issues feature; a P2 recorded on the item only, as
  // demo records kept before the tracker was wired have them (trackerId null).
  const raised = await raiseItemIssue(
    refunds.id,
    { title: 'PAY-143 Refund limits: au-2 not met', priority: 'P1', control: AU2 },
    tracker,
    { owner: 'Payments' },
  );
  const issue = await db.issues.get(raised.issue.trackerId ?? '');
  if (!issue) throw new Error('the raised issue is not tracked');
  await db.demoIssues.add(
    DemoIssue.parse({
      id: crypto.randomUUID(),
      demoId: demo.id,
      itemId: tokenisation.id,
      workspaceId: workspace.id,
      sprintId: sprint.id,
      title: 'Key rotation runbook missing',
      priority: 'P2',
      raisedAt: '2026-11-26T10:30:00.000Z',
      raisedBy: 'Dana Reyes',
    }),
  );

  const auditor = await addPerson({ name: 'Dana Reyes', role: 'auditor', organisation: 'Acme' });
  const asDana = { identity: await host.identityOf(auditor), passphrase: PASSPHRASE };
  await signOffDemo(demo.id, auditor, asDana);
  await openAmendment(demo.id, 'Record the answer about key rotation');
  await answerQuestion(question.id, 'The platform team, every 90 days.');
  await addNote(tokenisation.id, 'observation', 'Rotation runbook shown after the demo.');
  await signOffDemo(demo.id, auditor, asDana);
  return { workspace, sprint, demo, tokenisation, refunds, scan, chartEvidence, issue };
}

const assemble = (request: ReportRequest) =>
  assembleReportModel(request, { generatedBy: 'Dana Reyes', now: NOW });

/** November's control evidence matrix after adopting the LOW baseline with pe-3 scoped out. */
async function scopedMatrix(workspaceId: string): Promise<ReportModel> {
  await adoptFramework(workspaceId, 'nist-sp-800-53-rev5', 'low');
  await decideScope(workspaceId, PE3, {
    applicability: 'not-applicable',
    justification: 'Hosted in a provider data centre',
  });
  return assemble({
    kind: 'control-evidence-matrix',
    workspaceId,
    start: '2026-11-01',
    end: '2026-11-30',
  });
}

describe('report contributors', () => {
  it('demos: cover, attendance, items with observations, questions and amendments, verdicts, sign-off and digest', async () => {
    const { workspace, sprint, demo, tokenisation } = await runDemo();
    const model = await assemble({
      kind: 'sprint-demo-record',
      workspaceId: workspace.id,
      sprintId: sprint.id,
      demoId: demo.id,
    });
    expect(model.id).toBe(`DL-2026-11-26-DEM-${demo.id.slice(0, 8).toUpperCase()}`);
    expect(model.title).toBe('Sprint 14 demo — Payments platform');
    const [entry] = model.demos;
    const record = await readDemoRecord(demo.id);
    expect(entry).toMatchObject({
      label: 'Sprint 14 demo',
      facilitator: 'Alex Moreno',
      signOff: { by: 'Dana Reyes', role: 'Auditor' },
    });
    expect(entry?.amendments).toMatchObject([
      { number: 1, reason: 'Record the answer about key rotation', signOff: { by: 'Dana Reyes' } },
    ]);
    // The record as reported is the record as last signed off.
    expect(entry?.recordDigest).toBe(record?.demo.amendments[0]?.signOff?.digest);
    expect(entry?.recordDigestVersion).toBe(2);
    // Each signature with its certificate, the statement signed and what checking it said.
    expect(entry?.signOffs).toMatchObject([
      { kind: 'signature', by: 'CN=Dana Reyes, O=Acme', role: 'Auditor', digestVersion: 2 },
      { kind: 'signature', amendment: 1, by: 'CN=Dana Reyes, O=Acme', role: 'Auditor' },
    ]);
    for (const signOff of entry?.signOffs ?? []) {
      expect(signOff.check).toMatch(/^Valid; certificate trusted/);
      expect(signOff.fingerprint).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.parse(signOff.statement ?? '')).toMatchObject({ demo: demo.id });
    }
    expect(model.attendees.map((person) => [person.name, person.role, person.present])).toEqual([
      ['Dana Reyes', 'Auditor', true],
      ['Sam Patel', 'Infosec', true],
      ['Lee Wong', 'Product owner', false],
    ]);
    const item = model.agenda.find((candidate) => candidate.id === tokenisation.id);
    expect(item).toMatchObject({
      key: 'PAY-142',
      presenter: 'Kim Ito',
      demo: demo.id,
      controls: [SC12, AC2],
    });
    expect(item?.observations.map((note) => [note.text, note.amendment])).toEqual([
      ['Tokens are generated in the HSM.', undefined],
      ['Rotation runbook shown after the demo.', 1],
    ]);
    expect(item?.questions).toMatchObject([
      { text: 'Who rotates the keys?', answer: 'The platform team, every 90 days.' },
    ]);
    expect(model.verdicts.find((verdict) => verdict.control === AC2)).toMatchObject({
      outcome: 'exception',
      exceptionExpires: '2027-02-28',
      rationale: 'Legacy admin accounts',
      demo: demo.id,
      agendaItem: tokenisation.id,
    });
  });

  it('evidence: stored files by id or content, item links, and the blobs to embed', async () => {
    const { workspace, sprint, tokenisation, refunds, scan, chartEvidence } = await runDemo();
    const model = await assemble({
      kind: 'sprint-demo-record',
      workspaceId: workspace.id,
      sprintId: sprint.id,
    });
    const byName = new Map(model.evidence.map((item) => [item.name, item]));
    // The fingerprint taken in the demo is the stored scan: reported with the store's details.
    expect(byName.get('nmap-current.xml')).toMatchObject({
      id: scan.evidenceId,
      controls: ['nist-sp-800-53-rev5#cm-7'],
    });
    expect(byName.get('nmap-current.xml')?.summary).toContain('open port');
    // Each file dated by its tool's own time, or not at all: never by when it was attached.
    expect(byName.get('nmap-current.xml')).toMatchObject({
      effectiveAt: '2026-11-26T17:27:45.000Z',
      dating: 'tool',
    });
    expect(byName.get('telemetry-logins.json')?.dating).toBe('tool');
    expect(byName.get('other.json')?.effectiveAt).toBeUndefined();
    expect(byName.get('other.json')?.dating).toBeUndefined();
    expect(byName.get('refunds.log')?.effectiveAt).toBeUndefined();
    expect(model.agenda.find((item) => item.id === tokenisation.id)?.evidence).toEqual([
      scan.evidenceId,
    ]);
    expect(byName.get('refunds.log')?.source).toContain('fingerprint');
    expect(model.agenda.find((item) => item.id === refunds.id)?.evidence).toContain(
      chartEvidence.evidenceId,
    );
    const files = await storedEvidenceFiles(model.evidence);
    expect(files.map((file) => file.evidenceId).sort()).toEqual(
      model.evidence
        .filter((item) => item.name !== 'refunds.log')
        .map((item) => item.id)
        .sort(),
    );
    expect(files.every((file) => file.data instanceof Blob)).toBe(true);
  });

  it('issues: tracked issues with status, owner, SLA due time and state; untracked ones as recorded', async () => {
    const { workspace, sprint, issue } = await runDemo();
    const request: ReportRequest = {
      kind: 'sprint-demo-record',
      workspaceId: workspace.id,
      sprintId: sprint.id,
    };
    const hoursAfterRaising = (hours: number) =>
      assembleReportModel(request, {
        generatedBy: 'Dana Reyes',
        now: new Date(Date.parse(issue.raisedAt) + hours * 3_600_000),
      });
    const early = await hoursAfterRaising(1);
    expect(early.issues.find((entry) => entry.id === issue.id)).toMatchObject({
      key: 'SEC-1',
      priority: 'P1',
      status: 'Open',
      sla: 'On track',
      dueAt: new Date(Date.parse(issue.dueAt)).toISOString(),
      controls: [AU2],
    });
    // P1 is fix immediately (24 elapsed hours): a day later its clock reads breached.
    const model = await hoursAfterRaising(25);
    expect(model.issues.find((entry) => entry.id === issue.id)?.sla).toBe('Breached');
    expect(
      model.issues.find((entry) => entry.title === 'Key rotation runbook missing'),
    ).toMatchObject({ priority: 'P2', status: 'raised in the demo', sla: '' });
  });

  it('controls: titles from the catalogs, scope from the Statement of Applicability', async () => {
    const { workspace } = await runDemo();
    const model = await scopedMatrix(workspace.id);
    const controls = new Map(model.controls.map((control) => [control.ref, control]));
    expect(controls.get(SC12)).toMatchObject({
      title: 'Cryptographic Key Establishment and Management',
      inScope: true,
    });
    expect(controls.get(PE3)).toMatchObject({ inScope: false });
    // The LOW baseline is in scope even where no demo judged it.
    expect(controls.get('nist-sp-800-53-rev5#ac-1')).toMatchObject({ inScope: true });
    expect(model.controls.length).toBeGreaterThan(100);
    // The matrix also carries the store's evidence linked to controls in the period, and the period's issues.
    expect(model.evidence.map((item) => item.name)).toContain('telemetry-logins.json');
    expect(model.issues.map((issue) => issue.key)).toContain('SEC-1');
  });

  it('telemetry: chart evidence becomes a chart; other JSON stays a file', async () => {
    const { workspace, sprint, chartEvidence } = await runDemo();
    const model = await assemble({
      kind: 'sprint-demo-record',
      workspaceId: workspace.id,
      sprintId: sprint.id,
    });
    expect(model.telemetryCharts).toHaveLength(1);
    expect(model.telemetryCharts[0]).toMatchObject({
      evidence: chartEvidence.evidenceId,
      spec: { id: 'logins', title: 'Failed and successful logins' },
    });
  });

  it('post-mortems: the document the Markdown export draws, as a report', async () => {
    const { workspace, issue } = await runDemo();
    const postMortem = await startPostMortem(issue.id);
    await addActionItem(postMortem.id, {
      title: 'Write limit changes to the audit log',
      owner: 'Payments',
      dueDate: '2026-12-04',
    });
    const model = await assemble({
      kind: 'post-mortem',
      workspaceId: workspace.id,
      postMortemId: postMortem.id,
    });
    expect(model.kind).toBe('post-mortem');
    expect(model.title).toBe(`Post-mortem: ${postMortem.title}`);
    expect(model.document?.facts[0]).toEqual(['Issue', `SEC-1 — ${issue.title}`]);
    const actions = model.document?.sections.find((section) => section.heading === 'Action items');
    expect(actions?.blocks[0]).toMatchObject({
      kind: 'table',
      rows: [['Write limit changes to the audit log', 'Payments', '2026-12-04', 'SEC-2', 'open']],
    });
    expect(model.demos).toEqual([]);
    expect(() => assessmentResults(model)).toThrow('not an assessment');
  });

  it('pins the audit log head read with the data, and reads again when the ledger changed meanwhile', async () => {
    const { workspace, sprint } = await runDemo();
    let writes = 0;
    const unregister = registerReportContributor(async () => {
      if (writes === 0) {
        writes += 1;
        await createWorkspace({ name: `Written during assembly ${writes}`, description: '' });
      }
    });
    try {
      const model = await assemble({
        kind: 'sprint-demo-record',
        workspaceId: workspace.id,
        sprintId: sprint.id,
      });
      const head = await db.auditHead();
      expect(writes).toBe(1);
      expect(model.ledger?.auditHead).toEqual({ seq: head?.seq, hash: head?.hash });
    } finally {
      unregister();
    }
    const always = registerReportContributor(async () => {
      await createWorkspace({ name: 'Busy', description: '' });
    });
    try {
      await expect(
        assemble({ kind: 'sprint-demo-record', workspaceId: workspace.id, sprintId: sprint.id }),
      ).rejects.toBeInstanceOf(LedgerBusyError);
    } finally {
      always();
    }
  });

  it('builds the period matrix PDF from the app’s model: SoA rows, verdicts as they stand, gaps', async () => {
    const { workspace } = await runDemo();
    const model = await scopedMatrix(workspace.id);
    const require = createRequire(import.meta.url);
    const font = (name: string) =>
      new Uint8Array(readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${name}`)));
    const pdf = await buildReportPdf(model, {
      layout: defaultLayout(model.kind),
      fonts: { regular: font('DejaVuSans.ttf'), bold: font('DejaVuSans-Bold.ttf') },
    });
    const dir = mkdtempSync(path.join(tmpdir(), 'matrix-'));
    const file = path.join(process.env['REPORT_PREVIEW_DIR'] ?? dir, 'matrix.pdf');
    writeFileSync(file, pdf);
    const text = mustRun('pdftotext', ['-layout', file, '-']).replace(/\s+/g, ' ');
    expect(text).toContain('Sprint 14 demo ! Exception');
    expect(text).toContain('Cryptographic Key');
    expect(text).toMatch(/Policy and — 0 — never judged; no ac-1 Procedures evidence/);
    // Files shown on the refunds item are linked to no control of it: AU-2 has no evidence.
    expect(text).toMatch(
      /Event Logging Sprint 14 demo ✗ Not 0 — not satisfied; no au-2 satisfied evidence/,
    );
    // The scan linked to CM-7 counts there, on the day it ran.
    expect(text).toMatch(/Least — 1 2026-11-26 never judged cm-7 Functionality/);
    expect(text).toContain('Legacy admin accounts');
    expect(text).toContain(`audit log entry ${model.ledger?.auditHead.seq}`);
  });

  it('exports OSCAL assessment results from the app’s model that validate against NIST’s schema', async () => {
    const { workspace, sprint } = await runDemo();
    const validate = assessmentResultsValidator();
    const models: ReportModel[] = [
      await assemble({
        kind: 'sprint-demo-record',
        workspaceId: workspace.id,
        sprintId: sprint.id,
      }),
      await assemble({
        kind: 'control-evidence-matrix',
        workspaceId: workspace.id,
        start: '2026-11-01',
        end: '2026-11-30',
      }),
    ];
    for (const model of models) {
      const results = assessmentResults(model) as {
        'assessment-results': {
          metadata: { props: { name: string; value: string }[] };
          results: { observations?: { methods: string[] }[]; findings?: unknown[] }[];
        };
      };
      expect(validate(results), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      const ar = results['assessment-results'];
      expect(ar.metadata.props).toContainEqual(
        expect.objectContaining({
          name: 'audit-log-head',
          value: `${model.ledger?.auditHead.seq}:${model.ledger?.auditHead.hash}`,
        }),
      );
      expect(ar.results[0]?.findings).toHaveLength(3);
      expect(
        ar.results[0]?.observations?.some((observation) =>
          observation.methods.includes('INTERVIEW'),
        ),
      ).toBe(true);
    }
  });
});
