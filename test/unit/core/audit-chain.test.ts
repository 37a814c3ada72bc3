import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../core/audit/canonical';
import type { AuditEntry, ChangeDraft } from '../../../core/audit/chain';
import {
  EMPTY_HEAD,
  compareStates,
  expectedStates,
  nextEntry,
  stateHashOf,
  verifyChain,
} from '../../../core/audit/chain';

const base: Omit<ChangeDraft, 'op' | 'key' | 'before' | 'after'> = {
  at: '2026-11-26T10:00:00.000Z',
  actor: 'auditor',
  action: 'edit',
  entity: 'sprints',
  detail: 'full',
};

function chainOf(
  changes: Array<Pick<ChangeDraft, 'op' | 'key' | 'before' | 'after'>>,
): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let head = EMPTY_HEAD;
  for (const change of changes) {
    const entry = nextEntry(head, { ...base, ...change });
    entries.push(entry);
    head = { seq: entry.seq, hash: entry.hash };
  }
  return entries;
}

const sprintV1 = { id: 's1', name: 'Sprint 1', goal: '' };
const sprintV2 = { id: 's1', name: 'Sprint 1', goal: 'Tokenise cards' };

describe('canonical JSON', () => {
  it('sorts keys at every level and drops undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x', null], c: true }, z: undefined })).toBe(
      '{"a":{"c":true,"d":[1,"x",null]},"b":1}',
    );
  });

  it('gives equal text for equal data built in a different order', () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it('replaces bytes by their SHA-256 and dates by ISO strings', () => {
    expect(
      canonicalJson({
        data: new TextEncoder().encode('abc'),
        when: new Date('2026-01-02T03:04:05Z'),
      }),
    ).toBe(
      '{"data":{"$bytes":"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad","size":3},"when":"2026-01-02T03:04:05.000Z"}',
    );
  });

  it('refuses values JSON cannot represent faithfully', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/NaN/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function/);
    expect(() => canonicalJson(new Map())).toThrow(/plain objects/);
  });
});

describe('hash chain', () => {
  const entries = chainOf([
    { op: 'create', key: 's1', before: undefined, after: sprintV1 },
    { op: 'update', key: 's1', before: sprintV1, after: sprintV2 },
    { op: 'delete', key: 's1', before: sprintV2, after: undefined },
  ]);

  it('links each entry to the previous one and records compact diffs', () => {
    expect(entries.map((entry) => entry.seq)).toEqual([1, 2, 3]);
    expect(entries[1]?.prev).toBe(entries[0]?.hash);
    expect(entries[1]?.diff).toEqual({ changes: { goal: ['', 'Tokenise cards'] } });
    expect(entries[2]?.diff).toEqual({ before: sprintV2 });
    expect(entries[2]?.stateHash).toBeNull();
  });

  it('verifies an intact chain and reports its head', () => {
    const verdict = verifyChain(entries);
    expect(verdict).toMatchObject({
      ok: true,
      checked: 3,
      head: { seq: 3, hash: entries[2]?.hash },
    });
  });

  it('finds an edited entry', () => {
    const edited = entries.map((entry) => ({ ...entry }));
    edited[1] = { ...edited[1]!, actor: 'someone else' };
    expect(verifyChain(edited)).toMatchObject({
      ok: false,
      checked: 1,
      firstBreak: { seq: 2, reason: 'hash-mismatch' },
    });
  });

  it('finds a removed entry', () => {
    expect(verifyChain([entries[0], entries[2]])).toMatchObject({
      ok: false,
      firstBreak: { seq: 3, reason: 'sequence-gap', expected: 2 },
    });
  });

  it('finds an entry rehashed after editing but no longer linked', () => {
    const forged = nextEntry(
      { seq: 1, hash: 'f'.repeat(64) },
      {
        ...base,
        op: 'update',
        key: 's1',
        before: sprintV1,
        after: { ...sprintV1, goal: 'forged' },
      },
    );
    expect(verifyChain([entries[0], forged, entries[2]])).toMatchObject({
      ok: false,
      firstBreak: { seq: 2, reason: 'previous-hash-mismatch' },
    });
  });

  it('reports malformed entries instead of throwing', () => {
    expect(verifyChain([{ seq: 1, hash: 'nope' }])).toMatchObject({
      ok: false,
      firstBreak: { seq: 1, reason: 'malformed' },
    });
  });

  it('records only the state hash for tables kept at key detail', () => {
    const entry = nextEntry(EMPTY_HEAD, {
      ...base,
      detail: 'keys',
      op: 'create',
      key: 'k',
      before: undefined,
      after: { big: 'x'.repeat(1000) },
    });
    expect(entry.diff).toEqual({});
    expect(entry.stateHash).toBe(stateHashOf({ big: 'x'.repeat(1000) }));
  });
});

describe('stored records against the log', () => {
  const entries = chainOf([
    { op: 'create', key: 's1', before: undefined, after: sprintV1 },
    { op: 'create', key: 's2', before: undefined, after: { id: 's2' } },
    { op: 'update', key: 's1', before: sprintV1, after: sprintV2 },
  ]);
  const expected = expectedStates(entries);

  it('accepts records exactly as the log left them', () => {
    expect(
      compareStates(expected, [
        { entity: 'sprints', key: 's1', value: sprintV2 },
        { entity: 'sprints', key: 's2', value: { id: 's2' } },
      ]),
    ).toEqual([]);
  });

  it('finds records changed, added or deleted outside the log', () => {
    const mismatches = compareStates(expected, [
      { entity: 'sprints', key: 's1', value: { ...sprintV2, goal: 'edited in devtools' } },
      { entity: 'sprints', key: 's3', value: { id: 's3' } },
    ]);
    expect(mismatches).toEqual([
      { entity: 'sprints', key: 's1', problem: 'changed-outside-the-log' },
      { entity: 'sprints', key: 's3', problem: 'added-outside-the-log' },
      { entity: 'sprints', key: 's2', problem: 'deleted-outside-the-log' },
    ]);
  });
});
