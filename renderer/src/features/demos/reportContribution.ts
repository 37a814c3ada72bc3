import type { DemoRecord } from '../../../../core/demo/digest';
import { CURRENT_DIGEST_VERSION, demoRecordDigest } from '../../../../core/demo/digest';
import type { Demo, DemoSignature, SignOff } from '../../../../core/model';
import {
  PERSON_ROLE_LABELS,
  ROLE_LABELS,
  digestVersionOf,
  isLegacySignOff,
} from '../../../../core/model';
import type { ReportModelInput } from '../../../../core/report/model';
import type { AssemblyContext, ReportContributor } from '../reports/assemble';
import { signOffRound } from '../../../../core/demo/rounds';
import { readDemoRecord, readDemoSignatures } from './queries';
import { checkSignature, describeCheck } from './sign-off-checks';

/**
 * The demo record in a report: each demo's cover (facilitator, start, every sign-off — each
 * signature with what checking it said, legacy unsigned ones as such — amendments and the
 * record's digest now, under the version its latest sign-off pinned), its attendees, its agenda items with observations and follow-up
 * questions, the verdicts, and the evidence and issues as the demo recorded them. The evidence
 * and issues contributors then complete those from their own stores.
 */

type ModelDemo = NonNullable<ReportModelInput['demos']>[number];
type ModelItem = NonNullable<ReportModelInput['agenda']>[number];
type ModelEvidence = NonNullable<ReportModelInput['evidence']>[number];
type ModelIssue = NonNullable<ReportModelInput['issues']>[number];
type ModelAttendee = NonNullable<ReportModelInput['attendees']>[number];

const LOCAL_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

/** Ids from other features become model ids only when the model's id rules allow them. */
export function modelId(preferred: string | null | undefined, fallback: string): string {
  return preferred && LOCAL_ID.test(preferred) ? preferred : fallback;
}

/** The demos a report covers: the chosen one, the sprint's, or those held in the period. */
export async function demosInScope(context: AssemblyContext): Promise<Demo[]> {
  const { request, db } = context;
  if (request.kind === 'sprint-demo-record') {
    if (request.demoId) {
      const demo = await db.demos.get(request.demoId);
      return demo ? [demo] : [];
    }
    return db.demos.where('sprintId').equals(request.sprintId).sortBy('date');
  }
  if (request.kind === 'control-evidence-matrix') {
    const demos = await db.demos.where('workspaceId').equals(context.workspace.id).sortBy('date');
    return demos.filter((demo) => demo.date >= request.start && demo.date <= request.end);
  }
  return [];
}

type ModelSignOff = NonNullable<ModelDemo['signOffs']>[number];

/** A round's seal as the model's `signOff`: who sealed it, in which role, when, at which digest. */
function sealOf(signOff: SignOff, signatures: readonly DemoSignature[]) {
  const first = signatures[0];
  const role = isLegacySignOff(signOff)
    ? ROLE_LABELS[signOff.role]
    : first
      ? PERSON_ROLE_LABELS[first.person.role]
      : '';
  return { by: signOff.by, role, at: signOff.at, digest: signOff.digest };
}

/** Every sign-off of the demo, round by round: legacy seals and each signature, checked. */
async function signOffsOf(
  demo: Demo,
  signatures: readonly DemoSignature[],
): Promise<ModelSignOff[]> {
  const rounds: { amendment: number | null; seal: SignOff | null }[] = [
    { amendment: null, seal: demo.signOff },
    ...demo.amendments.map((amendment) => ({
      amendment: amendment.number,
      seal: amendment.signOff,
    })),
  ];
  const out: ModelSignOff[] = [];
  for (const { amendment, seal } of rounds) {
    const round = amendment === null ? {} : { amendment };
    if (seal && isLegacySignOff(seal)) {
      out.push({
        ...round,
        kind: 'legacy',
        by: seal.by,
        role: ROLE_LABELS[seal.role],
        at: seal.at,
        digest: seal.digest,
        digestVersion: 1,
        check: 'legacy, unsigned: a name typed by whoever was at the keyboard, with no signature',
      });
    }
    for (const row of signatures.filter((item) => item.amendment === amendment)) {
      out.push({
        ...round,
        kind: 'signature',
        by: row.signer.subject,
        role: PERSON_ROLE_LABELS[row.person.role],
        at: row.signedAt,
        digest: row.digest,
        digestVersion: row.digestVersion,
        fingerprint: row.signer.fingerprint,
        ...(row.timestamp ? { timestamp: row.timestamp } : {}),
        statement: row.statement,
        signature: row.signature,
        check: describeCheck(await checkSignature(row)).text,
      });
    }
  }
  return out;
}

async function demoEntry(record: DemoRecord, sprintName: string): Promise<ModelDemo> {
  const { demo } = record;
  const signatures = await readDemoSignatures(demo.id);
  const ofRound = (amendment: number | null) =>
    signatures.filter((row) => row.amendment === amendment);
  const { sealed } = signOffRound(demo);
  const version = sealed ? digestVersionOf(sealed) : CURRENT_DIGEST_VERSION;
  return {
    id: demo.id,
    label: demo.title,
    date: demo.date,
    sprint: sprintName,
    facilitator: demo.facilitator,
    ...(demo.startedAt ? { startedAt: demo.startedAt } : {}),
    ...(demo.signOff ? { signOff: sealOf(demo.signOff, ofRound(null)) } : {}),
    amendments: demo.amendments.map((amendment) => ({
      number: amendment.number,
      reason: amendment.reason,
      openedBy: amendment.openedBy,
      openedAt: amendment.openedAt,
      ...(amendment.signOff
        ? { signOff: sealOf(amendment.signOff, ofRound(amendment.number)) }
        : {}),
    })),
    signOffs: await signOffsOf(demo, signatures),
    recordDigest: demoRecordDigest(record, version),
    recordDigestVersion: version,
  };
}

const amendmentOf = (amendment: number | null) => (amendment === null ? {} : { amendment });

function itemsOf(
  record: DemoRecord,
  evidenceIds: Map<string, string>,
  issueIds: Map<string, string>,
): ModelItem[] {
  return record.items.map((item) => {
    const notes = record.notes.filter((note) => note.itemId === item.id);
    return {
      id: item.id,
      key: item.key,
      title: item.title,
      demo: record.demo.id,
      description: item.description,
      presenter: item.owner,
      controls: item.controls,
      observations: notes
        .filter((note) => note.kind === 'observation')
        .map((note) => ({
          text: note.text,
          author: note.author,
          at: note.at,
          ...amendmentOf(note.amendment),
        })),
      questions: notes
        .filter((note) => note.kind === 'question')
        .map((note) => ({
          text: note.text,
          author: note.author,
          at: note.at,
          answer: note.answer ?? '',
          ...(note.answeredAt ? { answeredAt: note.answeredAt } : {}),
          ...amendmentOf(note.amendment),
        })),
      evidence: [
        ...new Set(
          record.evidence
            .filter((row) => row.itemId === item.id)
            .map((row) => evidenceIds.get(row.id) ?? row.id),
        ),
      ],
      issues: record.issues
        .filter((row) => row.itemId === item.id)
        .map((row) => issueIds.get(row.id) ?? row.id),
    };
  });
}

/** Attendees of every demo, once each (present when marked present at any of them). */
function attendeesOf(records: readonly DemoRecord[]): ModelAttendee[] {
  const byPerson = new Map<string, ModelAttendee>();
  for (const { demo } of records) {
    const attendanceTaken =
      demo.startedAt !== null || demo.attendees.some((person) => person.present);
    for (const person of demo.attendees) {
      const key = `${person.name.toLowerCase()}|${person.role}`;
      const known = byPerson.get(key);
      const present = attendanceTaken ? person.present : undefined;
      if (known === undefined) {
        byPerson.set(key, {
          name: person.name,
          role: ROLE_LABELS[person.role],
          ...(present === undefined ? {} : { present }),
        });
      } else if (present === true) known.present = true;
      else if (present === false && known.present === undefined) known.present = false;
    }
  }
  return [...byPerson.values()];
}

export const demoReportContribution: ReportContributor = async (context, model) => {
  if (context.request.kind === 'post-mortem') return;
  const demos = await demosInScope(context);
  const sprintNames = new Map(
    (await context.db.sprints.where('workspaceId').equals(context.workspace.id).toArray()).map(
      (sprint) => [sprint.id, sprint.name],
    ),
  );
  const records = (await Promise.all(demos.map((demo) => readDemoRecord(demo.id)))).filter(
    (record): record is DemoRecord => record !== null,
  );

  const evidence = new Map<string, ModelEvidence>();
  const evidenceIds = new Map<string, string>();
  const issues: ModelIssue[] = [];
  const issueIds = new Map<string, string>();
  for (const record of records) {
    for (const row of record.evidence) {
      const id = modelId(row.evidenceId, row.id);
      evidenceIds.set(row.id, id);
      if (evidence.has(id)) continue;
      evidence.set(id, {
        id,
        name: row.name,
        size: row.size,
        sha256: row.sha256,
        mediaType: row.mediaType || 'application/octet-stream',
        collectedAt: row.attachedAt,
        source: row.stored ? '' : 'fingerprint taken in the demo (the file itself was not kept)',
        controls: [],
      });
    }
    for (const row of record.issues) {
      const id = modelId(row.trackerId, row.id);
      issueIds.set(row.id, id);
      issues.push({
        id,
        title: row.title,
        priority: row.priority,
        status: 'raised in the demo',
        raisedAt: row.raisedAt,
        controls: row.control === null ? [] : [row.control],
      });
    }
  }

  model.demos = await Promise.all(
    records.map((record) => demoEntry(record, sprintNames.get(record.demo.sprintId) ?? '')),
  );
  model.attendees = attendeesOf(records);
  model.agenda = records.flatMap((record) => itemsOf(record, evidenceIds, issueIds));
  model.verdicts = records.flatMap((record) =>
    record.verdicts.map((verdict) => ({
      control: verdict.control,
      outcome: verdict.verdict,
      demo: record.demo.id,
      agendaItem: verdict.itemId,
      rationale: verdict.reason,
      decidedBy: verdict.decidedBy,
      decidedAt: verdict.decidedAt,
      ...(verdict.expires === null ? {} : { exceptionExpires: verdict.expires }),
      ...amendmentOf(verdict.amendment),
    })),
  );
  model.evidence = [...evidence.values()];
  model.issues = [...new Map(issues.map((issue) => [issue.id, issue])).values()];
};
