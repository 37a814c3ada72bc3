import type { DemoRecord } from '../../core/demo/digest';

/** A small demo record (two items, notes, verdicts ...) for tests of digests and sign-offs. */

export const NOW = '2026-11-26T10:00:00.000Z';
export const ids = {
  workspace: '00000000-0000-4000-8000-000000000001',
  sprint: '00000000-0000-4000-8000-000000000002',
  demo: '00000000-0000-4000-8000-000000000003',
  item1: '00000000-0000-4000-8000-000000000004',
  item2: '00000000-0000-4000-8000-000000000005',
};
const base = {
  demoId: ids.demo,
  workspaceId: ids.workspace,
  sprintId: ids.sprint,
  amendment: null,
};

export function record(): DemoRecord {
  const item = (id: string, position: number, controls: string[]) => ({
    id,
    ...base,
    key: `PAY-${position}`,
    title: `Item ${position}`,
    description: '',
    owner: '',
    links: [],
    controls,
    position,
    createdAt: NOW,
    updatedAt: NOW,
  });
  return {
    demo: {
      id: ids.demo,
      workspaceId: ids.workspace,
      sprintId: ids.sprint,
      title: 'Sprint 1 demo',
      date: '2026-11-26',
      facilitator: '',
      attendees: [
        {
          id: '00000000-0000-4000-8000-0000000000a1',
          name: 'Dana',
          role: 'auditor',
          present: true,
        },
        {
          id: '00000000-0000-4000-8000-0000000000a2',
          name: 'Sam',
          role: 'infosec',
          present: false,
        },
      ],
      startedAt: NOW,
      signOff: null,
      amendments: [],
      createdAt: NOW,
      updatedAt: NOW,
    },
    items: [item(ids.item1, 1, ['x#a-1', 'x#a-2']), item(ids.item2, 2, ['x#a-1'])],
    notes: [
      {
        id: 'n1',
        ...base,
        itemId: ids.item1,
        kind: 'question',
        text: 'Who approves?',
        at: NOW,
        author: 'Sam',
        answer: null,
        answeredAt: null,
      },
      {
        id: 'n2',
        ...base,
        itemId: ids.item1,
        kind: 'observation',
        text: 'Seen',
        at: NOW,
        author: 'Sam',
        answer: null,
        answeredAt: null,
      },
    ],
    verdicts: [
      {
        id: 'v1',
        ...base,
        itemId: ids.item1,
        control: 'x#a-1',
        verdict: 'satisfied',
        reason: '',
        expires: null,
        decidedAt: NOW,
        decidedBy: 'Sam',
      },
      {
        id: 'v2',
        ...base,
        itemId: ids.item1,
        control: 'x#a-2',
        verdict: 'exception',
        reason: 'legacy',
        expires: '2026-11-01',
        decidedAt: NOW,
        decidedBy: 'Sam',
      },
    ],
    evidence: [
      {
        id: 'e1',
        ...base,
        itemId: ids.item1,
        evidenceId: 'e1',
        name: 'zap.json',
        size: 10,
        sha256: 'a'.repeat(64),
        mediaType: 'application/json',
        stored: false,
        attachedAt: NOW,
        attachedBy: 'Sam',
      },
    ],
    issues: [
      {
        id: 'r1',
        ...base,
        itemId: ids.item1,
        title: 'Fix it',
        priority: 'P1',
        control: 'x#a-2',
        description: '',
        raisedAt: NOW,
        raisedBy: 'Sam',
        trackerId: null,
      },
    ],
  };
}
