import type { DemoRecord } from '../../../../core/demo/digest';
import { demoRecordDigest } from '../../../../core/demo/digest';
import type { Demo, SignOff } from '../../../../core/model';
import { ROLE_LABELS } from '../../../../core/model';
import type { ReportModelInput } from '../../../../core/report/model';
import type { AssemblyContext, ReportContributor } from '../reports/assemble';
import { readDemoRecord } from './queries';

/**
 * The demo record in a report: each demo's cover (facilitator, start, sign-off, amendments and
 * the record's digest now), its attendees, its agenda items with observations and follow-up
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

function signOffOf(signOff: SignOff) {
  return {
    by: signOff.by,
    role: ROLE_LABELS[signOff.role],
    at: signOff.at,
    digest: signOff.digest,
  };
}

function demoEntry(record: DemoRecord, sprintName: string): ModelDemo {
  const { demo } = record;
  return {
    id: demo.id,
    label: demo.title,
    date: demo.date,
    sprint: sprintName,
    facilitator: demo.facilitator,
    ...(demo.startedAt ? { startedAt: demo.startedAt } : {}),
    ...(demo.signOff ? { signOff: signOffOf(demo.signOff) } : {}),
    amendments: demo.amendments.map((amendment) => ({
      number: amendment.number,
      reason: amendment.reason,
      openedBy: amendment.openedBy,
      openedAt: amendment.openedAt,
      ...(amendment.signOff ? { signOff: signOffOf(amendment.signOff) } : {}),
    })),
    recordDigest: demoRecordDigest(record),
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

  model.demos = records.map((record) =>
    demoEntry(record, sprintNames.get(record.demo.sprintId) ?? ''),
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
