import type { AgendaItem, ControlVerdict, DemoNote } from '../model/demo';
import type { ControlRef } from '../model/refs';
import type { DemoRecord } from './digest';
import type { DemoHappenings, PriorityCounts } from './happened';
import { countByPriority } from './happened';
import type { Judgement } from './verdicts';
import { combineVerdicts } from './verdicts';

/** The review of a demo: what an auditor reads before signing off. */
export interface ControlSummary {
  control: ControlRef;
  /** Combined over the items that judged it, on `today`; null when no item did. */
  judgement: Judgement | null;
  verdicts: { item: AgendaItem; verdict: ControlVerdict }[];
  /** Items that link the control but gave it no verdict. */
  unjudgedOn: AgendaItem[];
}

export interface DemoSummary {
  controls: ControlSummary[];
  itemsWithoutEvidence: AgendaItem[];
  openQuestions: { item: AgendaItem | undefined; question: DemoNote }[];
  observationCount: number;
  evidenceCount: number;
  /** Every issue that belongs to the demo (core/demo/happened.ts), by priority. */
  issueCount: PriorityCounts;
  attendance: { present: number; total: number };
}

export function summariseDemo(
  record: DemoRecord,
  happened: DemoHappenings,
  today: string,
): DemoSummary {
  const itemById = new Map(record.items.map((item) => [item.id, item]));
  const controls = new Set<ControlRef>();
  for (const item of record.items) for (const control of item.controls) controls.add(control);
  for (const verdict of record.verdicts) controls.add(verdict.control);

  const summaries = [...controls].sort().map((control): ControlSummary => {
    const verdicts = record.verdicts
      .filter((verdict) => verdict.control === control && itemById.has(verdict.itemId))
      .map((verdict) => ({ item: itemById.get(verdict.itemId) as AgendaItem, verdict }));
    const judgedItems = new Set(verdicts.map(({ item }) => item.id));
    return {
      control,
      judgement: combineVerdicts(
        verdicts.map(({ verdict }) => verdict),
        today,
      ),
      verdicts,
      unjudgedOn: record.items.filter(
        (item) => item.controls.includes(control) && !judgedItems.has(item.id),
      ),
    };
  });

  const withEvidence = new Set(record.evidence.map((evidence) => evidence.itemId));
  return {
    controls: summaries,
    itemsWithoutEvidence: record.items.filter((item) => !withEvidence.has(item.id)),
    openQuestions: record.notes
      .filter((note) => note.kind === 'question' && note.answer === null)
      .map((question) => ({ item: itemById.get(question.itemId), question })),
    observationCount: record.notes.filter((note) => note.kind === 'observation').length,
    evidenceCount: record.evidence.length,
    issueCount: countByPriority(happened.issues),
    attendance: {
      present: record.demo.attendees.filter((attendee) => attendee.present).length,
      total: record.demo.attendees.length,
    },
  };
}
