import { describe, expect, it } from 'vitest';
import type { SourceActivity } from '../../../../core/telemetry/activity';
import {
  ActivityTracker,
  MAX_RUNS,
  mergeActivity,
  sourceKey,
} from '../../../../core/telemetry/activity';
import { DEFAULT_RULES, silenceRuleOf } from '../../../../core/telemetry/alerts';
import { AuthLogScenario } from '../../../../core/telemetry/generate';
import { importText } from '../../../../core/telemetry/importer';
import { issueDraftFromAlert } from '../../../../core/telemetry/issue-draft';
import type { SilenceRule } from '../../../../core/telemetry/model';
import {
  MIN_GAPS_TO_LEARN,
  assessSources,
  learnCadence,
  silenceFindings,
} from '../../../../core/telemetry/silence';
import { tallyChanges, workspaceSilences } from '../../../../core/telemetry/sources';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 24, 6, 0);
const RULE = silenceRuleOf(DEFAULT_RULES) as SilenceRule;

/** Activity of one source with a line every `every` minutes over the given minute ranges. */
function activity(host: string, ranges: [number, number][], every = 1): SourceActivity {
  const tracker = new ActivityTracker();
  for (const [from, to] of ranges)
    for (let minute = from; minute <= to; minute += every)
      tracker.add(host, 'auth-log', T0 + minute * MINUTE);
  const [one] = tracker.activity();
  if (one === undefined) throw new Error('no activity');
  return one;
}

describe('arrival of lines per source', () => {
  it('joins lines at most the resolution apart into runs, in or out of order', () => {
    const tracker = new ActivityTracker(MINUTE);
    for (const minute of [0, 1, 2, 30, 31, 15, 16, 3])
      tracker.add('web-1', 'auth-log', T0 + minute * MINUTE);
    tracker.add('web-2', 'auth-log', T0);
    const [web1, web2] = tracker.activity();
    expect(web1).toMatchObject({ host: 'web-1', lines: 8, first: T0, last: T0 + 31 * MINUTE });
    expect(web1?.runs.map((at) => (at - T0) / MINUTE)).toEqual([0, 3, 15, 16, 30, 31]);
    expect(web2).toMatchObject({ host: 'web-2', lines: 1, runs: [T0, T0] });
    // A late line that bridges two runs joins them.
    tracker.add('web-1', 'auth-log', T0 + 14 * MINUTE);
    tracker.add('web-1', 'auth-log', T0 + 4 * MINUTE);
    for (let minute = 5; minute < 14; minute += 1)
      tracker.add('web-1', 'auth-log', T0 + minute * MINUTE);
    expect(tracker.activity()[0]?.runs.map((at) => (at - T0) / MINUTE)).toEqual([0, 16, 30, 31]);
  });

  it('keeps the longest gaps when a source has too many runs, coarsening the rest', () => {
    const tracker = new ActivityTracker(MINUTE);
    // A line every two minutes: every gap is a run boundary, until the runs are too many.
    for (let index = 0; index < MAX_RUNS * 2; index += 1)
      tracker.add(
        'busy',
        'access-log',
        T0 + index * 2 * MINUTE + (index >= MAX_RUNS ? 600 * MINUTE : 0),
      );
    const [busy] = tracker.activity();
    expect(busy?.runs.length).toBeLessThanOrEqual(MAX_RUNS * 2);
    expect(busy?.resolutionMs).toBeGreaterThanOrEqual(2 * MINUTE);
    // The ten-hour outage in the middle is still a gap between two runs.
    expect(busy?.runs).toHaveLength(4);
    const gap = (busy?.runs[2] ?? 0) - (busy?.runs[1] ?? 0);
    expect(gap).toBe(602 * MINUTE);
  });

  it('merges the same source across imports: a gap one file has is filled by the other', () => {
    const first = activity('web-1', [[0, 60]]);
    const second = activity('web-1', [[61, 120]]);
    const [merged] = mergeActivity([first, second]);
    expect(merged).toMatchObject({ lines: 121, first: T0, last: T0 + 120 * MINUTE });
    expect(merged?.runs).toEqual([T0, T0 + 120 * MINUTE]);
    expect(sourceKey({ host: 'web-1', kind: 'auth-log' })).toBe('auth-log|web-1');
  });
});

describe('cadence and silences', () => {
  it('learns the cadence as the 95th-percentile gap, and not from too little history', () => {
    expect(learnCadence(activity('web-1', [[0, 300]], 5))).toBe(5 * MINUTE);
    // One long gap among many short ones does not set the cadence.
    expect(
      learnCadence(
        activity(
          'web-1',
          [
            [0, 200],
            [400, 600],
          ],
          5,
        ),
      ),
    ).toBe(5 * MINUTE);
    // A burst of 5,000 lines in one minute counts as one minute alive, not 5,000 gaps.
    const tracker = new ActivityTracker();
    for (let minute = 0; minute <= 600; minute += 10)
      tracker.add('cron', 'auth-log', T0 + minute * MINUTE);
    for (let line = 0; line < 5000; line += 1)
      tracker.add('cron', 'auth-log', T0 + 305 * MINUTE + line);
    expect(learnCadence(tracker.activity()[0] as SourceActivity)).toBe(10 * MINUTE);
    const few = activity('web-1', [[0, 5 * (MIN_GAPS_TO_LEARN - 1)]], 5);
    expect(few.lines - 1).toBe(MIN_GAPS_TO_LEARN - 1);
    expect(learnCadence(few)).toBeNull();
  });

  it('finds a gap longer than tolerance × cadence, and a source that ends before the others', () => {
    const web1 = activity('web-1', [[0, 360]], 5);
    const web2 = activity(
      'web-2',
      [
        [0, 100],
        [160, 180],
      ],
      5,
    );
    const { sources, periodEnd } = assessSources([web1, web2], RULE);
    expect(periodEnd).toBe(T0 + 360 * MINUTE);
    const two = sources.find((one) => one.source.host === 'web-2');
    expect(two?.cadence).toEqual({ ms: 5 * MINUTE, origin: 'learned' });
    expect(two?.allowedMs).toBe(15 * MINUTE);
    expect(two?.silences).toEqual([
      { from: T0 + 100 * MINUTE, to: T0 + 160 * MINUTE, ending: false },
      { from: T0 + 180 * MINUTE, to: T0 + 360 * MINUTE, ending: true },
    ]);
    expect(sources.find((one) => one.source.host === 'web-1')?.silences).toEqual([]);
    const findings = silenceFindings({ sources, periodEnd }, RULE);
    expect(findings).toHaveLength(2);
    expect(findings[1]).toMatchObject({
      ruleId: 'silent-source',
      metric: 'Lines from web-2 authentication log',
      metrics: ['activity:auth-log|web-2'],
      peak: 180,
      threshold: 15,
      suggestedPriority: 'P2',
      source: { host: 'web-2', kind: 'auth-log' },
      values: { 'minutes silent': 180, 'minutes allowed': 15 },
    });
  });

  it('judges by a cadence the user set, and not at all without one or enough history', () => {
    const web1 = activity('web-1', [[0, 360]], 5);
    const web2 = activity(
      'web-2',
      [
        [0, 100],
        [160, 360],
      ],
      5,
    );
    const hourly: SilenceRule = { ...RULE, cadences: { 'auth-log|web-2': 60 } };
    const set = assessSources([web1, web2], hourly).sources[1];
    expect(set?.cadence).toEqual({ ms: 60 * MINUTE, origin: 'set' });
    expect(set?.silences).toEqual([]);
    const sparse = activity('cron-box', [[0, 30]], 10);
    const judged = assessSources([web1, sparse], RULE).sources.find(
      (one) => one.source.host === 'cron-box',
    );
    expect(judged).toMatchObject({ cadence: null, allowedMs: null, silences: [] });
    expect(silenceFindings(assessSources([web1, web2], { ...RULE, enabled: false }), RULE)).toEqual(
      silenceFindings(assessSources([web1, web2], RULE), RULE),
    );
    expect(silenceFindings(assessSources([web1, web2], RULE), { ...RULE, enabled: false })).toEqual(
      [],
    );
  });

  it('attributes a silence to the file holding the last line before it', () => {
    const findings = workspaceSilences(
      [
        { importId: 'a', fileName: 'auth.log.1', activity: [activity('web-2', [[0, 100]], 5)] },
        { importId: 'b', fileName: 'auth.log', activity: [activity('web-2', [[160, 360]], 5)] },
        { importId: 'c', fileName: 'web-1.log', activity: [activity('web-1', [[0, 360]], 5)] },
      ],
      RULE,
    );
    expect(findings.map((finding) => [finding.importId, finding.fileName, finding.from])).toEqual([
      ['a', 'auth.log.1', T0 + 100 * MINUTE],
    ]);
  });
});

describe('a generated auth.log in which one host goes quiet', () => {
  const auth = new AuthLogScenario({
    seed: 5,
    hosts: ['web-1', 'web-2'],
    quiet: { host: 'web-2', after: 0.5 },
  });
  const text = [...auth.generate()].join('\n');
  const result = importText(text, { kind: 'auth-log', format: 'text', year: 2026 });

  it('keeps the first host’s story and counts both hosts’ logins', () => {
    const alone = new AuthLogScenario({ seed: 5 });
    const lines = [...alone.generate()];
    expect(text.split('\n').filter((line) => line.includes(' web-1 '))).toEqual(lines);
    expect(result.totals.successfulLogins).toBe(auth.truth.successfulLogins);
    expect(result.totals.failedLogins).toBe(auth.truth.failedLogins);
  });

  it('raises one silent-source alert from the quiet host’s last line to the end of the others', () => {
    const silence = auth.truth.silence;
    expect(silence?.host).toBe('web-2');
    const findings = silenceFindings(assessSources(result.activity, RULE), RULE);
    expect(findings.map((finding) => [finding.source?.host, finding.from, finding.to])).toEqual([
      ['web-2', silence?.from, silence?.to],
    ]);
    const draft = issueDraftFromAlert(findings[0] as (typeof findings)[number], {
      alertId: 'alert-1',
      importId: 'import-1',
      fileName: 'auth.log',
    });
    expect(draft.title).toMatch(/^Silent source: no lines from web-2 authentication log for 3 h/);
    expect(draft.priority).toBe('P2');
    expect(draft.controls).toContain('nist-sp-800-53-rev5#au-5');
    expect(draft.description).toMatch(/last line before it came from auth\.log/);
  });
});

describe('change events per host and kind', () => {
  it('counts events and the changes they stand for', () => {
    expect(
      tallyChanges([
        {
          at: T0,
          category: 'configuration',
          summary: 'run',
          actor: 'Puppet',
          target: '',
          host: 'web-1',
          tool: 'puppet',
          count: 3,
        },
        {
          at: T0 + MINUTE,
          category: 'configuration',
          summary: 'run',
          actor: 'Puppet',
          target: '',
          host: 'web-1',
          tool: 'puppet',
          count: 0,
        },
        {
          at: T0,
          category: 'package',
          summary: 'install',
          actor: 'dpkg',
          target: 'x',
          tool: 'dpkg',
        },
      ]),
    ).toEqual([
      { host: 'web-1', tool: 'puppet', events: 2, changes: 3, first: T0, last: T0 + MINUTE },
      { host: '', tool: 'dpkg', events: 1, changes: 1, first: T0, last: T0 },
    ]);
  });
});
