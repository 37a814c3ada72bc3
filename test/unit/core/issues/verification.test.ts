import { describe, expect, it } from 'vitest';
import { suggestVerification } from '../../../../core/issues/verification';
import { changeStatus } from '../../../../core/issues/workflow';
import { sharedFixture } from '../../../fixtures';
import { zapAlerts, zapObservation } from '../support/zap-fingerprints';
import { LONDON, raised } from './support';

const FIRST = sharedFixture('zap', 'zap-results-first-scan.xml');
const SECOND = sharedFixture('zap', 'zap-results-second-scan.xml');
// The pair is documented as consecutive scans of one target (fixtures/SOURCES.md); the dates
// are the evidence records' effective dates, as the evidence feature would store them.
const firstScan = zapObservation(FIRST, 'evidence-zap-1', '2026-11-02T06:00:00.000Z');
const secondScan = zapObservation(SECOND, 'evidence-zap-2', '2026-11-09T06:00:00.000Z');

function fromFinding(alertName: string, observation = firstScan) {
  const alert = zapAlerts(observation === firstScan ? FIRST : SECOND).find(
    (candidate) => candidate.name === alertName,
  );
  if (!alert) throw new Error(`no alert ${alertName}`);
  return raised(observation.observedAt, {
    title: alert.name,
    priority: 'P1',
    source: {
      kind: 'evidence-finding',
      evidenceId: observation.evidenceId,
      fingerprint: alert.fingerprint,
      sourceKey: observation.sourceKey,
      observedAt: observation.observedAt,
      ruleId: alert.alertRef,
    },
  });
}

describe('fingerprints of the ZAP pair', () => {
  it('gives each alert of a scan its own stable fingerprint', () => {
    const first = zapAlerts(FIRST);
    expect(first).toHaveLength(15);
    expect(new Set(first.map((alert) => alert.fingerprint)).size).toBe(15);
    expect(zapAlerts(FIRST).map((alert) => alert.fingerprint)).toEqual(
      first.map((alert) => alert.fingerprint),
    );
    expect(zapAlerts(SECOND)).toHaveLength(18);
  });
});

describe('verification by later evidence', () => {
  it('suggests verified when the second scan no longer contains the finding (PII Disclosure)', () => {
    const issue = fromFinding('PII Disclosure');
    expect(suggestVerification(issue, [firstScan, secondScan])).toEqual({
      evidenceId: 'evidence-zap-2',
      observedAt: '2026-11-09T06:00:00.000Z',
      fingerprint: issue.fingerprint,
    });
  });

  it('suggests nothing while the finding is still there (reflected XSS, SQL injection)', () => {
    for (const name of ['Cross Site Scripting (Reflected)', 'SQL Injection']) {
      expect(suggestVerification(fromFinding(name), [firstScan, secondScan])).toBeNull();
    }
  });

  it('finds exactly the alerts the second scan dropped', () => {
    const gone = zapAlerts(FIRST)
      .map((alert) => fromFinding(alert.name))
      .filter((issue) => suggestVerification(issue, [secondScan]) !== null)
      .map((issue) => issue.title);
    expect(gone).toEqual(['PII Disclosure']);
  });

  it('ignores earlier files, the same file, and files from another source or tool', () => {
    const issue = fromFinding('PII Disclosure');
    const earlier = { ...secondScan, observedAt: '2026-10-01T00:00:00.000Z' };
    const sameTime = { ...secondScan, observedAt: firstScan.observedAt };
    const otherSource = { ...secondScan, sourceKey: 'zap|another-app' };
    const otherTool = { ...secondScan, tool: 'sarif' };
    for (const observation of [earlier, sameTime, otherSource, otherTool, firstScan]) {
      expect(suggestVerification(issue, [observation])).toBeNull();
    }
  });

  it('withdraws the suggestion when a still later scan finds it again', () => {
    const issue = fromFinding('PII Disclosure');
    const third = {
      ...firstScan,
      evidenceId: 'evidence-zap-3',
      observedAt: '2026-11-16T06:00:00.000Z',
    };
    expect(suggestVerification(issue, [secondScan, third])).toBeNull();
  });

  it('works the other way round: NoSQL injection raised from the second scan, gone in a later first', () => {
    const issue = fromFinding('NoSQL Injection - MongoDB', secondScan);
    const later = {
      ...firstScan,
      evidenceId: 'evidence-zap-later',
      observedAt: '2026-11-20T06:00:00.000Z',
    };
    expect(suggestVerification(issue, [later])?.evidenceId).toBe('evidence-zap-later');
  });

  it('only for issues raised from findings and not yet verified or closed', () => {
    const manual = raised('2026-11-02T06:00:00Z');
    expect(suggestVerification(manual, [secondScan])).toBeNull();
    const issue = fromFinding('PII Disclosure');
    const ctx = { now: Date.parse('2026-11-10T00:00:00Z'), actor: 'bob', policy: LONDON };
    const fixed = changeStatus(issue, { to: 'fixed' }, ctx);
    expect(suggestVerification(fixed, [secondScan])).not.toBeNull();
    const verified = changeStatus(fixed, { to: 'verified', evidenceId: 'evidence-zap-2' }, ctx);
    expect(suggestVerification(verified, [secondScan])).toBeNull();
  });
});
