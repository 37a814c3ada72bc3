import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { localFixture, sharedFixture } from '../fixtures';
import { largeJunit } from '../support/large-junit';
import { expect, test } from './fixtures';
import { EvidencePage } from './pages/evidence';
import { FindingsPanel } from './pages/findings';
import { Shell } from './pages/shell';
import { SprintsPage } from './pages/sprints';

const SARIF = sharedFixture('sarif/eslint-8-sarif-formatter.sarif');
const NMAP_PREVIOUS = sharedFixture('nmap/nmap-localhost-previous.xml');
const NMAP_CURRENT = sharedFixture('nmap/nmap-localhost-current.xml');
const ONE_PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

function sha256sum(file: string): string {
  return spawnSync('sha256sum', [file], { encoding: 'utf8' }).stdout.split(' ')[0] ?? '';
}

async function openEvidenceArea(page: Page): Promise<EvidencePage> {
  await new SprintsPage(page).createFirstWorkspace('Payments platform audit');
  await new Shell(page).nav('Evidence').click();
  const evidence = new EvidencePage(page);
  await evidence.dropZone.waitFor();
  return evidence;
}

test('drop a SARIF file and an Nmap pair, see summaries and drift, link controls, reload: all there', async ({
  app,
}) => {
  let evidence = await openEvidenceArea(app.page);

  // SARIF by drag and drop.
  await evidence.drop(SARIF);
  await expect(evidence.row('eslint-8-sarif-formatter.sarif')).toContainText(
    '21 findings (18 high, 3 medium)',
  );

  // The Nmap pair with the file picker, previous first.
  await evidence.pick(NMAP_PREVIOUS);
  await expect(evidence.row('nmap-localhost-previous.xml')).toContainText('1 host, 2 open ports');
  await evidence.pick(NMAP_CURRENT);
  await expect(evidence.row('nmap-localhost-current.xml')).toContainText('1 host, 3 open ports');
  // Compared with the previous scan of the same host as soon as it arrives.
  await expect(app.page.getByRole('list', { name: 'Just attached' })).toContainText(
    'since nmap-localhost-previous.xml: ports opened 2, ports closed 1',
  );
  await app.screenshot('evidence-list');

  // SARIF detail: integrity, counts, findings table, control suggestions.
  await evidence.open('eslint-8-sarif-formatter.sarif');
  await expect(app.page.getByTestId('evidence-sha256')).toHaveText(sha256sum(SARIF));
  await expect(evidence.countCard('Findings')).toContainText('21');
  // The table draws the rows in view; it holds all 21 (and a header row) for assistive technology.
  const findings = new FindingsPanel(app.page);
  await expect(findings.count).toHaveText('21 findings.');
  await expect(findings.table).toHaveAttribute('aria-rowcount', '22');
  await app.page
    .getByRole('button', { name: 'Link nist-sp-800-53-rev5#sa-11', exact: true })
    .click();
  await evidence.linkControl('nist-sp-800-53-rev5#ra-5');
  await expect(evidence.linkedControls()).toContainText('nist-sp-800-53-rev5#sa-11');
  await expect(evidence.linkedControls()).toContainText('nist-sp-800-53-rev5#ra-5');
  await evidence.linkControl('not a control');
  await expect(
    app.page.getByRole('alert').filter({ hasText: 'No control matches “not a control”' }),
  ).toBeVisible();
  // An id is read as every control field reads it (the agenda's field too).
  await evidence.linkControl('cm-8');
  await expect(evidence.linkedControls()).toContainText('nist-sp-800-53-rev5#cm-8');
  await app.screenshot('evidence-sarif-detail');

  // Nmap current: the drift against the previous scan, found automatically.
  await evidence.backToList();
  await evidence.open('nmap-localhost-current.xml');
  await expect(evidence.driftGroup('Ports opened')).toContainText('18082/tcp');
  await expect(evidence.driftGroup('Ports opened')).toContainText('18443/tcp ssl/http');
  await expect(evidence.driftGroup('Ports closed')).toContainText('18081/tcp');
  await expect(evidence.driftGroup('Ports closed').getByRole('definition')).toHaveCount(1);
  await app.page.getByLabel('Expected open ports').fill('18080, 18443/tcp');
  await app.page.getByRole('button', { name: 'Save expected ports' }).click();
  await expect(evidence.driftGroup('Unexpected open ports')).toContainText('127.0.0.1:18082/tcp');
  await evidence.linkControl('nist-sp-800-53-rev5#cm-7');
  await expect(evidence.linkedControls()).toContainText('nist-sp-800-53-rev5#cm-7');
  await app.screenshot('evidence-nmap-drift');

  // Quit and start again: everything is still there.
  await app.restart();
  await new Shell(app.page).nav('Evidence').click();
  evidence = new EvidencePage(app.page);
  await expect(evidence.list.getByRole('row')).toHaveCount(4);
  await expect(evidence.row('eslint-8-sarif-formatter.sarif')).toContainText(
    'nist-sp-800-53-rev5#ra-5, nist-sp-800-53-rev5#sa-11',
  );
  await expect(evidence.row('nmap-localhost-current.xml')).toContainText(
    'nist-sp-800-53-rev5#cm-7',
  );
  await evidence.open('nmap-localhost-current.xml');
  await expect(evidence.driftGroup('Ports opened')).toContainText('18082/tcp');
  await expect(evidence.driftGroup('Unexpected open ports')).toContainText('127.0.0.1:18082/tcp');
  await expect(app.page.getByTestId('evidence-sha256')).toHaveText(sha256sum(NMAP_CURRENT));
  await expect(app.page.getByRole('table', { name: 'Open ports' }).getByRole('row')).toHaveCount(4);
  // Search the list: by a linked control, by words of a file name, by format and summary.
  await evidence.backToList();
  await evidence.search.fill('cm-7');
  await expect(evidence.list.getByRole('row')).toHaveCount(2);
  await expect(evidence.row('nmap-localhost-current.xml')).toBeVisible();
  await evidence.search.fill('nmap current');
  await expect(evidence.row('nmap-localhost-previous.xml')).toHaveCount(0);
  await expect(evidence.list.getByRole('row')).toHaveCount(2);
  await evidence.search.fill('sarif');
  await expect(evidence.row('nmap-localhost-current.xml')).toHaveCount(0);
  await expect(evidence.row('eslint-8-sarif-formatter.sarif')).toBeVisible();
  await evidence.search.fill('nmap');
  await expect(evidence.list.getByRole('row')).toHaveCount(3);
  await evidence.search.fill('no-such-word');
  await expect(app.page.getByText('No evidence matches these filters.')).toBeVisible();
});

test('hostile and unreadable files are stored with the reason shown; identical content is stored once', async ({
  app,
}, testInfo) => {
  const evidence = await openEvidenceArea(app.page);
  const xxe = testInfo.outputPath('report.xml');
  await writeFile(
    xxe,
    '<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]><testsuite><testcase name="&x;"/></testsuite>',
  );
  await evidence.pick(xxe);
  await expect(evidence.row('report.xml')).toContainText('Not readable: The XML declares a DTD');
  await evidence.open('report.xml');
  await expect(
    app.page.getByRole('alert').filter({ hasText: 'stored and attached' }),
  ).toBeVisible();
  // The raw content is shown as text, escaped.
  await expect(app.page.getByLabel('Content of report.xml')).toContainText('<!ENTITY x SYSTEM');
  await evidence.backToList();

  // The same CI log twice: two attachments, content reused.
  await evidence.pick(localFixture('github-actions-job.log'));
  await expect(evidence.row('github-actions-job.log')).toHaveCount(1);
  await evidence.pick(localFixture('github-actions-job.log'));
  await expect(app.page.getByRole('list', { name: 'Just attached' })).toContainText(
    'same content already stored',
  );
  await expect(evidence.row('github-actions-job.log')).toHaveCount(2);
  await evidence.list.getByRole('link', { name: 'github-actions-job.log' }).first().click();
  await expect(app.page.getByLabel('Content of github-actions-job.log')).toContainText(
    '✖ 1 test failed',
  );
  await expect(app.page.getByLabel('Content of github-actions-job.log')).not.toContainText(
    '\u001b[',
  );
  await expect(app.page.getByLabel('Commit')).toHaveValue('3f9c2a1');
  await app.screenshot('evidence-ci-log');

  // A screenshot is kept as it is and shown as an image.
  await evidence.backToList();
  const png = testInfo.outputPath('login-page.png');
  await writeFile(png, Buffer.from(ONE_PIXEL_PNG, 'base64'));
  await evidence.pick(png);
  await evidence.open('login-page.png');
  await expect(app.page.getByRole('img', { name: 'Evidence image login-page.png' })).toBeVisible();
});

test('a long ingest shows progress and can be cancelled; nothing is stored', async ({
  app,
}, testInfo) => {
  const evidence = await openEvidenceArea(app.page);
  const big = testInfo.outputPath('big.bin');
  // A sparse 1 GiB file: no disk space used, but every byte must be read and hashed.
  spawnSync('truncate', ['-s', '1G', big]);
  await evidence.pick(big);
  const progress = app.page.getByRole('progressbar', { name: 'Progress for big.bin' });
  await expect(progress).toBeVisible();
  await app.page.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress).toBeHidden();
  await expect(app.page.getByText('No evidence yet.')).toBeVisible();
});

test('a JUnit report of 1,200 cases: every case is reachable from the keyboard, filter and sort cover them all', async ({
  app,
}, testInfo) => {
  const file = testInfo.outputPath('pytest-1200.xml');
  await writeFile(file, largeJunit(1200));
  const evidence = await openEvidenceArea(app.page);
  await evidence.pick(file);
  await evidence.open('pytest-1200.xml');
  const tests = evidence.dataTable('Tests');
  await expect(tests.count).toHaveText('1,200 tests.');
  await expect(tests.table).toHaveAttribute('aria-rowcount', '1201');
  await expect(app.page.getByText(/Showing the first|stored record lists only/u)).toHaveCount(0);
  const lastCase = tests.table.getByRole('row').filter({ hasText: 'test_case_1200' });
  await expect(lastCase).toHaveCount(0);

  // Tab reaches the table's scrolling region; End scrolls it to the last case.
  await tests.filter.focus();
  await app.page.keyboard.press('Tab');
  await expect(tests.scroller).toBeFocused();
  await app.page.keyboard.press('End');
  await expect(lastCase).toBeInViewport();
  await expect(lastCase).toHaveAttribute('aria-rowindex', '1201');
  await expect(lastCase.locator('.badge')).toHaveText('failed');
  await lastCase.scrollIntoViewIfNeeded();
  await app.screenshot('evidence-junit-1200-last-row');
  await app.page.keyboard.press('Home');
  await expect(tests.table.getByRole('row').nth(1)).toContainText('test_case_0001');

  // The filter and the sort reach past the first 500.
  await tests.filter.fill('test_case_07');
  await expect(tests.count).toHaveText('100 of 1,200 tests match.');
  await tests.filter.fill('');
  await tests.table.getByRole('button', { name: 'Test', exact: true }).click();
  await tests.table.getByRole('button', { name: 'Test', exact: true }).click();
  await expect(tests.table.getByRole('row').nth(1)).toContainText('test_case_1200');
});

test.describe('dark theme', () => {
  test.use({ systemTheme: 'dark' });
  test('evidence detail reads in the dark theme', async ({ app }) => {
    const evidence = await openEvidenceArea(app.page);
    await evidence.pick(sharedFixture('junit/pytest-9-xunit2.xml'));
    await evidence.open('pytest-9-xunit2.xml');
    await expect(evidence.countCard('Failed')).toContainText('2');
    await expect(app.page.getByRole('table', { name: 'Tests' }).getByRole('row')).toHaveCount(10);
    await app.screenshot('evidence-junit-dark');
  });
});
