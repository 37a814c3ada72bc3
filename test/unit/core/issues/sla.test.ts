import { describe, expect, it } from 'vitest';
import {
  computeDueAt,
  describeSla,
  dueAtForDate,
  readSla,
  riskExpiryInstant,
  segmentBreached,
} from '../../../../core/issues/sla';
import type { SlaSegment } from '../../../../core/model';
import { SlaPolicyFields, defaultSlaPolicy } from '../../../../core/model';
import type { SlaPolicy } from '../../../../core/model';
import { formatZoned, zonedParts } from '../../../../core/time/zoned';

const at = (iso: string): number => Date.parse(iso);
const iso = (instant: number): string => new Date(instant).toISOString();
const london = defaultSlaPolicy('Europe/London');
const policy = (overrides: Partial<SlaPolicy>): SlaPolicy => ({ ...london, ...overrides });

describe('P1: fix immediately', () => {
  it('is due 24 elapsed hours later, weekends included', () => {
    // Friday 2026-11-27 18:00 GMT → Saturday 18:00 GMT.
    expect(iso(computeDueAt('P1', at('2026-11-27T18:00:00Z'), london))).toBe(
      '2026-11-28T18:00:00.000Z',
    );
  });

  it('counts elapsed time across the spring-forward change, so the wall clock shows 13:00', () => {
    // Saturday 2026-03-28 12:00 GMT; clocks go forward at 01:00 GMT on Sunday.
    const due = computeDueAt('P1', at('2026-03-28T12:00:00Z'), london);
    expect(iso(due)).toBe('2026-03-29T12:00:00.000Z');
    expect(formatZoned(due, 'Europe/London')).toBe('2026-03-29 13:00 +01:00');
  });

  it('counts elapsed time across the fall-back change, so the wall clock shows 11:00', () => {
    const due = computeDueAt('P1', at('2026-10-24T11:00:00Z'), london); // 12:00 BST
    expect(formatZoned(due, 'Europe/London')).toBe('2026-10-25 11:00 +00:00');
  });

  it('uses the configured number of hours', () => {
    const due = computeDueAt('P1', at('2026-11-23T09:00:00Z'), policy({ p1Hours: 4 }));
    expect(iso(due)).toBe('2026-11-23T13:00:00.000Z');
  });
});

describe('P2: fix by the end of the week', () => {
  const cases: [string, string, string][] = [
    ['Monday morning', '2026-11-23T09:00:00Z', '2026-11-27T17:00:00.000Z'],
    [
      'Friday a minute before the end of the day',
      '2026-11-27T16:59:00Z',
      '2026-11-27T17:00:00.000Z',
    ],
    ['Friday at the end of the day', '2026-11-27T17:00:00Z', '2026-12-04T17:00:00.000Z'],
    ['Friday evening', '2026-11-27T21:30:00Z', '2026-12-04T17:00:00.000Z'],
    ['Saturday', '2026-11-28T10:00:00Z', '2026-12-04T17:00:00.000Z'],
    ['Sunday just before midnight', '2026-11-29T23:59:59Z', '2026-12-04T17:00:00.000Z'],
    ['Monday just after midnight', '2026-11-30T00:00:01Z', '2026-12-04T17:00:00.000Z'],
  ];
  for (const [when, raised, due] of cases) {
    it(`raised ${when} in London`, () => {
      expect(iso(computeDueAt('P2', at(raised), london))).toBe(due);
    });
  }

  it('raised at the weekend before the spring-forward change: Friday 17:00 BST', () => {
    const due = computeDueAt('P2', at('2026-03-28T12:00:00Z'), london);
    expect(iso(due)).toBe('2026-04-03T16:00:00.000Z');
    expect(formatZoned(due, 'Europe/London')).toBe('2026-04-03 17:00 +01:00');
  });

  it('raised in the week before the fall-back change and at the weekend of it', () => {
    expect(iso(computeDueAt('P2', at('2026-10-22T08:00:00Z'), london))).toBe(
      '2026-10-23T16:00:00.000Z',
    );
    // Saturday 24 October, BST; due Friday 30 October, GMT.
    expect(iso(computeDueAt('P2', at('2026-10-24T09:00:00Z'), london))).toBe(
      '2026-10-30T17:00:00.000Z',
    );
  });

  it('reads days in the policy zone: one instant, three zones, three due times', () => {
    const instant = at('2026-11-27T20:00:00Z'); // Fri 20:00 London, Fri 15:00 New York, Sat 05:00 Tokyo
    expect(iso(computeDueAt('P2', instant, london))).toBe('2026-12-04T17:00:00.000Z');
    expect(iso(computeDueAt('P2', instant, policy({ timeZone: 'America/New_York' })))).toBe(
      '2026-11-27T22:00:00.000Z',
    );
    expect(iso(computeDueAt('P2', instant, policy({ timeZone: 'Asia/Tokyo' })))).toBe(
      '2026-12-04T08:00:00.000Z',
    );
  });

  it('US zone across its own daylight-saving change (8 March 2026)', () => {
    const newYork = policy({ timeZone: 'America/New_York' });
    // Saturday 7 March 12:00 EST → Friday 13 March 17:00 EDT (UTC-4).
    expect(iso(computeDueAt('P2', at('2026-03-07T17:00:00Z'), newYork))).toBe(
      '2026-03-13T21:00:00.000Z',
    );
  });

  it('southern hemisphere: Sydney leaves daylight saving on 5 April 2026', () => {
    const sydney = policy({ timeZone: 'Australia/Sydney' });
    // Saturday 4 April 10:00 AEDT (UTC+11) → Friday 10 April 17:00 AEST (UTC+10).
    expect(iso(computeDueAt('P2', at('2026-04-03T23:00:00Z'), sydney))).toBe(
      '2026-04-10T07:00:00.000Z',
    );
  });

  it('half-hour offsets: Kolkata', () => {
    const kolkata = policy({ timeZone: 'Asia/Kolkata' });
    expect(iso(computeDueAt('P2', at('2026-11-23T03:30:00Z'), kolkata))).toBe(
      '2026-11-27T11:30:00.000Z',
    );
  });

  it('a Sunday-to-Thursday working week ends on Thursday', () => {
    const riyadh = policy({ timeZone: 'Asia/Riyadh', workingDays: [7, 1, 2, 3, 4] });
    expect(iso(computeDueAt('P2', at('2026-11-26T07:00:00Z'), riyadh))).toBe(
      '2026-11-26T14:00:00.000Z',
    );
    // Friday and Saturday are the weekend there: due the next Thursday.
    expect(iso(computeDueAt('P2', at('2026-11-27T07:00:00Z'), riyadh))).toBe(
      '2026-12-03T14:00:00.000Z',
    );
    expect(iso(computeDueAt('P2', at('2026-11-29T07:00:00Z'), riyadh))).toBe(
      '2026-12-03T14:00:00.000Z',
    );
  });

  it('a holiday on Friday ends the working week on Thursday', () => {
    const christmas = policy({ holidays: ['2026-12-25'] });
    expect(iso(computeDueAt('P2', at('2026-12-21T09:00:00Z'), christmas))).toBe(
      '2026-12-24T17:00:00.000Z',
    );
  });

  it('with every day a working day, the week ends on Sunday', () => {
    const always = policy({ workingDays: [1, 2, 3, 4, 5, 6, 7] });
    expect(iso(computeDueAt('P2', at('2026-11-25T09:00:00Z'), always))).toBe(
      '2026-11-29T17:00:00.000Z',
    );
  });

  it('for any instant of 2026 in several zones: later, on the last working day, at 17:00 local', () => {
    const zones = [
      'Europe/London',
      'America/New_York',
      'Australia/Sydney',
      'Asia/Kolkata',
      'Pacific/Chatham',
    ];
    for (const timeZone of zones) {
      const zonePolicy = policy({ timeZone });
      for (
        let instant = at('2026-01-01T00:00:00Z');
        instant < at('2027-01-01T00:00:00Z');
        instant += 36_000_777
      ) {
        const due = computeDueAt('P2', instant, zonePolicy);
        const local = zonedParts(due, timeZone);
        expect(due).toBeGreaterThan(instant);
        expect(due - instant).toBeLessThanOrEqual(8 * 86_400_000);
        expect([local.weekday, local.hour, local.minute]).toEqual([5, 17, 0]);
      }
    }
  }, 300_000); // thousands of Intl conversions: generous on a shared, busy machine
});

describe('P3 and P4: N calendar days', () => {
  it('ends the working day N days later', () => {
    expect(iso(computeDueAt('P3', at('2026-11-02T10:00:00Z'), london))).toBe(
      '2026-12-02T17:00:00.000Z',
    );
  });

  it('moves a due day that falls at the weekend to Monday, across the fall-back change', () => {
    // Thursday 1 October + 30 days = Saturday 31 October → Monday 2 November 17:00 GMT.
    expect(iso(computeDueAt('P3', at('2026-10-01T09:00:00Z'), london))).toBe(
      '2026-11-02T17:00:00.000Z',
    );
  });

  it('P4 uses its own number of days', () => {
    expect(iso(computeDueAt('P4', at('2026-11-02T10:00:00Z'), policy({ p4Days: 7 })))).toBe(
      '2026-11-09T17:00:00.000Z',
    );
  });
});

describe('agreed due dates and risk expiry', () => {
  it('an agreed date ends at the end of that working day, local time', () => {
    expect(iso(dueAtForDate('2026-07-10', london))).toBe('2026-07-10T16:00:00.000Z');
  });

  it('a risk acceptance runs out at midnight after its last day, local time', () => {
    expect(iso(riskExpiryInstant('2026-03-28', london))).toBe('2026-03-29T00:00:00.000Z');
    expect(iso(riskExpiryInstant('2026-10-24', london))).toBe('2026-10-24T23:00:00.000Z');
    expect(iso(riskExpiryInstant('2026-11-26', policy({ timeZone: 'Asia/Tokyo' })))).toBe(
      '2026-11-26T15:00:00.000Z',
    );
  });
});

describe('the clock', () => {
  const segment = (dueAt: string, endedAt: string | null = null): SlaSegment => ({
    priority: 'P1',
    startedAt: '2026-11-26T00:00:00.000Z',
    dueAt,
    endedAt,
    reason: 'raised',
  });
  const open = {
    status: 'open' as const,
    slaHistory: [segment('2026-11-27T00:00:00.000Z')],
    resolvedAt: null,
  };

  it('is on track, then at risk in the last quarter, then breached', () => {
    expect(readSla(open, at('2026-11-26T12:00:00Z'), london).state).toBe('on-track');
    expect(readSla(open, at('2026-11-26T18:00:00Z'), london).state).toBe('at-risk');
    const breached = readSla(open, at('2026-11-27T02:30:00Z'), london);
    expect(breached.state).toBe('breached');
    expect(describeSla(breached)).toBe('breached 2h 30m ago');
    expect(describeSla(readSla(open, at('2026-11-26T19:50:00Z'), london))).toBe('4h 10m left');
  });

  it('uses the policy threshold for at risk', () => {
    const early = policy({ atRiskPercent: 60 });
    expect(readSla(open, at('2026-11-26T12:00:00Z'), early).state).toBe('at-risk');
  });

  it('stops at resolution: met or missed', () => {
    const met = {
      status: 'fixed' as const,
      slaHistory: [segment('2026-11-27T00:00:00.000Z', '2026-11-26T21:00:00.000Z')],
      resolvedAt: '2026-11-26T21:00:00.000Z',
    };
    expect(describeSla(readSla(met, at('2026-12-30T00:00:00Z'), london))).toBe(
      'met with 3h 00m to spare',
    );
    const missed = { ...met, resolvedAt: '2026-11-28T01:00:00.000Z' };
    expect(readSla(missed, at('2026-12-30T00:00:00Z'), london).state).toBe('missed');
  });

  it('is paused while a risk is accepted', () => {
    const paused = {
      status: 'risk-accepted' as const,
      slaHistory: [segment('2026-11-27T00:00:00.000Z', '2026-11-26T06:00:00.000Z')],
      resolvedAt: null,
    };
    expect(describeSla(readSla(paused, at('2026-12-30T00:00:00Z'), london))).toBe(
      'paused with 18h 00m left',
    );
  });

  it('knows whether a stretch of the clock was breached', () => {
    expect(
      segmentBreached(
        segment('2026-11-27T00:00:00.000Z', '2026-11-26T06:00:00.000Z'),
        at('2027-01-01T00:00:00Z'),
      ),
    ).toBe(false);
    expect(segmentBreached(segment('2026-11-27T00:00:00.000Z'), at('2027-01-01T00:00:00Z'))).toBe(
      true,
    );
  });
});

describe('the policy itself', () => {
  it('rejects unknown time zones and empty working weeks with field messages', () => {
    const result = SlaPolicyFields.safeParse({
      ...london,
      timeZone: 'Mars/Olympus',
      workingDays: [],
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['timeZone', 'workingDays']));
  });

  it('falls back to UTC for an unknown default zone', () => {
    expect(defaultSlaPolicy('Nowhere/Special').timeZone).toBe('UTC');
  });
});
