import { describe, expect, it } from 'vitest';
import {
  WorkflowError,
  changePriority,
  changeStatus,
  effectiveStatus,
  reopenExpiredRisk,
} from '../../../../core/issues/workflow';
import { readSla, segmentBreached } from '../../../../core/issues/sla';
import { SecurityIssue } from '../../../../core/model';
import { LONDON, raised } from './support';

const ctx = (iso: string, actor = 'bob') => ({ now: Date.parse(iso), actor, policy: LONDON });

describe('status workflow', () => {
  it('walks open → in progress → fixed → verified → closed without needing a reason', () => {
    let issue = raised('2026-11-23T09:00:00Z');
    issue = changeStatus(issue, { to: 'in-progress' }, ctx('2026-11-23T10:00:00Z'));
    issue = changeStatus(issue, { to: 'fixed', note: 'patched' }, ctx('2026-11-24T10:00:00Z'));
    expect(issue.resolvedAt).toBe('2026-11-24T10:00:00.000Z');
    issue = changeStatus(issue, { to: 'verified' }, ctx('2026-11-25T10:00:00Z'));
    issue = changeStatus(issue, { to: 'closed' }, ctx('2026-11-25T11:00:00Z'));
    expect(issue.closure).toMatchObject({ verified: true, reason: '' });
    expect(issue.statusHistory.map((change) => change.to)).toEqual([
      'open',
      'in-progress',
      'fixed',
      'verified',
      'closed',
    ]);
    expect(readSla(issue, Date.parse('2027-01-01T00:00:00Z'), LONDON).state).toBe('met');
    expect(SecurityIssue.safeParse(issue).success).toBe(true);
  });

  it('refuses to close an unverified issue without a reason, and records the reason', () => {
    const issue = raised('2026-11-23T09:00:00Z');
    expect(() => changeStatus(issue, { to: 'closed' }, ctx('2026-11-23T10:00:00Z'))).toThrow(
      'Closing an issue that was not verified needs a reason.',
    );
    const closed = changeStatus(
      issue,
      { to: 'closed', reason: 'Duplicate of the platform ticket' },
      ctx('2026-11-23T10:00:00Z'),
    );
    expect(closed.closure).toMatchObject({
      verified: false,
      reason: 'Duplicate of the platform ticket',
    });
  });

  it('refuses transitions the workflow does not have', () => {
    const issue = raised('2026-11-23T09:00:00Z');
    const closed = changeStatus(issue, { to: 'closed', reason: 'x' }, ctx('2026-11-23T10:00:00Z'));
    expect(() => changeStatus(closed, { to: 'fixed' }, ctx('2026-11-23T11:00:00Z'))).toThrow(
      WorkflowError,
    );
    expect(() => changeStatus(issue, { to: 'open' }, ctx('2026-11-23T11:00:00Z'))).toThrow(
      'already open',
    );
  });

  it('verifies an open issue only with evidence', () => {
    const issue = raised('2026-11-23T09:00:00Z');
    expect(() => changeStatus(issue, { to: 'verified' }, ctx('2026-11-24T09:00:00Z'))).toThrow(
      'verify it with later evidence',
    );
    const verified = changeStatus(
      issue,
      { to: 'verified', evidenceId: 'evidence-2' },
      ctx('2026-11-24T09:00:00Z'),
    );
    expect(verified.verification).toMatchObject({ evidenceId: 'evidence-2', by: 'bob' });
  });

  it('reopening starts a new SLA window and forgets the resolution', () => {
    let issue = raised('2026-11-23T09:00:00Z', { priority: 'P1' });
    issue = changeStatus(issue, { to: 'fixed' }, ctx('2026-11-23T12:00:00Z'));
    issue = changeStatus(
      issue,
      { to: 'open', note: 'still exploitable' },
      ctx('2026-11-25T09:00:00Z'),
    );
    expect(issue.resolvedAt).toBeNull();
    expect(issue.slaHistory).toHaveLength(2);
    expect(issue.slaHistory[0]?.endedAt).toBe('2026-11-23T12:00:00.000Z');
    expect(issue.slaHistory[1]).toMatchObject({
      reason: 'reopened',
      startedAt: '2026-11-25T09:00:00.000Z',
      dueAt: '2026-11-26T09:00:00.000Z',
    });
    expect(issue.dueAt).toBe('2026-11-26T09:00:00.000Z');
  });
});

describe('priority changes keep the SLA history', () => {
  it('starts the new window at the change and keeps the breached P1 stretch', () => {
    let issue = raised('2026-11-23T09:00:00Z', { priority: 'P1' });
    issue = changePriority(issue, 'P2', ctx('2026-11-24T12:00:00Z'));
    expect(issue.priority).toBe('P2');
    expect(issue.slaHistory).toHaveLength(2);
    const [first, second] = issue.slaHistory;
    expect(first).toMatchObject({ priority: 'P1', endedAt: '2026-11-24T12:00:00.000Z' });
    expect(first && segmentBreached(first, Date.now())).toBe(true);
    expect(second).toMatchObject({
      priority: 'P2',
      reason: 'priority-changed',
      dueAt: '2026-11-27T17:00:00.000Z',
    });
    expect(issue.dueAt).toBe('2026-11-27T17:00:00.000Z');
  });

  it('does nothing when the priority is unchanged', () => {
    const issue = raised('2026-11-23T09:00:00Z');
    expect(changePriority(issue, 'P2', ctx('2026-11-24T12:00:00Z'))).toBe(issue);
  });
});

describe('risk acceptance', () => {
  const accept = (expiresOn: string) =>
    changeStatus(
      raised('2026-11-23T09:00:00Z'),
      { to: 'risk-accepted', approver: 'Dana (CISO)', reason: 'Compensating WAF rule', expiresOn },
      ctx('2026-11-24T09:00:00Z'),
    );

  it('needs an approver, a reason and an expiry that is not in the past', () => {
    const issue = raised('2026-11-23T09:00:00Z');
    const request = {
      to: 'risk-accepted' as const,
      approver: 'Dana',
      reason: 'WAF',
      expiresOn: '2026-12-31',
    };
    expect(() =>
      changeStatus(issue, { ...request, approver: ' ' }, ctx('2026-11-24T09:00:00Z')),
    ).toThrow('approver');
    expect(() =>
      changeStatus(issue, { ...request, reason: '' }, ctx('2026-11-24T09:00:00Z')),
    ).toThrow('reason');
    expect(() =>
      changeStatus(issue, { ...request, expiresOn: '' }, ctx('2026-11-24T09:00:00Z')),
    ).toThrow('expiry');
    expect(() =>
      changeStatus(issue, { ...request, expiresOn: '2026-11-23' }, ctx('2026-11-24T09:00:00Z')),
    ).toThrow('past');
  });

  it('pauses the clock and records when it runs out', () => {
    const accepted = accept('2026-12-31');
    expect(accepted.riskAcceptance).toMatchObject({
      approver: 'Dana (CISO)',
      expiresOn: '2026-12-31',
      expiresAt: '2027-01-01T00:00:00.000Z',
      acceptedBy: 'bob',
    });
    expect(readSla(accepted, Date.parse('2026-12-20T00:00:00Z'), LONDON).state).toBe('paused');
  });

  it('is left alone before expiry and reopens by itself after it, dated at the expiry', () => {
    const accepted = accept('2026-12-31');
    expect(reopenExpiredRisk(accepted, ctx('2026-12-31T23:59:59Z'))).toBeNull();
    expect(effectiveStatus(accepted, Date.parse('2026-12-31T23:59:59Z'))).toBe('risk-accepted');
    expect(effectiveStatus(accepted, Date.parse('2027-01-01T00:00:00Z'))).toBe('open');

    const reopened = reopenExpiredRisk(accepted, ctx('2027-01-03T08:00:00Z'));
    expect(reopened).not.toBeNull();
    expect(reopened?.status).toBe('open');
    expect(reopened?.riskAcceptance).toBeNull();
    expect(reopened?.statusHistory.at(-1)).toMatchObject({
      from: 'risk-accepted',
      to: 'open',
      at: '2027-01-01T00:00:00.000Z',
      by: 'Demo Ledger',
      note: 'Risk acceptance expired on 2026-12-31.',
    });
    // A P2 reopened on Friday 1 January at midnight is due at the end of that Friday.
    expect(reopened?.slaHistory.at(-1)).toMatchObject({
      reason: 'reopened',
      startedAt: '2027-01-01T00:00:00.000Z',
      dueAt: '2027-01-01T17:00:00.000Z',
    });
    expect(reopened && SecurityIssue.safeParse(reopened).success).toBe(true);
  });

  it('expires at local midnight across a daylight-saving change', () => {
    const accepted = changeStatus(
      raised('2026-10-20T09:00:00Z'),
      { to: 'risk-accepted', approver: 'Dana', reason: 'WAF', expiresOn: '2026-10-24' },
      ctx('2026-10-20T10:00:00Z'),
    );
    expect(accepted.riskAcceptance?.expiresAt).toBe('2026-10-24T23:00:00.000Z');
    expect(reopenExpiredRisk(accepted, ctx('2026-10-24T22:59:59Z'))).toBeNull();
    expect(reopenExpiredRisk(accepted, ctx('2026-10-24T23:00:00Z'))?.status).toBe('open');
  });
});
