import { describe, expect, it } from 'vitest';
import type { DemoRecord } from '../../../core/demo/digest';
import type { TrackedIssueLike } from '../../../core/demo/happened';
import { whatHappened } from '../../../core/demo/happened';
import { concernText, coversConcerns, signOffConcerns } from '../../../core/demo/sign-off-guard';
import type { ControlVerdict } from '../../../core/model';
import { ids, NOW, record } from '../../support/demo-record';

const TODAY = '2026-11-27';

function verdict(
  id: string,
  itemId: string,
  control: string,
  kind: ControlVerdict['verdict'],
  expires: string | null = null,
): ControlVerdict {
  return {
    id,
    demoId: ids.demo,
    workspaceId: ids.workspace,
    sprintId: ids.sprint,
    amendment: null,
    itemId,
    control,
    verdict: kind,
    reason: kind === 'exception' ? 'accepted risk' : '',
    expires,
    decidedAt: NOW,
    decidedBy: 'Sam',
  };
}

function withVerdicts(verdicts: ControlVerdict[], issues = record().issues): DemoRecord {
  return { ...record(), verdicts, issues };
}

function concerns(demo: DemoRecord, tracked: TrackedIssueLike[] = [], today = TODAY) {
  return signOffConcerns(demo, whatHappened(demo, tracked), today);
}

describe('sign-off concerns', () => {
  it('list nothing when every failed verdict is answered and no exception lapses soon', () => {
    // v2 is an exception that expired on 1 November: failed, but the demo raised r1 from it.
    expect(concerns(record())).toEqual([]);
  });

  it('list a failed verdict with no issue and no exception, and an expired exception', () => {
    const demo = withVerdicts(
      [
        verdict('v1', ids.item1, 'x#a-1', 'not-satisfied'),
        verdict('v2', ids.item1, 'x#a-2', 'exception', '2026-11-01'),
      ],
      [],
    );
    const listed = concerns(demo);
    expect(listed).toEqual([
      {
        kind: 'failed-verdict',
        verdict: 'v1',
        control: 'x#a-1',
        item: 'PAY-1 Item 1',
        expires: null,
      },
      {
        kind: 'failed-verdict',
        verdict: 'v2',
        control: 'x#a-2',
        item: 'PAY-1 Item 1',
        expires: '2026-11-01',
      },
    ]);
    expect(listed.map((concern) => concernText(concern, TODAY))).toEqual([
      'x#a-1 on PAY-1 Item 1: not satisfied, with no issue raised and no exception',
      'x#a-2 on PAY-1 Item 1: exception expired 2026-11-01, with no issue raised and no exception',
    ]);
  });

  it('count an issue raised from the verdict, in the demo or in the tracker, as an answer', () => {
    const demo = withVerdicts([verdict('v1', ids.item1, 'x#a-1', 'not-satisfied')], []);
    const fromTracker: TrackedIssueLike = {
      id: 'SEC-1',
      title: 'Fix access review',
      priority: 'P1',
      raisedAt: NOW,
      source: { kind: 'control-verdict', controlRef: 'x#a-1', verdictId: 'v1' },
      links: { demoItemIds: [], evidenceIds: [] },
    };
    expect(concerns(demo, [fromTracker])).toEqual([]);
    // An issue about another verdict answers nothing.
    expect(
      concerns(demo, [
        {
          ...fromTracker,
          source: { kind: 'control-verdict', controlRef: 'x#a-1', verdictId: 'v-elsewhere' },
        },
      ]),
    ).toHaveLength(1);
    // The demo's own issue on the same item and control answers it; on another item it does not.
    const raised = { ...record().issues[0]!, control: 'x#a-1' };
    expect(concerns({ ...demo, issues: [raised] })).toEqual([]);
    expect(concerns({ ...demo, issues: [{ ...raised, itemId: ids.item2 }] })).toHaveLength(1);
  });

  it('count a standing exception for the control in this demo as an answer, and warn of its expiry', () => {
    const demo = withVerdicts(
      [
        verdict('v1', ids.item2, 'x#a-1', 'not-satisfied'),
        verdict('v3', ids.item1, 'x#a-1', 'exception', '2026-12-27'),
      ],
      [],
    );
    expect(concerns(demo).map((concern) => [concern.kind, concern.verdict])).toEqual([
      ['expiring-exception', 'v3'],
    ]);
    expect(concernText(concerns(demo)[0]!, TODAY)).toBe(
      'x#a-1 on PAY-1 Item 1: exception expires 2026-12-27 (30 days left)',
    );
    // Once it lapses, the exception answers nothing: both verdicts are failures.
    expect(concerns(demo, [], '2026-12-28').map((concern) => concern.verdict)).toEqual([
      'v3',
      'v1',
    ]);
  });

  it('warn of exceptions lapsing within 30 days, including on their last day', () => {
    const at = (expires: string) =>
      concerns(withVerdicts([verdict('v3', ids.item1, 'x#a-1', 'exception', expires)], []));
    expect(at('2026-12-28')).toEqual([]);
    expect(at('2026-12-27')).toHaveLength(1);
    expect(concernText(at(TODAY)[0]!, TODAY)).toContain('(today is its last day)');
    expect(concernText(at(TODAY)[0]!, null)).toBe(
      'x#a-1 on PAY-1 Item 1: exception expires 2026-11-27',
    );
  });

  it('are covered only by an acknowledgement naming each of them', () => {
    const demo = withVerdicts(
      [
        verdict('v1', ids.item1, 'x#a-1', 'not-satisfied'),
        verdict('v3', ids.item1, 'x#a-2', 'exception', '2026-12-01'),
      ],
      [],
    );
    const listed = concerns(demo);
    expect(listed).toHaveLength(2);
    expect(coversConcerns(listed, listed)).toBe(true);
    expect(coversConcerns([], [])).toBe(true);
    expect(coversConcerns(listed.slice(0, 1), listed)).toBe(false);
    expect(coversConcerns([], listed)).toBe(false);
  });
});
