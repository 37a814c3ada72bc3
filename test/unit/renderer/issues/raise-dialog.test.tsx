import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findingFingerprint } from '../../../../core/model';
import { db } from '../../../../renderer/src/db';
import { RaiseIssueDialog } from '../../../../renderer/src/features/issues/RaiseIssueDialog';
import { freshDatabase, installFakeHost, workspace } from './support';

beforeAll(installFakeHost);
beforeEach(freshDatabase);
afterEach(cleanup);

describe('RaiseIssueDialog', () => {
  it('raises a P1 from the keyboard alone: title focused, Alt+1, Ctrl+Enter', async () => {
    const workspaceId = await workspace();
    let raised = '';
    let closed = false;
    render(
      <RaiseIssueDialog
        open
        draft={{ workspaceId, title: 'Stored XSS in comments' }}
        onClose={() => {
          closed = true;
        }}
        onRaised={({ issue }) => {
          raised = issue.id;
        }}
      />,
    );
    const title = screen.getByLabelText('Title');
    expect(title).toHaveProperty('value', 'Stored XSS in comments');
    expect(screen.getByRole('radio', { name: /P2/ })).toHaveProperty('checked', true);
    fireEvent.keyDown(title, { key: '1', code: 'Digit1', altKey: true });
    expect(screen.getByRole('radio', { name: /P1/ })).toHaveProperty('checked', true);
    expect(screen.getByRole('button', { name: 'Raise P1 issue' })).toBeTruthy();
    fireEvent.keyDown(title, { key: 'Enter', code: 'Enter', ctrlKey: true });
    await waitFor(() => expect(closed).toBe(true));
    const issue = await db.issues.get(raised);
    expect(issue).toMatchObject({
      title: 'Stored XSS in comments',
      priority: 'P1',
      severity: 'critical',
      status: 'open',
    });
  });

  it('shows where a prefilled draft comes from and keeps its source and links', async () => {
    const workspaceId = await workspace();
    const fingerprint = findingFingerprint('sarif', {
      ruleId: 'js/sql-injection',
      uri: 'src/db.js',
      fingerprint: 'abc',
    });
    render(
      <RaiseIssueDialog
        open
        draft={{
          workspaceId,
          title: 'SQL injection',
          priority: 'P2',
          controlRefs: ['owasp-asvs#V5.3.4'],
          source: {
            kind: 'evidence-finding',
            evidenceId: 'ev-1',
            fingerprint,
            sourceKey: 'sarif|ci|codeql',
            observedAt: '2026-11-23T06:00:00Z',
            ruleId: 'js/sql-injection',
          },
        }}
        onClose={() => undefined}
      />,
    );
    await waitFor(() =>
      expect(document.querySelector('.raise-source')?.textContent).toBe(
        'From: Finding js/sql-injection in evidence ev-1 (deleted)',
      ),
    );
    expect(screen.getByLabelText('Controls')).toHaveProperty('value', 'owasp-asvs#V5.3.4');
    fireEvent.click(screen.getByRole('button', { name: 'Raise P2 issue' }));
    await waitFor(async () => expect(await db.issues.count()).toBe(1));
    const [issue] = await db.issues.toArray();
    expect(issue).toMatchObject({ fingerprint, links: { evidenceIds: ['ev-1'], demoItemIds: [] } });
  });

  it('explains a missing title on the field', async () => {
    const workspaceId = await workspace();
    render(<RaiseIssueDialog open draft={{ workspaceId }} onClose={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Raise P2 issue' }));
    expect(await screen.findByText('a title is required')).toBeTruthy();
    expect(await db.issues.count()).toBe(0);
  });
});
