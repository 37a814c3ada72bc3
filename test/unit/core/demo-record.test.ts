import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DemoRecord } from '../../../core/demo/digest';
import { demoRecordDigest } from '../../../core/demo/digest';
import { summariseDemo } from '../../../core/demo/summary';
import { loadAgendaTemplates } from '../../../core/demo/templates';
import { ControlRef } from '../../../core/model';

const TEMPLATE_DIR = path.resolve(import.meta.dirname, '../../../templates/agendas');

describe('agenda templates', () => {
  const files = Object.fromEntries(
    readdirSync(TEMPLATE_DIR)
      .filter((file) => file.endsWith('.json'))
      .map((file) => [file, JSON.parse(readFileSync(path.join(TEMPLATE_DIR, file), 'utf8'))]),
  ) as Record<string, unknown>;

  it('ship valid, with unique ids and every control as a valid reference', () => {
    const templates = loadAgendaTemplates(files);
    expect(templates.length).toBeGreaterThanOrEqual(3);
    for (const template of templates) {
      expect(template.items.length).toBeGreaterThan(0);
      for (const item of template.items) {
        for (const control of item.controls)
          expect(ControlRef.safeParse(control).success).toBe(true);
      }
    }
  });

  it('name the file of a broken template, and refuse duplicate ids', () => {
    expect(() => loadAgendaTemplates({ 'bad.json': { id: 'x', name: 'X', items: [] } })).toThrow(
      /bad\.json: items/,
    );
    const one = files['standard-sprint-demo.json'];
    expect(() => loadAgendaTemplates({ 'a.json': one, 'b.json': one })).toThrow(/share the id/);
  });
});

const NOW = '2026-11-26T10:00:00.000Z';
const ids = {
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

function record(): DemoRecord {
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

describe('summariseDemo', () => {
  it('gives verdicts per control, unjudged items, items without evidence and open questions', () => {
    const summary = summariseDemo(record(), '2026-11-26');
    expect(summary.controls.map((row) => [row.control, row.judgement?.outcome ?? null])).toEqual([
      ['x#a-1', 'satisfied'],
      ['x#a-2', 'not-satisfied'],
    ]);
    expect(summary.controls[1]?.judgement?.expired).toBe(true);
    expect(summary.controls[0]?.unjudgedOn.map((item) => item.key)).toEqual(['PAY-2']);
    expect(summary.itemsWithoutEvidence.map((item) => item.key)).toEqual(['PAY-2']);
    expect(summary.openQuestions.map(({ question }) => question.text)).toEqual(['Who approves?']);
    expect(summary.observationCount).toBe(1);
    expect(summary.issueCount).toEqual({ P1: 1, P2: 0 });
    expect(summary.attendance).toEqual({ present: 1, total: 2 });
  });
});

describe('demoRecordDigest', () => {
  it('is stable under row order and sign-off fields, and changes with any content', () => {
    const original = record();
    const digest = demoRecordDigest(original);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    const reordered = { ...original, items: [...original.items].reverse() };
    expect(demoRecordDigest(reordered)).toBe(digest);
    const signed = {
      ...original,
      demo: {
        ...original.demo,
        updatedAt: '2027-01-01T00:00:00.000Z',
        signOff: { by: 'Dana', role: 'auditor' as const, at: NOW, digest },
      },
    };
    expect(demoRecordDigest(signed)).toBe(digest);
    const edited = {
      ...original,
      notes: original.notes.map((note) => ({ ...note, text: `${note.text}!` })),
    };
    expect(demoRecordDigest(edited)).not.toBe(digest);
  });
});
