import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../../core/evidence/model';
import {
  PRIORITY_FOR_SEVERITY,
  draftFromFinding,
  draftFromTelemetryAlert,
} from '../../../../core/issues/drafts';
import { findDuplicate } from '../../../../core/issues/raise';
import { changeStatus } from '../../../../core/issues/workflow';
import { IssueDraft } from '../../../../core/model';
import { findingFingerprint } from '../../../../core/model/fingerprint';
import { issueDraftFromAlert } from '../../../../core/telemetry/issue-draft';
import { BRUTE_FORCE_ALERT } from '../support/alerts';
import { LONDON, WORKSPACE, raised } from './support';

const finding: Finding = {
  fingerprint: findingFingerprint('zap', { site: 'http://bodgeit:8080', alertRef: '40018' }),
  kind: 'alert',
  rule: '40018',
  title: 'SQL Injection',
  severity: 'high',
  location: 'http://bodgeit:8080/bodgeit/login.jsp',
  component: null,
  message: '3 instances on http://bodgeit:8080; CWE-89',
};

const seenIn = {
  workspaceId: WORKSPACE,
  evidenceId: 'evidence-1',
  fileName: 'zap-results-first-scan.xml',
  sourceKey: 'zap|http://bodgeit:8080',
  observedAt: '2026-11-02T06:00:00.000Z',
};

describe('issue drafts from findings', () => {
  it('carries the evidence, fingerprint, source, time, rule and location, and passes IssueDraft', () => {
    const draft = IssueDraft.parse(draftFromFinding(finding, seenIn));
    expect(draft).toMatchObject({
      workspaceId: WORKSPACE,
      title: 'SQL Injection',
      severity: 'high',
      priority: 'P2',
      controlRefs: ['nist-sp-800-53-rev5#ra-5', 'nist-sp-800-53-rev5#si-10'],
      source: {
        kind: 'evidence-finding',
        evidenceId: 'evidence-1',
        fingerprint: finding.fingerprint,
        sourceKey: 'zap|http://bodgeit:8080',
        observedAt: '2026-11-02T06:00:00.000Z',
        ruleId: '40018',
        location: 'http://bodgeit:8080/bodgeit/login.jsp',
      },
    });
    expect(draft.description).toContain('Found in zap-results-first-scan.xml.');
    expect(draft.description).toContain(`Fingerprint: ${finding.fingerprint}`);
    expect(draft.description).toContain('CWE-89');
  });

  it('suggests the priority from the severity: critical P1, high P2, medium P3, low and info P4', () => {
    const priorities = (['critical', 'high', 'medium', 'low', 'info', 'unknown'] as const).map(
      (severity) => IssueDraft.parse(draftFromFinding({ ...finding, severity }, seenIn)),
    );
    expect(priorities.map((draft) => draft.priority)).toEqual(['P1', 'P2', 'P3', 'P4', 'P4', 'P3']);
    expect(priorities.map((draft) => draft.severity)).toEqual([
      'critical',
      'high',
      'medium',
      'low',
      'info',
      undefined,
    ]);
    expect(Object.keys(PRIORITY_FOR_SEVERITY)).toHaveLength(6);
  });

  it('links the controls of the finding kind and keeps long fields within the limits', () => {
    const secret = IssueDraft.parse(
      draftFromFinding(
        {
          ...finding,
          kind: 'secret',
          title: ' ',
          rule: 'r'.repeat(300),
          location: 'x'.repeat(5000),
        },
        { ...seenIn, sourceKey: `sarif|${'k'.repeat(590)}` },
      ),
    );
    expect(secret.controlRefs).toEqual(['nist-sp-800-53-rev5#ia-5', 'nist-sp-800-53-rev5#sc-28']);
    expect(secret.title).toBe('r'.repeat(200));
    expect(secret.source).toMatchObject({ ruleId: 'r'.repeat(200), location: 'x'.repeat(2000) });
  });
});

describe('issue drafts from telemetry alerts', () => {
  const alertDraft = issueDraftFromAlert(BRUTE_FORCE_ALERT, {
    alertId: '0b7d4d1e-6c1f-4d8e-9f0a-3c1b2a4d5e6f',
    importId: 'i1',
    fileName: 'auth.log',
  });

  it('becomes an issue draft with the alert as its source', () => {
    const draft = IssueDraft.parse(draftFromTelemetryAlert(alertDraft, WORKSPACE));
    expect(draft).toMatchObject({
      title: alertDraft.title,
      priority: 'P1',
      description: alertDraft.description,
      controlRefs: ['nist-sp-800-53-rev5#ac-7', 'nist-sp-800-53-rev5#si-4'],
      source: {
        kind: 'telemetry-alert',
        alertId: '0b7d4d1e-6c1f-4d8e-9f0a-3c1b2a4d5e6f',
        ruleId: 'brute-force-logins',
      },
    });
  });

  it('is one issue however often the alert is raised, until that issue is closed', () => {
    const issue = raised('2026-11-24T10:00:00Z', draftFromTelemetryAlert(alertDraft, WORKSPACE));
    const again = IssueDraft.parse(draftFromTelemetryAlert(alertDraft, WORKSPACE));
    expect(findDuplicate([issue], again.source)).toBe(issue);
    const other = { ...again.source, alertId: 'another-alert' };
    expect(findDuplicate([issue], other)).toBeUndefined();
    expect(findDuplicate([issue], { kind: 'manual' })).toBeUndefined();
    const closed = changeStatus(
      issue,
      { to: 'closed', reason: 'false positive: a load test' },
      { now: Date.parse('2026-11-25T10:00:00Z'), actor: 'bob', policy: LONDON },
    );
    expect(findDuplicate([closed], again.source)).toBeUndefined();
  });

  it('deduplicates findings by fingerprint the same way', () => {
    const issue = raised('2026-11-02T07:00:00Z', draftFromFinding(finding, seenIn));
    const later = IssueDraft.parse(draftFromFinding(finding, { ...seenIn, evidenceId: 'e2' }));
    expect(findDuplicate([issue], later.source)).toBe(issue);
  });
});
