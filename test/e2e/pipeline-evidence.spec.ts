import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { sharedFixture } from '../fixtures';
import { mustRun } from '../tools/run';
import { expect, test } from './fixtures';
import { TrustSteps } from './pages/bundles';
import { DemosPage } from './pages/demos';
import { EvidencePage } from './pages/evidence';
import { ReportsPage } from './pages/reports';
import { Shell } from './pages/shell';
import { GITHUB, PIPELINE_COMMIT, pipeline } from './support/pipeline';

const PASSPHRASE = 'correct horse battery staple';
const CM7 = 'nist-sp-800-53-rev5#cm-7';
const COMMIT = PIPELINE_COMMIT;

test('a pipeline bundle is imported, its files carry their custody to a demo item and into the signed record', async ({
  app,
}, testInfo) => {
  test.slow();
  const page = app.page;
  const shell = new Shell(page);
  const demos = new DemosPage(page);
  const evidence = new EvidencePage(page);
  const reports = new ReportsPage(page);

  // In the pipeline: a CI identity, then `collect` over a scan and a test report.
  const ciKey = testInfo.outputPath('payments-ci.p12');
  const bundle = testInfo.outputPath('security.dlevidence');
  pipeline(['identity', 'create', '--cn', 'payments CI', '--out', ciKey]);
  pipeline(
    [
      'collect',
      sharedFixture('nmap', 'nmap-localhost-current.xml'),
      sharedFixture('junit', 'pytest-9-xunit2.xml'),
      '--out',
      bundle,
      '--identity',
      ciKey,
    ],
    GITHUB,
  );

  await demos.createWorkspaceAndSprint('Payments platform');
  await shell.nav('Settings').click();
  await reports.createIdentity({
    name: 'Dana Reyes',
    organisation: 'Internal Audit',
    email: 'dana@example.com',
    passphrase: PASSPHRASE,
  });

  // Evidence: the bundle is verified before anything is stored; the CI signer is not trusted
  // yet, so nothing is imported without saying so.
  await demos.press('Alt+3');
  const panel = page.getByRole('region', { name: 'Pipeline evidence bundle' });
  await panel.getByLabel('Evidence bundle to import').setInputFiles(bundle);
  await expect(panel.getByRole('status').first()).toContainText('signed by payments CI (SHA-256');
  await expect(panel.getByRole('status').first()).toContainText('not on your trust list');
  await expect(panel.getByRole('button', { name: 'Import 2 files' })).toBeDisabled();

  // The pipeline's certificate is trusted; the same bundle is checked again and imported.
  await shell.nav('Settings').click();
  await new TrustSteps(page).trust(ciKey.replace(/\.p12$/, '.pem'));
  await demos.press('Alt+3');
  await panel.getByLabel('Evidence bundle to import').setInputFiles(bundle);
  await expect(panel.getByRole('status').first()).toHaveText(
    'Verified: intact and signed by payments CI, a trusted certificate.',
  );
  await expect(panel.getByRole('group', { name: 'Bundle checked' })).toContainText(COMMIT);
  await panel.getByRole('button', { name: 'Import 2 files' }).click();
  await expect(panel.getByRole('status').last()).toHaveText(
    'Imported from the bundle: 2 new, 0 already attached (their custody was added).',
  );
  await app.screenshot('pipeline-bundle-imported');

  await evidence.open('nmap-localhost-current.xml');
  const custody = page.getByRole('region', { name: 'Custody' });
  await expect(custody).toContainText('security / scan, run #4242');
  await expect(custody).toContainText(COMMIT);
  await expect(custody).toContainText('acme/payments');
  await expect(custody).toContainText('payments CI');
  await expect(custody).toContainText('trusted');
  await expect(custody).toContainText('by Dana Reyes');
  await app.screenshot('pipeline-custody');

  // The certificate is listed as a pipeline's among the trusted ones.
  await shell.nav('Settings').click();
  await expect(
    page.getByRole('region', { name: 'Trusted certificates' }).getByText('pipeline', {
      exact: true,
    }),
  ).toBeVisible();

  // A demo item for CM-7 pulls the newest pipeline evidence for its control: the scan.
  await demos.createDemo({ facilitator: 'Alex Moreno', attendees: ['Dana Reyes, auditor'] });
  await demos.addItem({
    key: 'PAY-7',
    owner: 'Kim Ito',
    title: 'Edge hardening',
    description: 'Only the expected ports are open at the edge.',
    controls: [CM7],
  });
  await page
    .getByRole('button', { name: 'Add the newest pipeline evidence to Edge hardening' })
    .click();
  await expect(
    page.getByText(/Edge hardening: attached nmap-localhost-current\.xml/),
  ).toBeVisible();
  await expect(demos.agendaItems().first()).toContainText('1 evidence');

  // The demo's signed record names the pipeline, the run, the commit and the CI signer.
  await shell.nav('Reports').click();
  await reports.chooseDemo('Sprint 1 demo');
  await reports.buildAndSign(PASSPHRASE);
  await expect(
    reports.buildPanel
      .getByRole('region', { name: /^Verification of DL-.*-DEM-/ })
      .getByRole('status'),
  ).toHaveText('Valid: every signature verifies and every signer is trusted.');
  const [saved = ''] = readdirSync(app.downloadsDir).filter((name) => name.endsWith('.pdf'));
  const file = path.join(app.downloadsDir, saved);
  // The record's evidence: each file's provenance (pdftotext; text wraps, so words are compared).
  const words = mustRun('pdftotext', ['-raw', file, '-'])
    .replace(/\s+/g, ' ')
    .replaceAll('/ ', '/');
  for (const phrase of [
    'pipeline security /scan',
    'run #4242',
    'in acme/payments',
    'signed by payments CI (trusted when imported)',
    'verified at import by Dana Reyes',
  ])
    expect(words).toContain(phrase);
  // The manifest attached to the PDF carries the custody whole.
  const detached = testInfo.outputPath('evidence-manifest.json');
  const index = /^(\d+): evidence-manifest\.json$/m.exec(
    mustRun('pdfdetach', ['-list', file]),
  )?.[1];
  mustRun('pdfdetach', ['-save', index ?? '0', '-o', detached, file]);
  const manifest = JSON.parse(readFileSync(detached, 'utf8')) as {
    files: { name: string; custody?: Record<string, unknown> }[];
  };
  expect(manifest.files).toEqual([
    expect.objectContaining({
      name: 'nmap-localhost-current.xml',
      custody: expect.objectContaining({
        system: 'github-actions',
        repository: 'acme/payments',
        pipeline: 'security',
        job: 'scan',
        runId: '4242',
        commit: COMMIT,
        signer: expect.objectContaining({ commonName: 'payments CI' }),
        signerTrusted: true,
        verifiedBy: 'Dana Reyes',
      }),
    }),
  ]);
  await app.screenshot('pipeline-record-signed');
});
