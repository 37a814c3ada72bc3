import type { DemoRecord } from '../demo/digest';
import type { DemoHappenings } from '../demo/happened';
import { ISSUE_ORIGIN_LABELS } from '../demo/happened';
import type { ReportModelInput } from './model';

/**
 * The demo record's part of a report model: agenda items with their observations, questions,
 * the evidence shown and the issues that belong to them, the verdicts, and the evidence and
 * issue entries as the demo knows them (the evidence and issue stores complete those). The
 * issues are exactly what core/demo/happened.ts derives, so the record, the matrix and the
 * OSCAL export list what the review page lists.
 */

type ModelItem = NonNullable<ReportModelInput['agenda']>[number];
type ModelEvidence = NonNullable<ReportModelInput['evidence']>[number];
type ModelIssue = NonNullable<ReportModelInput['issues']>[number];
type ModelVerdict = NonNullable<ReportModelInput['verdicts']>[number];

export interface DemoRecordParts {
  agenda: ModelItem[];
  verdicts: ModelVerdict[];
  evidence: ModelEvidence[];
  issues: ModelIssue[];
}

const LOCAL_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

/** Ids from other features become model ids only when the model's id rules allow them. */
export function modelId(preferred: string | null | undefined, fallback: string): string {
  return preferred && LOCAL_ID.test(preferred) ? preferred : fallback;
}

const amendmentOf = (amendment: number | null) => (amendment === null ? {} : { amendment });

export function demoRecordParts(
  demos: readonly { record: DemoRecord; happened: DemoHappenings }[],
): DemoRecordParts {
  const evidence = new Map<string, ModelEvidence>();
  const evidenceIds = new Map<string, string>();
  const issues = new Map<string, ModelIssue>();
  const issueIds = new Map<string, string>();
  for (const { record, happened } of demos) {
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
        attachedBy: row.attachedBy,
        source: row.stored ? '' : 'fingerprint taken in the demo (the file itself was not kept)',
        // Completed by the evidence store when it holds the file; otherwise nothing was read.
        ...(row.stored ? {} : { recognised: false, summary: 'only its fingerprint was kept' }),
        controls: [],
      });
    }
    const controlOf = new Map(record.issues.map((row) => [row.id, row.control]));
    for (const issue of happened.issues) {
      const id = modelId(issue.id, issue.demoIssueId ?? issue.id);
      issueIds.set(issue.id, id);
      if (issues.has(id)) continue;
      const control = issue.demoIssueId === null ? null : controlOf.get(issue.demoIssueId);
      issues.set(id, {
        id,
        title: issue.title,
        priority: issue.priority,
        status: 'raised in the demo',
        raisedAt: issue.raisedAt,
        controls: control ? [control] : [],
        origin: ISSUE_ORIGIN_LABELS[issue.origin],
      });
    }
  }
  return {
    agenda: demos.flatMap(({ record, happened }) =>
      itemsOf(record, happened, evidenceIds, issueIds),
    ),
    verdicts: demos.flatMap(({ record }) =>
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
    ),
    evidence: [...evidence.values()],
    issues: [...issues.values()],
  };
}

function itemsOf(
  record: DemoRecord,
  happened: DemoHappenings,
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
      issues: happened.issues
        .filter((issue) => issue.itemId === item.id)
        .map((issue) => issueIds.get(issue.id) ?? issue.id),
    };
  });
}
