import { describe, expect, it } from 'vitest';
import {
  dashboardTally,
  meanTimeToRemediate,
  openIssuesByPriorityAndStatus,
  slaByPriority,
} from '../../../../core/issues/dashboard';
import { changePriority, changeStatus } from '../../../../core/issues/workflow';
import { LONDON, raised } from './support';

const ctx = (iso: string) => ({ now: Date.parse(iso), actor: 'bob', policy: LONDON });
const NOW = Date.parse('2026-11-26T16:00:00Z');

function portfolio() {
  const p1Open = raised('2026-11-26T06:00:00Z', { priority: 'P1' }); // 14 h left of 24: on track
  const p1Late = raised('2026-11-25T10:00:00Z', { priority: 'P1' }); // breached
  const p2AtRisk = changeStatus(
    raised('2026-11-23T09:00:00Z', { priority: 'P2' }),
    { to: 'in-progress' },
    ctx('2026-11-24T09:00:00Z'),
  );
  const p2Accepted = changeStatus(
    raised('2026-11-20T09:00:00Z', { priority: 'P2' }),
    { to: 'risk-accepted', approver: 'Dana', reason: 'WAF', expiresOn: '2026-12-31' },
    ctx('2026-11-21T09:00:00Z'),
  );
  const p1FixedInOct = changeStatus(
    raised('2026-10-05T08:00:00Z', { priority: 'P1' }),
    { to: 'fixed' },
    ctx('2026-10-05T20:00:00Z'),
  );
  const p1FixedInNov = changeStatus(
    raised('2026-11-02T08:00:00Z', { priority: 'P1' }),
    { to: 'fixed' },
    ctx('2026-11-03T14:00:00Z'),
  );
  const p3Closed = changeStatus(
    raised('2026-09-01T08:00:00Z', { priority: 'P3' }),
    { to: 'closed', reason: 'duplicate' },
    ctx('2026-11-01T08:00:00Z'),
  );
  const downgraded = changePriority(
    raised('2026-11-20T08:00:00Z', { priority: 'P1' }),
    'P3',
    ctx('2026-11-24T08:00:00Z'),
  );
  return [p1Open, p1Late, p2AtRisk, p2Accepted, p1FixedInOct, p1FixedInNov, p3Closed, downgraded];
}

describe('dashboard data', () => {
  it('counts open work by priority and status', () => {
    const rows = openIssuesByPriorityAndStatus(portfolio(), NOW);
    expect(rows).toEqual([
      { priority: 'P1', total: 4, open: 2, 'in-progress': 0, fixed: 2, 'risk-accepted': 0 },
      { priority: 'P2', total: 2, open: 0, 'in-progress': 1, fixed: 0, 'risk-accepted': 1 },
      { priority: 'P3', total: 1, open: 1, 'in-progress': 0, fixed: 0, 'risk-accepted': 0 },
      { priority: 'P4', total: 0, open: 0, 'in-progress': 0, fixed: 0, 'risk-accepted': 0 },
    ]);
  });

  it('shows SLA states of open work and every breach in the history, downgrades included', () => {
    const rows = slaByPriority(portfolio(), NOW, LONDON);
    expect(rows[0]).toEqual({
      priority: 'P1',
      onTrack: 1,
      atRisk: 0,
      breached: 1,
      breachesEver: 3,
    });
    expect(rows[1]).toMatchObject({ priority: 'P2', atRisk: 1, breached: 0 });
    expect(rows[2]).toMatchObject({ priority: 'P3', onTrack: 1, breachesEver: 1 }); // closed a month late
  });

  it('counts an expired risk acceptance as open again', () => {
    const accepted = changeStatus(
      raised('2026-11-20T09:00:00Z', { priority: 'P2' }),
      { to: 'risk-accepted', approver: 'Dana', reason: 'WAF', expiresOn: '2026-11-22' },
      ctx('2026-11-21T09:00:00Z'),
    );
    expect(openIssuesByPriorityAndStatus([accepted], NOW)[1]).toMatchObject({
      open: 1,
      'risk-accepted': 0,
    });
  });

  it('computes the mean time to remediate per priority per month, gaps as null', () => {
    const rows = meanTimeToRemediate(portfolio(), {
      now: NOW,
      timeZone: 'Europe/London',
      months: 4,
    });
    expect(rows.map((row) => row.period)).toEqual(['2026-08', '2026-09', '2026-10', '2026-11']);
    expect(rows[2]).toMatchObject({ P1: 12, P2: null, P3: null });
    expect(rows[3]).toMatchObject({ P1: 30, P3: 1464 });
    expect(rows[0]).toMatchObject({ P1: null, P2: null, P3: null, P4: null });
  });

  it('buckets by the month on the workspace calendar', () => {
    const late = changeStatus(
      raised('2026-10-31T10:00:00Z', { priority: 'P1' }),
      { to: 'fixed' },
      ctx('2026-10-31T23:30:00Z'),
    );
    const tokyo = meanTimeToRemediate([late], { now: NOW, timeZone: 'Asia/Tokyo', months: 2 });
    expect(tokyo.map((row) => [row.period, row.P1])).toEqual([
      ['2026-10', null],
      ['2026-11', 13.5],
    ]);
  });

  it('counts the same a batch at a time as over every issue at once', () => {
    const issues = portfolio();
    const tally = dashboardTally({ now: NOW, policy: LONDON, months: 12 });
    for (let at = 0; at < issues.length; at += 3) tally.add(issues.slice(at, at + 3));
    expect(tally.result()).toEqual({
      open: openIssuesByPriorityAndStatus(issues, NOW),
      sla: slaByPriority(issues, NOW, LONDON),
      remediation: meanTimeToRemediate(issues, { now: NOW, timeZone: LONDON.timeZone, months: 12 }),
      issues: issues.length,
    });
  });
});
