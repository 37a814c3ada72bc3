import { mkdtempSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { certificatesFromFile } from '../../core/signing/der';
import { listObjects, openLocker } from '../../main/services/locker/client';
import type { LockerConnection } from '../../main/services/locker/client';
import { initLocker } from '../../main/services/locker/init';
import { verifyLocker } from '../../main/services/locker/verify';
import type { LockerEngine } from '../support/locker-dev';
import { lockerDev, startLockerEngine } from '../support/locker-dev';
import { expect, test } from './fixtures';
import { BundlesPage, TrustSteps } from './pages/bundles';
import { DemosPage } from './pages/demos';
import { LockerPage } from './pages/locker';
import { ReportsPage } from './pages/reports';
import { Shell } from './pages/shell';

/**
 * The team locker through the app, against a local Ceph started for this file with the locker
 * tests' own harness (scripts/locker-dev.mjs, bounded in time, stopped by its PIDs): set up,
 * test the connection, publish a signed sprint bundle while the gateway is stopped, quit, come
 * back, and see it published once the gateway is back, nothing lost.
 */

const ALICE = {
  name: 'Alice Auditor',
  organisation: 'Internal Audit',
  email: 'alice@example.com',
  passphrase: 'alice passphrase 1',
};
test.use({ person: { name: ALICE.name, role: 'Auditor', organisation: ALICE.organisation } });

const engineDir = mkdtempSync(path.join(tmpdir(), 'demo-ledger-locker-e2e-'));
let live: LockerEngine | null = null;
let missing = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  const started = startLockerEngine(engineDir, 768);
  if (started.engine === null) {
    if (!started.missing) throw new Error(`locker:dev start failed: ${started.reason}`);
    missing = started.reason;
    return;
  }
  live = started.engine;
});

test.afterAll(() => {
  test.setTimeout(300_000);
  if (live) lockerDev(['stop'], engineDir);
});

function gateway(action: 'stop' | 'start'): void {
  const result = lockerDev(['gateway', action], engineDir);
  if (result.status !== 0) throw new Error(`gateway ${action} failed: ${result.stderr}`);
}

function connectionTo(engine: LockerEngine, bucket: string): LockerConnection {
  return {
    endpoint: engine.endpoint,
    region: engine.region,
    bucket,
    credentials: { accessKeyId: engine.accessKeyId, secretAccessKey: engine.secretAccessKey },
    requestTimeoutMs: 30_000,
  };
}

async function createIdentity(page: Page): Promise<void> {
  await new Shell(page).nav('Settings').click();
  const reports = new ReportsPage(page);
  await reports.createIdentity(ALICE);
  await expect(reports.identityPanel.getByRole('definition').first()).toContainText(
    `CN=${ALICE.name}`,
  );
}

test('publish a signed sprint bundle through a gateway stop and a restart: nothing lost', async ({
  app,
}) => {
  test.skip(live === null, `no local Ceph: ${missing}`);
  if (live === null) return;
  test.setTimeout(300_000);
  const bucket = `dl-e2e-${Date.now().toString(36)}`;
  await initLocker(openLocker(connectionTo(live, bucket)), {
    mode: 'COMPLIANCE',
    retentionDays: 2,
    acceptMutable: false,
  });

  const demos = new DemosPage(app.page);
  await demos.createWorkspaceAndSprint('Payments platform');
  await demos.createDemo({ facilitator: 'Alex Moreno', attendees: ['Alice Auditor, auditor'] });
  await demos.pasteItems(['PAY-142 Card tokenisation', 'PAY-143 Refund limits']);
  await createIdentity(app.page);
  await new TrustSteps(app.page).exportCertificate();
  const certificateName = readdirSync(app.downloadsDir).find((name) => name.endsWith('.pem'));
  if (!certificateName) throw new Error('no certificate was exported');
  const certificate = path.join(app.downloadsDir, certificateName);

  // Settings → Team locker: TLS with the team's CA, credentials for this session, the test.
  let locker = new LockerPage(app.page);
  await locker.open();
  await expect(locker.credentialsPanel.getByRole('status')).toContainText(
    'No credentials given in this session.',
  );
  await locker.connect({
    endpoint: live.tlsEndpoint,
    bucket,
    region: live.region,
    caFile: live.caFile,
  });
  let verdict = await locker.test();
  await expect(verdict).toContainText('Not ready: Credentials');
  await locker.giveCredentials(live.accessKeyId, live.secretAccessKey);
  // The browser host has no keychain: remembering is refused, with the reason.
  await expect(locker.credentials.getByRole('checkbox', { name: /Remember them/ })).toBeDisabled();
  verdict = await locker.test();
  await expect(verdict).toContainText(`Ready: ${live.tlsEndpoint}/${bucket} is a team locker`);
  await expect(
    locker.testPanel
      .getByRole('row', { name: /^Object Lock/ })
      .getByRole('cell')
      .first(),
  ).toContainText('Yes');
  await app.screenshot('locker-connection-ready');

  // The gateway goes down; the sprint is published anyway and waits in the outbox.
  gateway('stop');
  let gatewayStopped = true;
  try {
    const bundles = new BundlesPage(app.page);
    await bundles.open();
    await bundles.exportForm.getByRole('radio', { name: 'A sprint' }).check();
    await bundles.exportForm.getByRole('button', { name: 'Publish to the team locker' }).click();
    await bundles.unlock(ALICE.passphrase);
    await expect(bundles.exportForm.getByRole('status')).toContainText(
      'queued for the team locker',
    );
    await locker.open();
    const row = locker.row(/\.dlbundle/);
    await expect(row).toContainText('Waiting');
    await expect(row).toContainText(/cannot reach|did not answer/);
    await locker.outbox.scrollIntoViewIfNeeded();
    await app.screenshot('locker-outbox-offline');

    // Quit and start again: the bundle is still queued; the credentials are asked for again.
    await app.restart();
    locker = new LockerPage(app.page);
    await locker.open();
    await expect(locker.credentialsPanel.getByRole('status')).toContainText(
      'No credentials given in this session.',
    );
    await expect(locker.row(/\.dlbundle/)).toContainText('Waiting');
    gateway('start');
    gatewayStopped = false;
  } finally {
    if (gatewayStopped) gateway('start');
  }
  await locker.giveCredentials(live.accessKeyId, live.secretAccessKey);
  const published = locker.row(/\.dlbundle/);
  await expect(published).toContainText('Published', { timeout: 120_000 });
  await expect(published).toContainText('bundles/audit/');
  await expect(locker.page.getByText('Everything is in the locker.')).toBeVisible();
  await locker.outbox.scrollIntoViewIfNeeded();
  await app.screenshot('locker-outbox-published');

  // The locker's own verify (the CLI's code) with Alice's certificate: every object intact,
  // under retention, one version each; the bundle is the one the app published.
  const target = openLocker(connectionTo(live, bucket));
  const trusted = certificatesFromFile(new Uint8Array(await readFile(certificate)));
  const check = await verifyLocker(target, { trust: { trusted, allowUntrusted: false } });
  expect(check.problems).toEqual([]);
  expect(check.ok).toBe(true);
  const keys: string[] = [];
  for await (const object of listObjects(target, 'bundles/')) keys.push(object.key);
  expect(keys).toHaveLength(1);
  await expect(published).toContainText(keys[0] ?? 'no bundle');
});
