import { sharedFixture } from '../fixtures';
import { expect, test } from './fixtures';
import { DemosPage } from './pages/demos';
import { EvidencePage } from './pages/evidence';
import { Shell } from './pages/shell';

const SARIF = sharedFixture('sarif', 'eslint-8-sarif-formatter.sarif');
const NMAP_PREVIOUS = sharedFixture('nmap', 'nmap-localhost-previous.xml');
const NMAP_CURRENT = sharedFixture('nmap', 'nmap-localhost-current.xml');
const SA11 = 'nist-sp-800-53-rev5#sa-11';
const CM7 = 'nist-sp-800-53-rev5#cm-7';
const RA5 = 'nist-sp-800-53-rev5#ra-5';

test('drop a SARIF file and an Nmap pair into a demo item, see summaries and the drift, link them to controls, reload: all there', async ({
  app,
}) => {
  test.slow();
  const demos = new DemosPage(app.page);
  const page = app.page;
  await demos.createWorkspaceAndSprint('Payments platform');
  await demos.createDemo({ facilitator: 'Alex Moreno', attendees: ['Dana Reyes, auditor'] });

  // Controls come from the catalogs: an id found by search, and a full reference typed.
  await demos.addItem({
    key: 'OPS-7',
    owner: 'Kim Ito',
    title: 'Pipeline scans of the release',
    description: 'Static analysis of the release and the staging port scan against last sprint.',
    controls: ['sa-11', CM7],
  });
  const item = demos.agendaItems().nth(0);
  await expect(item).toContainText('Developer Testing and Evaluation');
  await expect(item).toContainText('Least Functionality');

  await demos.present();
  await expect(demos.itemTitle()).toHaveText('Pipeline scans of the release');

  // SARIF: stored, read and summarised at once, linked to the item's control it speaks for.
  await demos.dropOnPresenter(SARIF);
  const sarif = demos.evidenceEntry('eslint-8-sarif-formatter.sarif');
  await expect(sarif).toContainText('21 findings (18 high, 3 medium)');
  await expect(sarif).toContainText(`Linked to ${SA11} ·`);

  // The Nmap pair, one after the other: the second is compared with the first.
  await demos.dropOnPresenter(NMAP_PREVIOUS);
  await expect(demos.evidenceEntry('nmap-localhost-previous.xml')).toContainText(
    '1 host, 2 open ports',
  );
  await demos.dropOnPresenter(NMAP_CURRENT);
  const current = demos.evidenceEntry('nmap-localhost-current.xml');
  await expect(current).toContainText('1 host, 3 open ports');
  await expect(current).toContainText(
    'Compared since nmap-localhost-previous.xml: ports opened 2, ports closed 1',
  );
  await expect(current.getByRole('list', { name: /Changes in/ })).toContainText('18443/tcp');
  await expect(current.getByRole('list', { name: /Changes in/ })).toContainText(
    'Ports closed: 127.0.0.1 18081/tcp',
  );

  // Link one more control to the item: its stored evidence that can demonstrate it (both the
  // scans here: vulnerability scanning) is linked to it too.
  // Found in the catalogs by words of its title, in presenter mode.
  await demos.press('l');
  const link = demos.dialog('Link controls');
  const field = link.getByRole('combobox', { name: 'Controls of this item' });
  await expect(field).toBeFocused();
  await demos.type('vulnerability monitoring');
  const matches = link.getByRole('listbox', { name: 'Matching controls' }).getByRole('option');
  await expect(matches.first()).toContainText('Vulnerability Monitoring and Scanning');
  await expect(matches.first()).toContainText('NIST SP 800-53 Rev. 5');
  await app.screenshot('presenter-link-control-search');
  await demos.press('Enter');
  await expect(link.getByRole('list', { name: /linked/ })).toContainText('ra-5');
  await demos.press('Enter');
  await expect(link).toBeHidden();
  await expect(demos.controlRow(RA5)).toContainText('Vulnerability Monitoring and Scanning');
  await expect(current).toContainText(`Linked to ${CM7}, ${RA5} ·`);
  await expect(sarif).toContainText(`Linked to ${RA5}, ${SA11} ·`);
  await current.scrollIntoViewIfNeeded();
  await app.screenshot('presenter-evidence');

  // Reload in the middle of the meeting: all there.
  await page.reload();
  await expect(demos.evidenceEntry('eslint-8-sarif-formatter.sarif')).toContainText(
    '21 findings (18 high, 3 medium)',
  );
  await expect(demos.evidenceEntry('nmap-localhost-current.xml')).toContainText(
    'ports opened 2, ports closed 1',
  );
  await expect(demos.evidenceEntry('nmap-localhost-current.xml')).toContainText(
    `Linked to ${CM7}, ${RA5} ·`,
  );

  // The review lists the evidence with its headline and drift.
  await demos.press('Alt+R');
  const reviewed = page.getByRole('table', { name: 'Evidence' });
  await expect(reviewed.getByRole('row')).toHaveCount(4);
  await expect(reviewed.getByRole('row', { name: /nmap-localhost-current/ })).toContainText(
    'since nmap-localhost-previous.xml: ports opened 2, ports closed 1',
  );
  await expect(reviewed.getByRole('row', { name: /eslint-8-sarif/ })).toContainText(
    '21 findings (18 high, 3 medium)',
  );
  await expect(page.getByText('Every item has evidence.')).toBeVisible();
  await reviewed.scrollIntoViewIfNeeded();
  await app.screenshot('demo-review-evidence');

  // The Evidence area has the same files, linked to the controls and the demo item.
  await new Shell(page).nav('Evidence').click();
  const evidence = new EvidencePage(page);
  await expect(evidence.list.getByRole('row')).toHaveCount(4);
  await expect(evidence.row('eslint-8-sarif-formatter.sarif')).toContainText(`${RA5}, ${SA11}`);
  await expect(evidence.row('eslint-8-sarif-formatter.sarif')).not.toContainText(CM7);
  await evidence.open('nmap-localhost-current.xml');
  await expect(evidence.driftGroup('Ports opened')).toContainText('18082/tcp');
  // Other uses are named, not shown by id: the demo item, under its demo, links to the demo.
  const usedBy = page
    .getByRole('list', { name: 'Other uses' })
    .getByRole('link', { name: /: OPS-7 Pipeline scans of the release$/ });
  await expect(usedBy).toBeVisible();
  // The DevOps baseline names Nmap scans as evidence for DSB-07: suggested with its title.
  const suggested = page.getByRole('list', { name: 'Suggested controls' });
  await expect(suggested).toContainText('devops-baseline#DSB-07');
  await expect(suggested).toContainText(
    'DevOps security baseline: Only expected ports open, compared with the previous scan',
  );
  await suggested.scrollIntoViewIfNeeded();
  await app.screenshot('evidence-from-demo');
  await usedBy.click();
  await expect(page.getByRole('heading', { level: 2, name: 'Agenda' })).toBeVisible();
  await expect(demos.agendaItems().nth(0)).toContainText('Pipeline scans of the release');
});
