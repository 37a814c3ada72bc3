import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findingFingerprint } from '../../../../core/model';
import { db } from '../../../../renderer/src/db';
import { raiseIssue } from '../../../../renderer/src/features/issues/commands';
import { registerEvidenceObservations } from '../../../../renderer/src/features/issues/evidence-observations';
import { SlaPolicyDialog } from '../../../../renderer/src/features/issues/SlaPolicyDialog';
import { readSlaPolicy } from '../../../../renderer/src/features/issues/policy';
import { VerificationPanel } from '../../../../renderer/src/features/issues/VerificationPanel';
import { freshDatabase, installFakeHost, workspace } from './support';

beforeAll(installFakeHost);
beforeEach(freshDatabase);
afterEach(cleanup);

describe('verification through the evidence provider', () => {
  it('suggests verified from a later file of the same source and records that evidence', async () => {
    const workspaceId = await workspace();
    const fingerprint = findingFingerprint('zap', { site: 'http://app:8080', alertRef: '10062' });
    const { issue } = await raiseIssue({
      workspaceId,
      title: 'PII disclosure',
      priority: 'P2',
      source: {
        kind: 'evidence-finding',
        evidenceId: 'scan-1',
        fingerprint,
        sourceKey: 'zap|app',
        observedAt: '2026-11-02T06:00:00Z',
      },
    });
    const asked: unknown[] = [];
    registerEvidenceObservations(async (query) => {
      asked.push(query);
      return [
        {
          evidenceId: 'scan-2',
          tool: 'zap',
          sourceKey: 'zap|app',
          observedAt: '2026-11-09T06:00:00.000Z',
          fingerprints: new Set(['zap:' + '0'.repeat(64)]),
        },
      ];
    });
    render(<VerificationPanel issue={issue} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Mark verified' }));
    await waitFor(async () => expect((await db.issues.get(issue.id))?.status).toBe('verified'));
    expect((await db.issues.get(issue.id))?.verification).toMatchObject({ evidenceId: 'scan-2' });
    expect(asked).toEqual([{ workspaceId, tool: 'zap', sourceKey: 'zap|app' }]);
  });

  it('says there is nothing yet when the provider has no later evidence without the finding', async () => {
    const workspaceId = await workspace();
    const fingerprint = findingFingerprint('zap', { site: 'http://app:8080', alertRef: '40012' });
    const { issue } = await raiseIssue({
      workspaceId,
      title: 'Reflected XSS',
      priority: 'P1',
      source: {
        kind: 'evidence-finding',
        evidenceId: 'scan-1',
        fingerprint,
        sourceKey: 'zap|app',
        observedAt: '2026-11-02T06:00:00Z',
      },
    });
    registerEvidenceObservations(async () => [
      {
        evidenceId: 'scan-2',
        tool: 'zap',
        sourceKey: 'zap|app',
        observedAt: '2026-11-09T06:00:00.000Z',
        fingerprints: new Set([fingerprint]),
      },
    ]);
    render(<VerificationPanel issue={issue} />);
    expect(
      await screen.findByText('No later evidence from this source without the finding yet.'),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Mark verified' })).toBeNull();
  });
});

describe('SLA policy dialog', () => {
  it('saves a Sunday-to-Thursday week in another zone and reports bad values on their fields', async () => {
    const workspaceId = await workspace();
    const policy = await readSlaPolicy(workspaceId);
    let closed = false;
    render(
      <SlaPolicyDialog
        open
        workspaceId={workspaceId}
        policy={{ ...policy, timeZone: 'Europe/London' }}
        onClose={() => (closed = true)}
      />,
    );
    fireEvent.change(screen.getByLabelText('Time zone'), { target: { value: 'Asia/Riyadh' } });
    fireEvent.click(screen.getByLabelText('Friday'));
    fireEvent.click(screen.getByLabelText('Sunday'));
    fireEvent.change(screen.getByLabelText('P1 due within (hours)'), { target: { value: '500' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save policy' }));
    expect(await screen.findByText('at most 168 hours')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('P1 due within (hours)'), { target: { value: '8' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save policy' }));
    await waitFor(() => expect(closed).toBe(true));
    expect(await readSlaPolicy(workspaceId)).toMatchObject({
      timeZone: 'Asia/Riyadh',
      workingDays: [1, 2, 3, 4, 7],
      p1Hours: 8,
    });
  });
});
