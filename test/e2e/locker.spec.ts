import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { certificatesFromFile } from '../../core/signing/der';
import { listObjects, openLocker } from '../../main/services/locker/client';
import type { LockerConnection } from '../../main/services/locker/client';
import { initLocker } from '../../main/services/locker/init';
import { pushBundle } from '../../main/services/locker/push';
import { verifyLocker } from '../../main/services/locker/verify';
import type { LockerEngine } from '../support/locker-dev';
import { lockerDev, startLockerEngine } from '../support/locker-dev';
import { sharedFixture } from '../fixtures';
import { expect, openApp, test } from './fixtures';
import { BundlesPage, TrustSteps } from './pages/bundles';
import { DemosPage } from './pages/demos';
import { LockerBundles, LockerPage } from './pages/locker';
import { ReportsPage } from './pages/reports';
import { Shell } from './pages/shell';
import { GITHUB, pipeline } from './support/pipeline';

/**
 * The team locker through the app, two profiles against a local Ceph started for this file with
 * the locker tests' own harness (scripts/locker-dev.mjs, bounded in time, stopped by its PIDs;
 * skipped with the reason only where the Ceph packages are missing): Alice sets up, tests the
 * connection, publishes a signed sprint bundle while the gateway is stopped, quits, comes back,
 * and sees it published by itself once the gateway is back, nothing lost. A pipeline publishes
 * an evidence bundle. Bob, on his own profile, pulls both, imports Alice's sprint for review and
 * the pipeline's files as evidence, and verifies the whole locker from the page.
 */

const ALICE = {
  name: 'Alice Auditor',
  organisation: 'Internal Audit',
  email: 'alice@example.com',
  passphrase: 'alice passphrase 1',
};
test.use({ person: { name: ALICE.name, role: 'Auditor', organisation: ALICE.organisation } });
const BOB_PERSON = { name: 'Bob Reviewer', role: 'Auditor', organisation: 'External Assurance' };

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

/** A pipeline's signed evidence bundle (`collect`), pushed to the locker as `locker push` does. */
async function publishPipelineEvidence(
  engine: LockerEngine,
  bucket: string,
  dir: string,
): Promise<{ certificate: string }> {
  mkdirSync(dir, { recursive: true });
  const identity = path.join(dir, 'payments-ci.p12');
  const bundle = path.join(dir, 'security.dlevidence');
  pipeline(['identity', 'create', '--cn', 'payments CI', '--out', identity]);
  pipeline(
    [
      'collect',
      sharedFixture('nmap', 'nmap-localhost-current.xml'),
      sharedFixture('junit', 'pytest-9-xunit2.xml'),
      '--out',
      bundle,
      '--identity',
      identity,
    ],
    GITHUB,
  );
  const certificate = identity.replace(/\.p12$/, '.pem');
  const trusted = certificatesFromFile(new Uint8Array(await readFile(certificate)));
  await pushBundle(openLocker(connectionTo(engine, bucket)), bundle, {
    trust: { trusted, allowUntrusted: false },
  });
  return { certificate };
}

test('two profiles share a locker: publish through a gateway stop and a restart, pull and review in the other, nothing lost', async ({
  app,
}, testInfo) => {
  test.skip(live === null, `no local Ceph: ${missing}`);
  if (live === null) return;
  test.setTimeout(420_000);
  const bucket = `dl-e2e-${Date.now().toString(36)}`;
  await initLocker(openLocker(connectionTo(live, bucket)), {
    mode: 'COMPLIANCE',
    retentionDays: 2,
    acceptMutable: false,
  });
  const connection = {
    endpoint: live.tlsEndpoint,
    bucket,
    region: live.region,
    caFile: live.caFile,
  };

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
  await locker.connect(connection);
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

  // The gateway (radosgw, stopped by its PID) goes down; the sprint is published anyway and
  // waits in the outbox.
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
    await expect(locker.page.getByText(/1 bundle not yet in the locker/)).toBeVisible();
    // With credentials but no gateway, it keeps waiting and says why.
    await locker.giveCredentials(live.accessKeyId, live.secretAccessKey);
    await expect(locker.row(/\.dlbundle/)).toContainText(/cannot reach|did not answer/);
    gateway('start');
    gatewayStopped = false;
  } finally {
    if (gatewayStopped) gateway('start');
  }
  // Nothing more is done on the page: the app retries by itself and the page hears of it.
  const published = locker.row(/\.dlbundle/);
  await expect(published).toContainText('Published', { timeout: 120_000 });
  await expect(published).toContainText('bundles/audit/');
  await expect(locker.page.getByText('Everything is in the locker.')).toBeVisible();
  await locker.outbox.scrollIntoViewIfNeeded();
  await app.screenshot('locker-outbox-published');

  // A pipeline publishes its evidence bundle to the same locker.
  const ci = await publishPipelineEvidence(live, bucket, testInfo.outputPath('pipeline'));

  // Bob, on his own profile: trusts Alice and the pipeline, connects to the same locker.
  const bob = await openApp(testInfo, { name: 'bob', person: BOB_PERSON });
  try {
    await new Shell(bob.page).nav('Settings').click();
    const bobTrust = new TrustSteps(bob.page);
    await bobTrust.trust(certificate);
    await bobTrust.trust(ci.certificate);
    const bobLocker = new LockerPage(bob.page);
    await bobLocker.open();
    await bobLocker.connect(connection);
    await bobLocker.giveCredentials(live.accessKeyId, live.secretAccessKey);

    // Alice's sprint, pulled (put back together and verified in main), checked again and
    // imported for review with its own chain.
    const bobBundles = new BundlesPage(bob.page);
    await bobBundles.open();
    await new LockerBundles(bob.page, 'In the team locker').pull(/\.dlbundle/);
    await expect(bobBundles.importPanel.getByRole('status').first()).toContainText(
      'Verified before anything was stored',
    );
    await expect(bobBundles.signatures.getByRole('row', { name: /^Exported/ })).toContainText(
      'Alice Auditor, Internal Audit',
    );
    await bobBundles.importPanel.getByRole('button', { name: 'Import for review' }).click();
    await expect(bobBundles.importPanel.getByRole('status')).toContainText(
      /Imported \d+ records of Sprint 1 for review/,
    );
    await bobBundles.list
      .getByRole('row', { name: /Imported for review/ })
      .getByRole('button', { name: 'Review' })
      .click();
    await expect(bobBundles.review('Sprint 1')).toBeVisible();
    await bob.screenshot('locker-teammate-imported');

    // The pipeline's evidence bundle, pulled from the locker into the pipeline-bundle import.
    await bob.page.keyboard.press('Alt+3');
    const evidenceLocker = new LockerBundles(bob.page, 'Pipeline evidence in the team locker');
    await evidenceLocker.pull(/\.dlevidence/);
    const pipelinePanel = bob.page.getByRole('region', { name: 'Pipeline evidence bundle' });
    await expect(pipelinePanel.getByRole('status').first()).toHaveText(
      'Verified: intact and signed by payments CI, a trusted certificate.',
    );
    await pipelinePanel.getByRole('button', { name: 'Import 2 files' }).click();
    await expect(pipelinePanel.getByRole('status').last()).toHaveText(
      'Imported from the bundle: 2 new, 0 already attached (their custody was added).',
    );
    await bob.screenshot('locker-pipeline-evidence-imported');

    // Bob verifies the whole locker from the page: both bundles and their files intact.
    await bobLocker.open();
    const check = await bobLocker.verify();
    await expect(check).toContainText('Intact: 2 bundles and');
    await expect(check).toContainText('each kept 2 days in compliance mode');
    await bobLocker.verifyPanel.scrollIntoViewIfNeeded();
    await bob.screenshot('locker-verified');
  } finally {
    await bob.close();
  }

  // The locker's own verify (the CLI's code): every object intact, under retention, one version
  // each; the audit bundle is the one the app published.
  const target = openLocker(connectionTo(live, bucket));
  const trusted = [
    ...certificatesFromFile(new Uint8Array(await readFile(certificate))),
    ...certificatesFromFile(new Uint8Array(await readFile(ci.certificate))),
  ];
  const check = await verifyLocker(target, { trust: { trusted, allowUntrusted: false } });
  expect(check.problems).toEqual([]);
  expect(check.ok).toBe(true);
  const keys: string[] = [];
  for await (const object of listObjects(target, 'bundles/audit/')) keys.push(object.key);
  expect(keys).toHaveLength(1);
  await expect(published).toContainText(keys[0] ?? 'no bundle');
});
