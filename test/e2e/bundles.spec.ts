import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';
import { BundlesPage, TrustSteps } from './pages/bundles';
import { AuditLog, DataSettings } from './pages/data';
import { DemosPage } from './pages/demos';
import { ReportsPage } from './pages/reports';
import { Shell } from './pages/shell';
import { snapshotDatabase } from './support/idb';

const ALICE = {
  name: 'Alice Auditor',
  organisation: 'Internal Audit',
  email: 'alice@example.com',
  passphrase: 'alice passphrase 1',
};
const BOB = {
  name: 'Bob Reviewer',
  organisation: 'External Assurance',
  email: 'bob@example.com',
  passphrase: 'bob passphrase 22',
};
const QUESTION = 'Is the tokenisation key rotated?';

// Alice uses the first profile; Bob answers his own profile's first run.
test.use({ person: { name: ALICE.name, role: 'Auditor', organisation: ALICE.organisation } });
const BOB_PERSON = { name: BOB.name, role: 'Auditor', organisation: BOB.organisation };

function only(folder: string, extension: string): string {
  const files = readdirSync(folder).filter((name) => name.endsWith(extension));
  if (files.length !== 1)
    throw new Error(`expected one ${extension} in ${folder}: ${files.join(', ')}`);
  return path.join(folder, files[0] ?? '');
}

/** Settings: a signing identity. */
async function createIdentity(page: Page, identity: typeof ALICE): Promise<void> {
  await new Shell(page).nav('Settings').click();
  const reports = new ReportsPage(page);
  await reports.createIdentity(identity);
  await expect(reports.identityPanel.getByRole('definition').first()).toContainText(
    `CN=${identity.name}`,
  );
}

/** Demos → the demo → its review page, and answer the open question there. */
async function answerQuestion(page: Page, answer: string): Promise<void> {
  await page.keyboard.press('Alt+2');
  await page.getByRole('link', { name: 'Sprint 1 demo' }).click();
  await page.keyboard.press('Alt+R');
  const questions = page.getByRole('list', { name: 'Open questions' });
  await questions.getByLabel(`Answer to “${QUESTION}”`).fill(answer);
  await questions.getByRole('button', { name: 'Record answer' }).click();
  await expect(page.getByText('No open questions.')).toBeVisible();
}

test('a bundle round trip between two profiles: signed export, review with a co-signature, merge with one conflict', async ({
  app,
}, testInfo) => {
  test.setTimeout(300_000);
  const alice = app;
  // The reviewer's machine runs in dark theme: every screenshot of Bob's shows it.
  const bob = await openApp(testInfo, {
    name: 'reviewer',
    systemTheme: 'dark',
    person: BOB_PERSON,
  });
  try {
    // Alice records a sprint demo with an open question, and signs a bundle of the sprint.
    const demos = new DemosPage(alice.page);
    await demos.createWorkspaceAndSprint('Payments platform');
    await demos.createDemo({ facilitator: 'Alex Moreno', attendees: ['Alice Auditor, auditor'] });
    await demos.pasteItems(['PAY-142 Card tokenisation', 'PAY-143 Refund limits']);
    await demos.present();
    await demos.observe(QUESTION, 'q');
    await demos.leavePresenter();
    await createIdentity(alice.page, ALICE);
    await new TrustSteps(alice.page).exportCertificate();
    const aliceCertificate = only(alice.downloadsDir, '.pem');
    const aliceBundles = new BundlesPage(alice.page);
    await aliceBundles.open();
    await aliceBundles.exportSprint('Sprint 1', ALICE.passphrase);
    await app.screenshot('bundle-exported');
    const exported = only(alice.downloadsDir, '.dlbundle');

    // Bob trusts Alice's certificate, checks the bundle in full, and imports it for review.
    await createIdentity(bob.page, BOB);
    const bobTrust = new TrustSteps(bob.page);
    await bobTrust.trust(aliceCertificate);
    await bobTrust.exportCertificate();
    const bobCertificate = only(bob.downloadsDir, '.pem');
    const bobBundles = new BundlesPage(bob.page);
    await bobBundles.open();
    await bobBundles.choose(exported);
    await expect(bobBundles.importPanel.getByRole('status').first()).toContainText(
      'Verified before anything was stored',
    );
    const exportedBy = bobBundles.signatures.getByRole('row', { name: /^Exported/ });
    await expect(exportedBy).toContainText('Alice Auditor, Internal Audit');
    // Columns after the row header: signer, signed, intact, trusted.
    await expect(exportedBy.getByRole('cell').nth(2)).toHaveText('Yes');
    await expect(exportedBy.getByRole('cell').nth(3)).toHaveText(
      'Yes: a certificate you added (Alice Auditor)',
    );
    await expect(bobBundles.importPanel).toContainText('No conflicts.');
    await bobBundles.signatures.scrollIntoViewIfNeeded();
    await bob.screenshot('bundle-import-verified-dark');
    await bobBundles.importPanel.getByRole('button', { name: 'Import for review' }).click();
    await expect(bobBundles.importPanel.getByRole('status')).toContainText(
      /Imported \d+ records of Sprint 1 for review/,
    );

    // Bob answers the question, adds an observation, co-signs and exports the review.
    await answerQuestion(bob.page, 'Yes, every 90 days (Bob)');
    await bobBundles.open();
    await bobBundles.list
      .getByRole('row', { name: /Imported for review/ })
      .getByRole('button', { name: 'Review' })
      .click();
    const review = bobBundles.review('Sprint 1');
    await review.getByLabel('About').selectOption({ label: 'PAY-142 Card tokenisation' });
    await review
      .getByRole('textbox', { name: 'Observation' })
      .fill('Attach the key rotation log to the next demo.');
    await review.getByRole('button', { name: 'Add observation' }).click();
    await expect(review.getByRole('list', { name: 'Observations' })).toContainText(
      'Attach the key rotation log to the next demo.',
    );
    await review.getByRole('button', { name: 'Co-sign and export reviewed bundle…' }).click();
    await bobBundles.unlock(BOB.passphrase);
    await expect(review.getByRole('status')).toContainText(
      'Reviewed bundle saved with your co-signature (2 changed or added records)',
    );
    await review.scrollIntoViewIfNeeded();
    await bob.screenshot('bundle-review-dark');
    const reviewed = readdirSync(bob.downloadsDir).find((name) =>
      name.startsWith('demo-ledger-review-'),
    );
    if (!reviewed) throw new Error('no reviewed bundle was saved');
    const reviewedFile = path.join(bob.downloadsDir, reviewed);

    // Meanwhile Alice answered the same question; she trusts Bob, and merges his review.
    await answerQuestion(alice.page, 'Not yet (Alice)');
    await new Shell(alice.page).nav('Settings').click();
    await new TrustSteps(alice.page).trust(bobCertificate);
    await aliceBundles.open();
    await aliceBundles.choose(reviewedFile);
    const signatures = aliceBundles.signatures;
    await expect(signatures.getByRole('row', { name: /^Exported/ })).toContainText('Alice Auditor');
    await expect(signatures.getByRole('row', { name: /^Review 1/ })).toContainText(
      'Bob Reviewer, External Assurance',
    );
    await expect(
      signatures
        .getByRole('row', { name: /^Review 1/ })
        .getByRole('cell')
        .nth(3),
    ).toHaveText(/^Yes: a certificate you added \(Bob Reviewer/);
    const conflict = aliceBundles.conflict(1);
    await expect(conflict).toContainText(`Note “${QUESTION}”`);
    const answerRow = conflict.getByRole('row', { name: /^answer —/ });
    await expect(answerRow).toContainText('Not yet (Alice)');
    await expect(answerRow).toContainText('Yes, every 90 days (Bob)');
    const merge = aliceBundles.importPanel.getByRole('button', { name: 'Merge into this ledger' });
    await expect(merge).toBeDisabled();
    await conflict.scrollIntoViewIfNeeded();
    await app.screenshot('bundle-merge-conflict');
    await conflict.getByRole('radio', { name: 'Take the reviewer’s version' }).check();
    await merge.click();
    await expect(aliceBundles.importPanel.getByRole('status')).toContainText(
      'Merged 2 records from the review of Sprint 1; 1 conflict resolved as chosen',
    );
    await expect(aliceBundles.list.getByRole('row', { name: /Review merged/ })).toContainText(
      'Alice Auditor, Bob Reviewer',
    );
    await aliceBundles.list
      .getByRole('row', { name: /Review merged/ })
      .getByRole('button', { name: 'Observations' })
      .click();
    const observations = aliceBundles
      .review('Sprint 1')
      .getByRole('list', { name: 'Observations' });
    await expect(observations).toContainText('Attach the key rotation log to the next demo.');
    await expect(observations).toContainText('PAY-142 Card tokenisation · Bob Reviewer');
    await observations.scrollIntoViewIfNeeded();
    await app.screenshot('bundle-merged');

    // Everything merged is in the audit log as `merge`, and the chain verifies.
    const log = new AuditLog(alice.page);
    await log.open();
    await log.filters.getByLabel('Action').selectOption('merge');
    await expect(log.rows()).toHaveCount(3);
    for (const who of await log.rows().locator('td:nth-child(3)').allTextContents()) {
      expect(who).toBe('Alice Auditor');
    }
    const noteEntry = log.rows().filter({ hasText: 'demoNotes' });
    await noteEntry.getByRole('button', { name: /^Details of entry/ }).click();
    const diff = log.entries.getByRole('table', { name: 'Changed fields' });
    await expect(diff.getByRole('row', { name: /^answer\b/ }).first()).toContainText(
      'Not yet (Alice)',
    );
    await expect(diff.getByRole('row', { name: /^answer\b/ }).first()).toContainText(
      'Yes, every 90 days (Bob)',
    );
    await app.screenshot('bundle-merge-audit-log');
    const data = new DataSettings(alice.page);
    await data.open();
    await expect(await data.verifyAuditLog()).toContainText('Intact');

    // The command line verifies both signatures and their trust.
    const cli = spawnSync(
      process.execPath,
      [
        'bin/demo-ledger.js',
        'verify',
        '--json',
        '--require-trust',
        '--trust',
        aliceCertificate,
        '--trust',
        bobCertificate,
        reviewedFile,
      ],
      { encoding: 'utf8' },
    );
    expect(cli.status, cli.stdout + cli.stderr).toBe(0);
    const report = JSON.parse(cli.stdout) as {
      files: {
        kind: string;
        bundle: { signatures: { signer: string; trusted: boolean; valid: boolean }[] };
      }[];
    };
    expect(report.files[0]?.kind).toBe('bundle');
    expect(report.files[0]?.bundle.signatures).toMatchObject([
      { signer: 'Alice Auditor', valid: true, trusted: true },
      { signer: 'Bob Reviewer', valid: true, trusted: true },
    ]);
  } finally {
    await bob.close();
  }
});

test('a flipped byte in a bundle is detected and nothing is imported', async ({ app }) => {
  test.setTimeout(120_000);
  const demos = new DemosPage(app.page);
  await demos.createWorkspaceAndSprint('Payments platform');
  await demos.createDemo({ facilitator: 'Alex Moreno', attendees: ['Alice Auditor, auditor'] });
  await demos.pasteItems(['PAY-142 Card tokenisation', 'PAY-143 Refund limits']);
  await createIdentity(app.page, ALICE);
  const bundles = new BundlesPage(app.page);
  await bundles.open();
  await bundles.exportSprint('Sprint 1', ALICE.passphrase);
  const file = only(app.downloadsDir, '.dlbundle');
  const bytes = readFileSync(file);
  const at = bytes.lastIndexOf('Card tokenisation');
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  const flipped = path.join(app.downloadsDir, 'flipped.dlbundle');
  writeFileSync(flipped, bytes);

  const before = await snapshotDatabase(app.page);
  await bundles.choose(flipped);
  const alert = bundles.importPanel.getByRole('alert');
  await expect(alert).toContainText('This bundle did not verify:');
  await expect(alert).toContainText(
    'is damaged or was changed (its SHA-256 does not match the manifest)',
  );
  await expect(alert).toContainText('Nothing was stored.');
  await expect(
    bundles.importPanel.getByRole('button', { name: /Import for review|Merge/ }),
  ).toHaveCount(0);
  await alert.scrollIntoViewIfNeeded();
  await app.screenshot('bundle-flipped-byte');
  expect(await snapshotDatabase(app.page)).toEqual(before);

  // A byte of the signature outside what it signs (its list of digest algorithms) is named too.
  const signature = readFileSync(file);
  const digestList = signature.lastIndexOf('manifest.json.sig') + 512 + 40;
  signature[digestList] = (signature[digestList] ?? 0) ^ 0x01;
  const unsigned = path.join(app.downloadsDir, 'flipped-signature.dlbundle');
  writeFileSync(unsigned, signature);
  await bundles.choose(unsigned);
  await expect(alert).toContainText('Signature: the signed data does not name SHA-256');
  await expect(alert).toContainText('Nothing was stored.');
  expect(await snapshotDatabase(app.page)).toEqual(before);
});
