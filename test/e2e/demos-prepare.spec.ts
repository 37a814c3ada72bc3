import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sharedFixture } from '../fixtures';
import { expect, test } from './fixtures';
import { DemosPage } from './pages/demos';
import { ReportsPage } from './pages/reports';
import { Shell } from './pages/shell';

const PASSPHRASE = 'correct horse battery staple';
const CSV_FIXTURE = path.resolve(import.meta.dirname, '../fixtures/jira-export-agenda.csv');

test('prepares an agenda from a template, a Jira export and a CSV file', async ({ app }) => {
  // A whole meeting in one test: give it room on a loaded two-core machine.
  test.slow();
  const demos = new DemosPage(app.page);
  const page = app.page;
  page.on('filechooser', () => undefined);
  await demos.createWorkspaceAndSprint('Imports');
  await demos.press('Alt+2');
  // Alt+N means "new demo" once the Demos page (and its commands) is there.
  await expect(page.getByRole('heading', { level: 1, name: 'Demos' })).toBeVisible();
  await demos.press('Alt+N');
  const dialog = demos.dialog('New demo');
  await demos.tabTo(dialog.getByLabel('Agenda template'));
  await demos.press('ArrowDown');
  await expect(dialog.getByLabel('Agenda template')).toHaveValue('infrastructure-hardening');
  await demos.tabTo(dialog.getByRole('button', { name: 'Create demo' }));
  await demos.press('Enter');
  await expect(demos.agendaItems()).toHaveCount(4);
  await expect(demos.agendaItems().nth(1)).toContainText('Exposed ports and services');
  await expect(demos.agendaItems().nth(1)).toContainText('cm-7');

  await demos.press('Alt+I');
  const importDialog = demos.dialog('Import from Jira or CSV');
  const fileInput = importDialog.getByLabel('Jira JSON or CSV file');
  await expect(fileInput).toBeFocused();
  let chooser = page.waitForEvent('filechooser');
  await demos.press('Space');
  await (await chooser).setFiles(sharedFixture('jira', 'go-jira-agile-issues-in-sprint.json'));
  await expect(importDialog).toContainText('This file holds 1 of the 10 issues');
  await expect(importDialog.getByRole('table', { name: 'Items to add' })).toContainText('AR-86');
  await demos.tabTo(importDialog.getByRole('button', { name: 'Add 1 item' }));
  await demos.press('Enter');
  await expect(importDialog).toBeHidden();
  await expect(demos.agendaItems()).toHaveCount(5);
  await expect(demos.agendaItems().nth(4)).toContainText('mister Morris');

  await demos.press('Alt+I');
  chooser = page.waitForEvent('filechooser');
  await demos.press('Space');
  await (await chooser).setFiles(CSV_FIXTURE);
  await expect(importDialog.getByRole('alert')).toContainText(
    'row 3: “not-a-control” is not a control reference; left out.',
  );
  await demos.tabTo(importDialog.getByRole('button', { name: 'Add 4 items' }));
  await demos.press('Enter');
  await expect(demos.agendaItems()).toHaveCount(9);
  // Imported HTML is shown as text, never rendered.
  await expect(demos.agendaItems().nth(8)).toContainText('<script>alert(1)</script>');
  await expect(demos.agendaItems().nth(8)).toContainText('<img src=x onerror=alert(1)>');

  await page.reload();
  await expect(demos.agendaItems()).toHaveCount(9);
  await app.screenshot('demo-prepare');
});

test('attaches evidence by drop and by key, reports coverage, and amends a signed record', async ({
  app,
}) => {
  // A whole meeting in one test: give it room on a loaded two-core machine.
  test.slow();
  const demos = new DemosPage(app.page);
  const page = app.page;
  // Playwright intercepts file choosers only once a listener exists; listen from the start so
  // the chooser that F opens is never missed.
  page.on('filechooser', () => undefined);
  await demos.createWorkspaceAndSprint('Evidence');
  await new Shell(page).nav('Settings').click();
  await new ReportsPage(page).createIdentity({
    name: 'Dana Reyes',
    organisation: 'Acme Audit',
    email: 'dana@example.com',
    passphrase: PASSPHRASE,
  });
  await demos.createDemo({ facilitator: 'Alex', attendees: ['Dana Reyes, auditor'] });
  await demos.addItem({
    key: 'OPS-7',
    owner: 'Kim',
    title: 'Only expected ports open',
    description: 'Nmap of the staging environment compared with last sprint.',
    controls: ['nist-sp-800-53-rev5#cm-7', 'nist-sp-800-53-rev5#sc-7'],
  });
  await demos.addItem({
    key: 'OPS-8',
    owner: 'Kim',
    title: 'Backups restored',
    description: 'Restore drill.',
    controls: ['nist-sp-800-53-rev5#cp-9'],
  });
  await demos.press('Alt+P');
  await expect(demos.itemTitle()).toHaveText('Only expected ports open');

  const content = '{"site":[{"alerts":[]}]}';
  const dataTransfer = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'zap-report.json', { type: 'application/json' }));
    return transfer;
  }, content);
  await demos.presenter.dispatchEvent('dragover', { dataTransfer });
  await demos.presenter.dispatchEvent('drop', { dataTransfer });
  const sha = createHash('sha256').update(content).digest('hex');
  await expect(demos.timeline()).toContainText('zap-report.json');
  await expect(demos.timeline()).toContainText(sha.slice(0, 16));
  // Stored in the evidence store (not just fingerprinted), read as plain JSON: it demonstrates
  // none of the item's controls, so it is linked to the item only, and it has no date.
  await expect(demos.timeline()).toContainText('stored');
  await expect(demos.timeline()).toContainText('JSON');
  const json = demos.evidenceEntry('zap-report.json');
  await expect(json).toContainText('Not linked to a control');
  await expect(json).toContainText('undated');

  const nmap = sharedFixture('nmap', 'nmap-localhost-current.xml');
  const chooser = page.waitForEvent('filechooser');
  await demos.press('f');
  await (await chooser).setFiles(nmap);
  const nmapSha = createHash('sha256').update(readFileSync(nmap)).digest('hex');
  await expect(demos.timeline()).toContainText('nmap-localhost-current.xml');
  await expect(demos.timeline()).toContainText(nmapSha.slice(0, 16));
  await expect(demos.timeline()).toContainText('Nmap XML 1.05: 1 host, 3 open ports');
  await expect(demos.evidenceEntry('nmap-localhost-current.xml')).toContainText(
    'Linked to nist-sp-800-53-rev5#cm-7, nist-sp-800-53-rev5#sc-7 ·',
  );
  await demos.press('s');
  await expect(demos.verdictOf('nist-sp-800-53-rev5#cm-7')).toContainText('Satisfied');
  await page.reload();
  await expect(demos.timeline()).toContainText(nmapSha.slice(0, 16));

  // Coverage: cm-7 demonstrated with fresh evidence (the scan's own date); sc-7 has the scan
  // linked but was not judged; cp-9 (the other item) has neither.
  await demos.leavePresenter();
  await demos.press('Alt+2', 'Alt+C');
  const coverage = page.getByRole('table', { name: 'Control coverage' });
  await expect(coverage.getByRole('row', { name: /cm-7/ })).toContainText('Satisfied');
  await expect(coverage.getByRole('row', { name: /cm-7/ })).toContainText('Fresh');
  await expect(coverage.getByRole('row', { name: /sc-7/ })).toContainText('Not demonstrated');
  await expect(coverage.getByRole('row', { name: /cp-9/ })).toContainText('Not demonstrated');
  await expect(coverage.getByRole('row', { name: /cp-9/ })).toContainText('Stale: no evidence');
  await expect(page.getByLabel('Coverage summary')).toContainText('Demonstrated1');
  await app.screenshot('coverage');

  // Sign off, then amend.
  await page.getByRole('link', { name: 'Demos' }).first().click();
  await page.getByRole('link', { name: 'Sprint 1 demo' }).click();
  await demos.press('Alt+R');
  await demos.signOff('Sign off the demo', PASSPHRASE);
  const banner = page.getByRole('region', { name: 'Sign-off status' });
  await banner.getByRole('button', { name: 'Open an amendment' }).click();
  await demos
    .dialog('Open an amendment')
    .getByLabel('Reason for the amendment')
    .fill('The TLS scan arrived after the demo');
  await demos.dialog('Open an amendment').getByRole('button', { name: 'Open amendment' }).click();
  await expect(banner).toContainText('Amendment 1 open');
  await demos.present();
  await demos.observe('TLS scan attached after the meeting.');
  await demos.press('Alt+R');
  await demos.signOff('Sign off amendment 1', PASSPHRASE);
  await expect(page.getByLabel('Sign-offs')).toContainText('The TLS scan arrived after the demo');
  await expect(banner).toContainText('amended 1 time');
  await app.screenshot('demo-review');
});
