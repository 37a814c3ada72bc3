import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoRecordDigest } from '../../../core/demo/digest';
import { summariseDemo } from '../../../core/demo/summary';
import { loadAgendaTemplates } from '../../../core/demo/templates';
import { ControlRef } from '../../../core/model';
import { NOW, record } from '../../support/demo-record';

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

describe('record digest versions', () => {
  it('version 1 gives what it always gave, so legacy sign-offs keep verifying', () => {
    // Computed by the digest of the version before digests had versions.
    expect(demoRecordDigest(record(), 1)).toBe(
      'd6faf0bd4b45b647b177027bd0583ca4f0658471761faa5906e50bf8bea26931',
    );
  });

  it('version 2 is its own, and pins the amendments’ reasons as version 1 did not', () => {
    const original = record();
    expect(demoRecordDigest(original)).toBe(demoRecordDigest(original, 2));
    expect(demoRecordDigest(original, 2)).not.toBe(demoRecordDigest(original, 1));
    const amended = (reason: string) => ({
      ...original,
      demo: {
        ...original.demo,
        amendments: [{ number: 1, reason, openedBy: 'Dana', openedAt: NOW, signOff: null }],
      },
    });
    expect(demoRecordDigest(amended('Late scan'), 1)).toBe(demoRecordDigest(amended('Other'), 1));
    expect(demoRecordDigest(amended('Late scan'), 2)).not.toBe(
      demoRecordDigest(amended('Other'), 2),
    );
    // The amendment's own sign-off is not part of what it signs.
    const sealed = amended('Late scan');
    const withSeal = {
      ...sealed,
      demo: {
        ...sealed.demo,
        amendments: sealed.demo.amendments.map((amendment) => ({
          ...amendment,
          signOff: {
            kind: 'signed' as const,
            by: 'Dana',
            at: NOW,
            digestVersion: 2 as const,
            digest: 'a'.repeat(64),
          },
        })),
      },
    };
    expect(demoRecordDigest(withSeal, 2)).toBe(demoRecordDigest(sealed, 2));
  });
});
