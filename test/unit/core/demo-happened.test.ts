import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DemoRecord } from '../../../core/demo/digest';
import type { TrackedIssueLike } from '../../../core/demo/happened';
import { countByPriority, priorityCountText, whatHappened } from '../../../core/demo/happened';
import { summariseDemo } from '../../../core/demo/summary';
import type { IssueSource, Priority } from '../../../core/model/issue';
import { assessmentResults } from '../../../core/oscal/assessment-results';
import { issuesByDemo } from '../../../core/report/demo-issues';
import { demoRecordParts } from '../../../core/report/demo-part';
import { defaultLayout } from '../../../core/report/layouts';
import { parseReportModel } from '../../../core/report/model';
import type { ReportModel } from '../../../core/report/model';
import { tableRows } from '../../../core/report/pdf/tables';
import { ids, NOW, record } from '../../support/demo-record';
import { assessmentResultsValidator } from '../../tools/oscal';

const FINGERPRINT = `grype:${'b'.repeat(64)}`;

function tracked(id: string, source: IssueSource, links = {}, priority: Priority = 'P1') {
  return {
    id,
    title: `Issue ${id}`,
    priority,
    raisedAt: NOW,
    source,
    links: { demoItemIds: [], evidenceIds: [], ...links },
  } satisfies TrackedIssueLike;
}

function finding(evidenceId: string): IssueSource {
  return {
    kind: 'evidence-finding',
    evidenceId,
    fingerprint: FINGERPRINT,
    sourceKey: 'grype|image',
    observedAt: NOW,
  };
}

describe('whatHappened', () => {
  it('counts an issue raised elsewhere from a finding in a file shown on an item', () => {
    const happened = whatHappened(record(), [tracked('t1', finding('e1'))]);
    expect(happened.issues.map((issue) => [issue.id, issue.origin, issue.itemId])).toEqual([
      ['r1', 'raised-in-demo', ids.item1],
      ['t1', 'evidence', ids.item1],
    ]);
    const summary = summariseDemo(record(), happened, '2026-11-26');
    expect(priorityCountText(summary.issueCount)).toBe('2 P1 · 0 P2');
  });

  it('ties issues by verdict, item and alert links, and leaves out the rest', () => {
    const base = record();
    const happened = whatHappened(base, [
      tracked('v', { kind: 'control-verdict', controlRef: 'x#a-2', verdictId: 'v2' }),
      tracked('i', { kind: 'manual' }, { demoItemIds: [ids.item2] }, 'P3'),
      tracked('a', { kind: 'telemetry-alert', alertId: 'alert-1' }, { evidenceIds: ['e1'] }),
      tracked('other-verdict', { kind: 'control-verdict', controlRef: 'x#a-2', verdictId: 'vX' }),
      tracked('other-file', finding('e-elsewhere')),
      tracked('manual', { kind: 'manual' }),
    ]);
    expect(happened.issues.map((issue) => [issue.id, issue.origin])).toEqual([
      ['a', 'alert'],
      ['i', 'agenda-item'],
      ['r1', 'raised-in-demo'],
      ['v', 'verdict'],
    ]);
    expect(priorityCountText(countByPriority(happened.issues))).toBe('3 P1 · 0 P2 · 1 P3');
  });

  it('lists an issue the demo recorded and the tracker holds once, as the tracker knows it', () => {
    const base = record();
    const withTracker: DemoRecord = {
      ...base,
      issues: base.issues.map((row) => ({ ...row, trackerId: 't9' })),
    };
    const happened = whatHappened(withTracker, [
      { ...tracked('t9', { kind: 'demo-item', demoItemId: ids.item1, sprintId: null }) },
    ]);
    expect(happened.issues).toHaveLength(1);
    expect(happened.issues[0]).toMatchObject({ id: 't9', demoIssueId: 'r1', tracked: true });
  });
});

/**
 * A generated demo and the workspace's issues, each issue generated either tied to the demo (by
 * one of the ways an issue can belong to it) or tied to something outside it: the expected set
 * is known from the generator, not from the rule under test.
 */
const TIES = ['verdict', 'item', 'evidence', 'alert-item', 'alert-evidence', 'demo-row'] as const;

const scenario = fc
  .record({
    items: fc.integer({ min: 1, max: 4 }),
    files: fc.integer({ min: 0, max: 4 }),
    verdicts: fc.integer({ min: 0, max: 4 }),
    issues: fc.array(
      fc.record({
        belongs: fc.boolean(),
        tie: fc.constantFrom(...TIES),
        pick: fc.nat(),
        priority: fc.constantFrom<Priority>('P1', 'P2', 'P3', 'P4'),
      }),
      { maxLength: 12 },
    ),
  })
  .map(({ items, files, verdicts, issues }) => {
    const base = record();
    const template = base.items[0];
    const itemIds = Array.from({ length: items }, (_, index) => `item-${index}`);
    const demoRecord: DemoRecord = {
      ...base,
      items: itemIds.map((id, position) => ({
        ...(template as DemoRecord['items'][0]),
        id,
        position,
      })),
      verdicts: Array.from({ length: verdicts }, (_, index) => ({
        ...(base.verdicts[0] as DemoRecord['verdicts'][0]),
        id: `verdict-${index}`,
        itemId: itemIds[index % items] ?? '',
        control: `x#c-${index}`,
      })),
      evidence: Array.from({ length: files }, (_, index) => ({
        ...(base.evidence[0] as DemoRecord['evidence'][0]),
        id: `shown-${index}`,
        evidenceId: `file-${index}`,
        itemId: itemIds[index % items] ?? '',
      })),
      issues: [],
    };
    const issuesOut: TrackedIssueLike[] = [];
    const rows: DemoRecord['issues'][number][] = [];
    const expected = new Set<string>();
    issues.forEach(({ belongs, tie, pick, priority }, index) => {
      const id = `issue-${index}`;
      const item = belongs ? itemIds[pick % items] : `foreign-item-${index}`;
      const verdict = belongs && verdicts > 0 ? `verdict-${pick % verdicts}` : `foreign-v-${index}`;
      const file = belongs && files > 0 ? `file-${pick % files}` : `foreign-file-${index}`;
      const counts =
        belongs &&
        !(tie === 'verdict' && verdicts === 0) &&
        !((tie === 'evidence' || tie === 'alert-evidence') && files === 0);
      if (tie === 'demo-row') {
        if (!belongs) return;
        rows.push({
          ...(base.issues[0] as DemoRecord['issues'][0]),
          id: `row-${index}`,
          itemId: item ?? '',
          priority: priority === 'P1' ? 'P1' : 'P2',
          trackerId: pick % 2 === 0 ? id : null,
        });
        expected.add(pick % 2 === 0 ? id : `row-${index}`);
        if (pick % 2 === 0) issuesOut.push(tracked(id, { kind: 'manual' }, {}, priority));
        return;
      }
      const source: IssueSource =
        tie === 'verdict'
          ? { kind: 'control-verdict', controlRef: 'x#a-1', verdictId: verdict }
          : tie === 'evidence'
            ? finding(file)
            : tie === 'item'
              ? { kind: 'demo-item', demoItemId: item ?? '', sprintId: null }
              : { kind: 'telemetry-alert', alertId: `alert-${index}` };
      const links =
        tie === 'alert-item'
          ? { demoItemIds: [item] }
          : tie === 'alert-evidence'
            ? { evidenceIds: [file] }
            : {};
      issuesOut.push(tracked(id, source, links, priority));
      if (counts) expected.add(id);
    });
    return { demoRecord: { ...demoRecord, issues: rows }, tracked: issuesOut, expected };
  });

const matrixLayout = defaultLayout('control-evidence-matrix');

function modelOf(demoRecord: DemoRecord, tracked: readonly TrackedIssueLike[]): ReportModel {
  const parts = demoRecordParts([
    { record: demoRecord, happened: whatHappened(demoRecord, tracked) },
  ]);
  return parseReportModel({
    schemaVersion: 1,
    kind: 'control-evidence-matrix',
    id: 'period',
    title: 'Period',
    generatedAt: NOW,
    workspace: { name: 'W' },
    period: { start: '2026-11-01', end: '2026-11-30' },
    demos: [{ id: demoRecord.demo.id, label: demoRecord.demo.title, date: demoRecord.demo.date }],
    ...parts,
  });
}

describe('the review, the record, the matrix and OSCAL agree on what happened', () => {
  it('for every generated demo', () => {
    const issueSection = matrixLayout.sections.find((section) => section.type === 'issues');
    const columns = issueSection?.columns ?? [];
    const demoColumn = columns.findIndex((column) => column.key === 'demo');
    expect(demoColumn).toBeGreaterThanOrEqual(0);
    const validOscal = assessmentResultsValidator();
    fc.assert(
      fc.property(scenario, ({ demoRecord, tracked: issues, expected }) => {
        const sorted = [...expected].sort();
        // The review page.
        const happened = whatHappened(demoRecord, issues);
        const review = happened.issues.map((issue) => issue.id).sort();
        const counts = summariseDemo(demoRecord, happened, '2026-11-26').issueCount;
        expect(review).toEqual(sorted);
        expect(counts).toEqual(countByPriority(happened.issues));

        const model = modelOf(demoRecord, issues);
        // The record: each agenda item's issues, as drawAgenda lists them.
        const inRecord = [...new Set(model.agenda.flatMap((item) => item.issues))].sort();
        expect(inRecord).toEqual(sorted);
        expect((issuesByDemo(model).get(demoRecord.demo.id) ?? []).sort()).toEqual(sorted);
        // The matrix's issue table, with the demo each issue belongs to.
        const matrixRows = [...tableRows('issues', columns, model.issues, model, {})];
        const inMatrix = model.issues
          .filter((_, index) => matrixRows[index]?.cells[demoColumn] === demoRecord.demo.title)
          .map((issue) => issue.id)
          .sort();
        expect(inMatrix).toEqual(sorted);
        // OSCAL: the demo's result carries one risk per issue.
        const exported = assessmentResults(model);
        expect(validOscal(exported), JSON.stringify(validOscal.errors?.slice(0, 3))).toBe(true);
        const oscal = exported as {
          'assessment-results': {
            results: { title: string; risks?: { props: { name: string; value: string }[] }[] }[];
          };
        };
        const result = oscal['assessment-results'].results.find(
          (entry) => entry.title === `${demoRecord.demo.title} demo`,
        );
        const risks = (result?.risks ?? [])
          .map((risk) => risk.props.find((prop) => prop.name === 'issue-id')?.value ?? '')
          .sort();
        expect(risks).toEqual(sorted);
      }),
      { numRuns: 200 },
    );
  });
});
