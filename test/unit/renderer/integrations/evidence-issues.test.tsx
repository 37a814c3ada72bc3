import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Route, Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { observedAtOf } from '../../../../core/evidence/observation';
import { draftFromFinding } from '../../../../core/issues/drafts';
import { connectFeatures } from '../../../../renderer/src/app/integrations/connect';
import { EvidenceArea } from '../../../../renderer/src/app/integrations/EvidenceArea';
import { db } from '../../../../renderer/src/db';
import { evidenceObservations } from '../../../../renderer/src/features/evidence/observations';
import { raiseIssue } from '../../../../renderer/src/features/issues/commands';
import { IssueRaiser } from '../../../../renderer/src/features/issues/IssueRaiser';
import { VerificationPanel } from '../../../../renderer/src/features/issues/VerificationPanel';
import { freshDatabase, installFakeHost, workspace } from '../issues/support';
import { giveElementsASize } from '../layout-support';
import { attachFixture } from './support';

const FIRST = 'zap/zap-results-first-scan.xml';
const SECOND = 'zap/zap-results-second-scan.xml';

/**
 * A ZAP scan that ran when it is attached: its report's own `generated` time (what dates it,
 * and orders scans of a source) moved to that instant. The fixtures' own dates run backwards.
 */
function scanAt(workspaceId: string, fixture: string, at: string): Promise<string> {
  const generated = new Date(at).toUTCString().replace(' GMT', '');
  return attachFixture(workspaceId, fixture, at, (text) =>
    text.replace(/generated="[^"]*"/, `generated="${generated}"`),
  );
}

beforeAll(installFakeHost);
// The findings table is a virtual table: it draws rows only in a region with a size.
let restoreLayout: () => void;
beforeAll(() => (restoreLayout = giveElementsASize()));
afterAll(() => restoreLayout());
beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  await freshDatabase();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** The Evidence area as the shell mounts it, on one evidence page, with the issue dialog. */
function showEvidence(evidenceId: string) {
  const location = memoryLocation({ path: `/evidence/${evidenceId}` });
  render(
    <Router hook={location.hook}>
      <Route path="/evidence" nest>
        <EvidenceArea />
      </Route>
      <IssueRaiser />
    </Router>,
  );
  return location;
}

const findings = () => screen.findByRole('table', { name: 'Findings' });

describe('evidence findings → security issues', () => {
  it('raises an issue from a finding through the Raise issue dialog, then shows it instead of the button', async () => {
    const workspaceId = await workspace();
    const first = await scanAt(workspaceId, FIRST, '2026-11-02T06:00:00Z');
    showEvidence(first);
    const table = await findings();
    fireEvent.click(within(table).getByRole('button', { name: /^Raise an issue for 40018 at / }));

    const dialog = await screen.findByRole('dialog', { name: 'Raise a security issue' });
    expect(within(dialog).getByLabelText('Title')).toHaveProperty('value', 'SQL Injection');
    expect(within(dialog).getByRole('radio', { name: /P2/ })).toHaveProperty('checked', true);
    expect(within(dialog).getByLabelText('Controls')).toHaveProperty(
      'value',
      'nist-sp-800-53-rev5#ra-5 nist-sp-800-53-rev5#si-10',
    );
    const from = await within(dialog).findByRole('link', { name: 'zap-results-first-scan.xml' });
    expect(from.closest('p')?.textContent).toBe(
      'From: Finding 40018 in evidence zap-results-first-scan.xml',
    );
    expect(from.getAttribute('href')).toBe(`/evidence/${first}`);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Raise P2 issue' }));

    const link = await within(table).findByRole('link', { name: 'Open SEC-1: SQL Injection' });
    const cell = link.closest('td');
    expect(cell?.textContent).toContain('Open');
    expect(within(cell as HTMLElement).getByRole('timer')).toBeTruthy();
    expect(
      within(table).queryByRole('button', { name: /^Raise an issue for 40018 at / }),
    ).toBeNull();
    const [issue] = await db.issues.toArray();
    expect(issue).toMatchObject({
      title: 'SQL Injection',
      priority: 'P2',
      severity: 'high',
      links: { evidenceIds: [first] },
      source: {
        kind: 'evidence-finding',
        evidenceId: first,
        sourceKey: 'zap|http://bodgeit.securecodebox-demo.svc:8080',
        observedAt: '2026-11-02T06:00:00.000Z',
        ruleId: '40018',
      },
    });
    // Every other finding keeps its button.
    expect(within(table).getAllByRole('button', { name: /^Raise an issue for / })).toHaveLength(14);
  });

  it('shows the same issue on the next scan of the source, where the finding is unchanged', async () => {
    const workspaceId = await workspace();
    const first = await scanAt(workspaceId, FIRST, '2026-11-02T06:00:00Z');
    const second = await scanAt(workspaceId, SECOND, '2026-11-09T06:00:00Z');
    const evidence = await db.evidence.get(first);
    const summary = (await db.evidenceSummaries.get(evidence?.sha256 ?? ''))?.summary;
    const sql = summary?.findings?.items.find((finding) => finding.rule === '40018');
    if (!evidence || !summary || !sql) throw new Error('the first scan was not stored');
    await raiseIssue(
      draftFromFinding(sql, {
        workspaceId,
        evidenceId: first,
        fileName: evidence.fileName,
        sourceKey: evidence.sourceKey,
        observedAt: observedAtOf(evidence, summary),
      }),
    );
    showEvidence(second);
    const table = await findings();
    expect(
      await within(table).findByRole('link', { name: 'Open SEC-1: SQL Injection' }),
    ).toBeTruthy();
    // Raising it again from the second scan links that scan to the same issue.
    const secondEvidence = await db.evidence.get(second);
    const again = await db.evidenceSummaries.get(secondEvidence?.sha256 ?? '');
    const sqlAgain = again?.summary.findings?.items.find((finding) => finding.rule === '40018');
    if (!secondEvidence || !again || !sqlAgain) throw new Error('the second scan was not stored');
    expect(sqlAgain.fingerprint).toBe(sql.fingerprint);
    const result = await raiseIssue(
      draftFromFinding(sqlAgain, {
        workspaceId,
        evidenceId: second,
        fileName: secondEvidence.fileName,
        sourceKey: secondEvidence.sourceKey,
        observedAt: observedAtOf(secondEvidence, again.summary),
      }),
    );
    expect(result.created).toBe(false);
    expect(result.issue.links.evidenceIds).toEqual([first, second]);
    expect(await db.issues.count()).toBe(1);
  });
});

describe('verification by evidence through the evidence store', () => {
  it('suggests verified once a later scan lacks the finding, and withdraws it when it comes back', async () => {
    connectFeatures();
    const workspaceId = await workspace();
    const first = await scanAt(workspaceId, FIRST, '2026-11-02T06:00:00Z');
    const evidence = await db.evidence.get(first);
    const summary = (await db.evidenceSummaries.get(evidence?.sha256 ?? ''))?.summary;
    const pii = summary?.findings?.items.find((finding) => finding.title === 'PII Disclosure');
    if (!evidence || !summary || !pii) throw new Error('the first scan was not stored');
    const { issue } = await raiseIssue(
      draftFromFinding(pii, {
        workspaceId,
        evidenceId: first,
        fileName: evidence.fileName,
        sourceKey: evidence.sourceKey,
        observedAt: observedAtOf(evidence, summary),
      }),
    );
    render(<VerificationPanel issue={issue} />);
    expect(
      await screen.findByText('No later evidence from this source without the finding yet.'),
    ).toBeTruthy();

    const second = await scanAt(workspaceId, SECOND, '2026-11-09T06:00:00Z');
    expect(await screen.findByRole('button', { name: 'Mark verified' })).toBeTruthy();
    const observations = await evidenceObservations({
      workspaceId,
      tool: 'zap',
      sourceKey: evidence.sourceKey,
    });
    expect(observations.map((observation) => observation.evidenceId).sort()).toEqual(
      [first, second].sort(),
    );

    await scanAt(workspaceId, FIRST, '2026-11-16T06:00:00Z');
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Mark verified' })).toBeNull());
    expect(
      screen.getByText('No later evidence from this source without the finding yet.'),
    ).toBeTruthy();
  });
});
