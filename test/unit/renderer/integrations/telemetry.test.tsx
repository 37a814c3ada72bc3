import { act, cleanup, configure, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { chartJson } from '../../../../core/charts/series';
import { sha256Hex } from '../../../../core/util/hash';
import { dashboardCharts, datasetRange } from '../../../../core/telemetry/charts';
import { AuthLogScenario } from '../../../../core/telemetry/generate';
import { importText } from '../../../../core/telemetry/importer';
import { chartEvidence, issueDraftFromAlert } from '../../../../core/telemetry/issue-draft';
import type { TelemetryAlertRecord } from '../../../../core/telemetry/records';
import { attachChartEvidence } from '../../../../renderer/src/app/integrations/chart-evidence';
import { telemetryIntegrations } from '../../../../renderer/src/app/integrations/TelemetryArea';
import { Notifications } from '../../../../renderer/src/app/notifications';
import { db } from '../../../../renderer/src/db';
import { evidenceLinkedTo } from '../../../../renderer/src/features/evidence/queries';
import {
  useOpenIssuesByOrigin,
  useSlaPolicy,
} from '../../../../renderer/src/features/issues/queries';
import { AlertsPanel } from '../../../../renderer/src/features/telemetry/AlertsPanel';
import { storeImport } from '../../../../renderer/src/features/telemetry/commands';
import { IssueDraftDialog } from '../../../../renderer/src/features/telemetry/IssueDraftDialog';
import { readTelemetry, useTelemetry } from '../../../../renderer/src/features/telemetry/queries';
import { freshDatabase, installFakeHost, workspace } from '../issues/support';
import { ingestInProcess } from './support';

const AU_6 = 'nist-sp-800-53-rev5#au-6';

// The app's reads settle when IndexedDB answers, which takes as long as a busy machine makes it:
// wait for them as long as a test may run, never the library's one second.
configure({ asyncUtilTimeout: 50_000 });

beforeAll(installFakeHost);
beforeEach(freshDatabase);
afterEach(cleanup);

/** A workspace with a generated auth.log imported: its brute-force burst raised one alert. */
async function withAuthLog() {
  const workspaceId = await workspace();
  const scenario = new AuthLogScenario({ seed: 5 });
  const result = importText([...scenario.generate()].join('\n'), {
    kind: 'auth-log',
    format: 'text',
    year: 2026,
  });
  await storeImport(workspaceId, { name: 'auth.log', size: 1000, sha256: 'a'.repeat(64) }, result);
  const telemetry = await readTelemetry(workspaceId);
  const alert = telemetry.alerts.find((one) => one.ruleId === 'brute-force-logins');
  if (!alert) throw new Error('the burst raised no alert');
  return { workspaceId, telemetry, alert };
}

const draftOf = (alert: TelemetryAlertRecord) =>
  issueDraftFromAlert(alert, { alertId: alert.id, importId: alert.importId, fileName: 'auth.log' });

/** The alerts table with the issue column the app wires in. */
function AlertsWithIssues({ workspaceId }: { workspaceId: string }) {
  const telemetry = useTelemetry(workspaceId).data;
  const issues = useOpenIssuesByOrigin(workspaceId).data;
  const policy = useSlaPolicy(workspaceId).data;
  if (!telemetry) return null;
  const { raisedIssueOf } = telemetryIntegrations(workspaceId, issues, policy);
  return (
    <AlertsPanel
      alerts={telemetry.alerts}
      onRaiseIssue={() => undefined}
      onShow={() => undefined}
      raisedIssueOf={raisedIssueOf}
    />
  );
}

describe('telemetry alerts → security issues', () => {
  it('the confirm button raises a real issue with its SLA clock, and the alert shows it', async () => {
    const { workspaceId, alert } = await withAuthLog();
    const { onRaiseIssue } = telemetryIntegrations(workspaceId, undefined, undefined);
    // The dialog closes once the issue is raised, the alert updated and the notice shown.
    let closeDialog = () => undefined as void;
    const closed = new Promise<void>((resolve) => (closeDialog = resolve));
    render(
      <>
        <IssueDraftDialog
          alertId={alert.id}
          draft={draftOf(alert)}
          onRaiseIssue={onRaiseIssue}
          onClose={closeDialog}
        />
        <Notifications />
      </>,
    );
    const before = Date.now();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Raise issue' }));
      await closed;
    });
    expect(screen.getByText(/^Raised SEC-1: Brute-force logins/)).toBeTruthy();

    const [issue] = await db.issues.toArray();
    expect(issue).toMatchObject({
      number: 1,
      priority: 'P1',
      status: 'open',
      source: { kind: 'telemetry-alert', alertId: alert.id, ruleId: 'brute-force-logins' },
      controlRefs: alert.controls,
    });
    // P1: due 24 elapsed hours after it was raised (the default policy).
    const raisedAt = Date.parse(issue?.raisedAt ?? '');
    expect(raisedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(issue?.dueAt ?? '') - raisedAt).toBe(24 * 3600_000);
    expect((await db.telemetryAlerts.get(alert.id))?.status).toBe('issue-raised');

    // Raising the same alert again is the same issue.
    expect(await onRaiseIssue?.(draftOf(alert))).toEqual({ issueKey: 'SEC-1' });
    expect(await db.issues.count()).toBe(1);

    cleanup();
    const location = memoryLocation({ path: '/telemetry' });
    render(
      <Router hook={location.hook}>
        <AlertsWithIssues workspaceId={workspaceId} />
      </Router>,
    );
    const row = (
      await screen.findByRole('link', { name: /^Open SEC-1: Brute-force logins/ })
    ).closest('tr');
    expect(within(row as HTMLElement).getByRole('timer')).toBeTruthy();
    expect(
      within(row as HTMLElement).queryByRole('button', { name: /^Raise security issue/ }),
    ).toBeNull();
  });
});

describe('telemetry chart → evidence', () => {
  it('stores the chart data object and its SVG once by SHA-256, linked to the chosen control', async () => {
    const { workspaceId, telemetry } = await withAuthLog();
    const range = datasetRange(telemetry.dataset);
    if (!range) throw new Error('no data');
    const logins = dashboardCharts(telemetry.dataset, { ...range, maxPoints: 2000 }).find(
      (chart) => chart.id === 'logins',
    );
    if (!logins) throw new Error('no logins chart');
    const evidence = chartEvidence(logins);

    const stored = await attachChartEvidence(workspaceId, evidence, AU_6, ingestInProcess);
    expect(stored.map((file) => [file.fileName, file.format, file.reusedContent])).toEqual([
      ['telemetry-logins.json', 'chart', false],
      ['telemetry-logins.svg', 'image', false],
    ]);
    const linked = await evidenceLinkedTo('control', AU_6);
    expect(linked.map((row) => row.fileName).sort()).toEqual([
      'telemetry-logins.json',
      'telemetry-logins.svg',
    ]);
    const data = linked.find((row) => row.format === 'chart');
    const image = linked.find((row) => row.format === 'image');
    expect(data).toMatchObject({
      variant: 'demo-ledger.chart/v1',
      sourceKey: 'chart|logins',
      effectiveFrom: '2026-11-24',
      effectiveTo: '2026-11-24',
      dating: 'tool',
      parseError: null,
    });
    // The drawing has no date of its own: the chart's period is stated for it by who attached it.
    expect(image).toMatchObject({
      variant: 'SVG',
      mediaType: 'image/svg+xml',
      parseError: null,
      effectiveFrom: '2026-11-24',
      effectiveTo: '2026-11-24',
      dating: 'stated',
    });
    const summary = (await db.evidenceSummaries.get(data?.sha256 ?? ''))?.summary;
    expect(summary?.chart?.figures).toEqual(logins.figures);
    // The stored content is the chart's data object itself, byte for byte: what a report draws.
    expect(data?.sha256).toBe(sha256Hex(new TextEncoder().encode(chartJson(logins))));
    expect(image?.sha256).toBe(sha256Hex(new TextEncoder().encode(evidence.svg)));

    const again = await attachChartEvidence(workspaceId, evidence, AU_6, ingestInProcess);
    expect(again.map((file) => file.reusedContent)).toEqual([true, true]);
    expect(await db.evidenceBlobs.count()).toBe(2);
  });
});
