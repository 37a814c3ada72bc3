import { describe, expect, test } from 'vitest';
import { sourceFromBytes } from '../../../../core/evidence/bytes';
import type { Check, EvidenceSummary } from '../../../../core/evidence/model';
import { parseInspec } from '../../../../core/evidence/parsers/inspec';
import { heimdallChecks } from '../../../tools/heimdall';

/**
 * Heimdall's status, severity and overlay rules, case by case. Each file is built here in the
 * exec JSON schema that inspecjs accepts, read by our parser, and judged by inspecjs itself
 * (test/tools/heimdall.ts) wherever Heimdall can open the file.
 */

type Json = Record<string, unknown>;

const result = (status: string | null, extra: Json = {}): Json => ({
  status,
  code_desc: `expects ${status}`,
  start_time: '2026-11-27T11:00:00+00:00',
  ...extra,
});

const control = (id: string, impact: number, results: Json[], extra: Json = {}): Json => ({
  id,
  title: `Control ${id}`,
  impact,
  refs: [],
  tags: {},
  source_location: { ref: 'controls/x.rb', line: 1 },
  results,
  ...extra,
});

const profile = (name: string, controls: Json[], parent?: string): Json => ({
  name,
  sha256: '0'.repeat(64),
  supports: [],
  attributes: [],
  groups: [],
  controls,
  ...(parent === undefined ? {} : { parent_profile: parent }),
});

const execution = (...profiles: Json[]): string =>
  JSON.stringify({
    platform: { name: 'debian', release: '12' },
    profiles,
    statistics: { duration: 1.5 },
    version: '5.22.3',
  });

async function ours(json: string): Promise<EvidenceSummary> {
  const source = sourceFromBytes('results.json', new TextEncoder().encode(json), 97);
  return parseInspec(source.open(), 'inspec', '');
}

const brief = (checks: readonly Pick<Check, 'id' | 'status' | 'severity'>[]) =>
  checks.map(({ id, status, severity }) => ({ id, status, severity }));

/** Our checks, asserted equal to Heimdall's own (inspecjs) for the same file. */
async function judged(json: string) {
  const summary = await ours(json);
  expect(brief(summary.checks!.items)).toEqual(heimdallChecks(json));
  return summary;
}

describe('the status of one control (compute_status)', { timeout: 30_000 }, () => {
  const cases: [string, Json, Check['status']][] = [
    ['passed results', control('a', 0.5, [result('passed'), result('passed')]), 'pass'],
    ['one failure among passes', control('a', 0.5, [result('passed'), result('failed')]), 'fail'],
    ['skips beside a pass', control('a', 0.5, [result('skipped'), result('passed')]), 'pass'],
    ['only skips: not reviewed', control('a', 0.5, [result('skipped')]), 'notChecked'],
    ['an error result', control('a', 0.5, [result('failed'), result('error')]), 'error'],
    [
      'a backtrace makes a passed result an error',
      control('a', 0.5, [result('passed', { backtrace: ['x.rb:1'] })]),
      'error',
    ],
    [
      'an empty backtrace list is still a backtrace',
      control('a', 0.5, [result('passed', { backtrace: [] })]),
      'error',
    ],
    [
      'a null backtrace is none',
      control('a', 0.5, [result('passed', { backtrace: null })]),
      'pass',
    ],
    ['no results: a profile error', control('a', 0.5, []), 'error'],
    ['impact 0: not applicable', control('a', 0, [result('failed')]), 'notApplicable'],
    ['impact 0 without results: not applicable', control('a', 0, []), 'notApplicable'],
    ['impact 0 with an error: the error wins', control('a', 0, [result('error')]), 'error'],
    [
      'waived: not applicable',
      control('a', 0.7, [result('skipped')], { waiver_data: { skipped_due_to_waiver: true } }),
      'notApplicable',
    ],
    [
      'waived but run: its results count',
      control('a', 0.7, [result('failed')], { waiver_data: { skipped_due_to_waiver: false } }),
      'fail',
    ],
    ['results without a status', control('a', 0.5, [result(null)]), 'error'],
  ];
  test.each(cases)('%s', async (_name, input, expected) => {
    const summary = await judged(execution(profile('p', [input])));
    expect(summary.checks!.items[0]!.status).toBe(expected);
  });
});

describe('severity from impact and tags (compute_severity)', { timeout: 30_000 }, () => {
  const cases: [number, Json, Check['severity']][] = [
    [0, {}, 'info'],
    [0.05, {}, 'info'],
    [0.1, {}, 'low'],
    [0.39, {}, 'low'],
    [0.4, {}, 'medium'],
    [0.69, {}, 'medium'],
    [0.7, {}, 'high'],
    [0.89, {}, 'high'],
    [0.9, {}, 'critical'],
    [1, {}, 'critical'],
    [0.5, { severity: 'HIGH' }, 'high'],
    [0.5, { severity: 'high', severityoverride: 'Low' }, 'low'],
    [0.5, { severity: 'urgent' }, 'medium'],
    [0.3, { severity: 'none' }, 'info'],
  ];
  test.each(cases)('impact %s with tags %o', async (impact, tags, expected) => {
    const summary = await judged(
      execution(profile('p', [control('a', impact, [result('passed')], { tags })])),
    );
    expect(summary.checks!.items[0]!.severity).toBe(expected);
  });
});

describe('overlays and wrappers (contextualizeEvaluation)', { timeout: 30_000 }, () => {
  test('an overlay is counted once, with the status and severity of the control it overlays', async () => {
    const json = execution(
      profile('overlay', [control('V-1', 0.5, []), control('V-2', 0, []), control('V-3', 0.5, [])]),
      profile(
        'baseline',
        [
          control('V-1', 0.7, [result('failed')]),
          control('V-2', 0, [result('failed')]),
          control('V-3', 0.5, [result('passed')]),
          control('V-4', 0.5, [result('skipped')]),
        ],
        'overlay',
      ),
    );
    const summary = await judged(json);
    expect(summary.checks).toMatchObject({ total: 4, pass: 1, fail: 1, notApplicable: 1 });
    expect(summary.checks!.items.map((check) => check.id)).toEqual(['V-1', 'V-2', 'V-3', 'V-4']);
    expect(summary.checks!.items[0]).toMatchObject({ title: 'Control V-1', severity: 'high' });
    expect(summary.details['overlaidControls']).toBe(3);
  });

  test('three layers: the top control counts, with the bottom control status', async () => {
    const json = execution(
      profile('top', [control('a', 0.5, []), control('b', 0.5, [])]),
      profile('middle', [control('a', 0.5, []), control('b', 0.5, [])], 'top'),
      profile('base', [control('a', 0.5, [result('failed')]), control('b', 0.5, [])], 'middle'),
    );
    const summary = await judged(json);
    expect(summary.checks).toMatchObject({ total: 2, fail: 1, error: 1 });
  });

  test('a wrapper over two profiles finds each control in the profile that has it', async () => {
    const json = execution(
      profile('wrapper', [control('ssh-1', 1, []), control('tls-1', 1, []), control('own', 1, [])]),
      profile('ssh', [control('ssh-1', 1, [result('passed')])], 'wrapper'),
      profile('tls', [control('tls-1', 1, [result('skipped')])], 'wrapper'),
    );
    const summary = await judged(json);
    expect(summary.checks).toMatchObject({ total: 3, pass: 1, notChecked: 1, error: 1 });
  });

  test('without parent_profile, controls with the same id count through the one with results', async () => {
    const json = execution(
      profile('first', [control('a', 0.5, []), control('b', 0.5, [result('passed')])]),
      profile('second', [control('a', 0.5, [result('failed')]), control('b', 0.5, [])]),
      profile('third', [control('a', 0.5, [])]),
    );
    // Heimdall's fallback: each copy without results overlays the first copy with results, so
    // both copies of `a` without results are counted, each as that copy's failure.
    const summary = await judged(json);
    expect(summary.checks).toMatchObject({ total: 3, fail: 2, pass: 1 });
  });

  test('a parent_profile naming no profile in the file leaves the profile on its own', async () => {
    const json = execution(profile('overlay', [control('a', 0.5, [result('passed')])], 'absent'));
    const summary = await judged(json);
    expect(summary.checks).toMatchObject({ total: 1, pass: 1 });
  });

  test('a profile that names itself as its parent: Heimdall counts none of its controls', async () => {
    const json = execution(
      profile('self', [control('a', 0.5, [result('failed')])], 'self'),
      profile('other', [control('b', 0.5, [result('passed')])]),
    );
    const summary = await judged(json);
    expect(summary.checks).toMatchObject({ total: 1, pass: 1 });
    expect(summary.notes.join(' ')).toMatch(/1 controls are not counted/);
  });

  test('a loop of overlays that Heimdall cannot open is counted once and said', async () => {
    const json = execution(
      profile('leaf', [control('a', 0.5, [])]),
      profile('x', [control('a', 0.5, [result('failed')])], 'y'),
      profile('y', [control('a', 0.5, [])], 'x'),
    );
    expect(() => heimdallChecks(json)).toThrow(RangeError);
    const summary = await ours(json);
    expect(summary.checks).toMatchObject({ total: 1 });
    expect(summary.notes.join(' ')).toMatch(/loop: Heimdall cannot open this file/);
  });
});

describe('what a plain list of controls would hide is said', { timeout: 30_000 }, () => {
  test('waived controls are counted as not applicable and named in the details', async () => {
    const waived = { waiver_data: { skipped_due_to_waiver: true, justification: 'accepted' } };
    const summary = await judged(
      execution(profile('p', [control('a', 0.7, [result('skipped')], waived)])),
    );
    expect(summary.details['waivedControls']).toBe(1);
    expect(summary.notes.join(' ')).toMatch(/1 waived controls are counted as not applicable/);
  });

  test('an attestation Heimdall refuses is noted, and the control still counted', async () => {
    const attestation = { attestation_data: { status: 'maybe' } };
    const summary = await ours(
      execution(profile('p', [control('a', 0.5, [result('passed')], attestation)])),
    );
    expect(summary.checks).toMatchObject({ total: 1, pass: 1 });
    expect(summary.notes.join(' ')).toMatch(/attestation .* Heimdall refuses to open this file/);
  });
});
