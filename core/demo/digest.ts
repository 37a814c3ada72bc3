import { canonicalHash } from '../audit/canonical';
import type {
  AgendaItem,
  ControlVerdict,
  Demo,
  DemoEvidence,
  DemoIssue,
  DemoNote,
} from '../model/demo';

/** Everything recorded for one demo, as read from the store. */
export interface DemoRecord {
  demo: Demo;
  items: readonly AgendaItem[];
  notes: readonly DemoNote[];
  verdicts: readonly ControlVerdict[];
  evidence: readonly DemoEvidence[];
  issues: readonly DemoIssue[];
}

/**
 * SHA-256 over the canonical JSON of a demo record, as pinned by a sign-off. It leaves out the
 * sign-offs themselves and the row's last-change time, and orders rows by id, so the same
 * content always gives the same digest and any change to the content gives another.
 */
export function demoRecordDigest(record: DemoRecord): string {
  const {
    signOff: _signOff,
    amendments: _amendments,
    updatedAt: _updatedAt,
    ...demo
  } = record.demo;
  const byId = <T extends { id: string }>(rows: readonly T[]): T[] =>
    [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return canonicalHash({
    demo,
    items: byId(record.items),
    notes: byId(record.notes),
    verdicts: byId(record.verdicts),
    evidence: byId(record.evidence),
    issues: byId(record.issues),
  });
}
