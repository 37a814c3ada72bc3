import { APP_TIME_ZONE, appNow, expect, test } from './fixtures';
import { DemosPage } from './pages/demos';
import { ReportsPage } from './pages/reports';
import { Shell } from './pages/shell';

const SC12 = 'nist-sp-800-53-rev5#sc-12';
const AC2 = 'nist-sp-800-53-rev5#ac-2';
const AU2 = 'nist-sp-800-53-rev5#au-2';
const AU6 = 'nist-sp-800-53-rev5#au-6';
const PASSPHRASE = 'correct horse battery staple';

/** The calendar day `days` after the app's today, in the app's zone. */
function inDays(now: Date, days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: APP_TIME_ZONE }).format(now);
  const [year = 1970, month = 1, day = 1] = today.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** As the app shows dates in the en-GB locale: `31 Jan 2099`. */
function formatted(isoDate: string): string {
  return new Date(`${isoDate}T00:00:00Z`).toLocaleDateString('en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
}

test('runs a demo from the keyboard alone: prepare, present, judge, raise, sign off, reload', async ({
  app,
}) => {
  // A whole meeting in one test: give it room on a loaded two-core machine.
  test.slow();
  const demos = new DemosPage(app.page);
  const page = app.page;
  await demos.createWorkspaceAndSprint('Payments platform');
  // Signing off is a signature: Dana keeps an identity of her own.
  await new Shell(page).nav('Settings').click();
  await new ReportsPage(page).createIdentity({
    name: 'Dana Reyes',
    organisation: 'Acme Audit',
    email: 'dana@example.com',
    passphrase: PASSPHRASE,
  });
  await demos.createDemo({
    facilitator: 'Alex Moreno',
    attendees: ['Dana Reyes, auditor', 'Sam Patel (infosec)', 'Lee Wong, product owner'],
  });
  await expect(page.getByRole('heading', { level: 1, name: 'Sprint 1 demo' })).toBeVisible();

  // Prepare: one item by hand (with two controls), two pasted.
  await demos.addItem({
    key: 'PAY-142',
    owner: 'Kim Ito',
    title: 'Card tokenisation',
    description:
      'Card numbers are replaced by tokens at the edge; only the vault service can see a PAN. Keys rotate every 90 days.',
    controls: [SC12, AC2],
  });
  await demos.pasteItems(['PAY-143 Refund limits', 'PAY-144: Audit trail export']);
  await expect(demos.agendaItems()).toHaveCount(3);
  await expect(demos.agendaItems().nth(0)).toContainText('sc-12');

  // Presenter mode: attendance, then item 1.
  await demos.press('Alt+P');
  await expect(demos.presenter).toBeVisible();
  await expect(demos.itemTitle()).toHaveText('Card tokenisation');
  await expect(demos.presenter.getByRole('timer')).toBeVisible();
  await expect(demos.presenter.getByRole('region', { name: 'Presenter shortcuts' })).toContainText(
    'raise issue',
  );
  await demos.press('m');
  const attendance = demos.dialog('Attendance');
  await expect(attendance.getByRole('checkbox', { name: /Dana Reyes/ })).toBeFocused();
  await demos.press('Space', 'Tab', 'Space');
  await expect(attendance.getByRole('checkbox', { name: /Sam Patel/ })).toBeChecked();
  await demos.press('Escape');
  await demos.noDialogOpen();
  await expect(demos.presenter.getByRole('button', { name: /2\/3 present/ })).toBeVisible();

  await demos.observe('Tokens are generated in the HSM; no card number reaches the API logs.');
  await demos.press('s');
  await expect(demos.verdictOf(SC12)).toContainText('Satisfied');
  await demos.press('ArrowDown', 'e');
  const exception = demos.dialog('Exception');
  await expect(exception.getByLabel('Reason')).toBeFocused();
  await demos.type('Legacy admin accounts remain until the directory migration');
  await demos.press('Tab');
  await expect(exception.getByLabel('Expires in')).toHaveValue('90');
  await demos.press('ArrowDown');
  await expect(exception.getByLabel('Expires in')).toHaveValue('180');
  const expires = inDays(await appNow(page), 180);
  await expect(exception.getByLabel('Expires', { exact: true })).toHaveValue(expires);
  await demos.tabTo(exception.getByRole('button', { name: 'Record exception' }));
  await demos.press('Enter');
  await expect(exception).toBeHidden();
  await demos.noDialogOpen();
  await expect(demos.verdictOf(AC2)).toContainText('Exception');
  await expect(demos.verdictOf(AC2)).toContainText(formatted(expires));
  await app.screenshot('presenter-light');

  // Item 2: link a control, ask a question, fail it, raise a P1 prefilled from the verdict.
  await demos.press('PageDown');
  await expect(demos.itemTitle()).toHaveText('Refund limits');
  await demos.linkControls([AU2]);
  await demos.observe('Who approves a raised refund limit?', 'q');
  await demos.press('n');
  await expect(demos.verdictOf(AU2)).toContainText('Not satisfied');
  // A failed verdict offers an issue raised from it.
  const offer = demos
    .controlRow(AU2)
    .getByRole('button', { name: /Raise issue from this verdict/ });
  await expect(offer).toBeVisible();
  await demos.press('i');
  const raise = demos.dialog('Raise a security issue');
  await expect(raise.getByLabel('Title')).toBeFocused();
  await expect(raise.getByLabel('Title')).toHaveValue(
    `PAY-143 Refund limits: ${AU2} not satisfied`,
  );
  await expect(raise.getByText(`From the failed verdict on ${AU2}`)).toBeVisible();
  await expect(raise.getByRole('radio', { name: /P1/ })).toBeChecked();
  await demos.press('Enter');
  await expect(raise).toBeHidden();
  await demos.noDialogOpen();
  await expect(demos.timeline()).toContainText('P1');
  // Raised in the tracker: its key, status and SLA clock are shown on the item.
  await expect(demos.timeline().getByRole('link', { name: /^Open SEC-1:/ })).toBeVisible();
  await expect(demos.timeline().getByRole('timer')).toHaveAttribute('data-state', 'on-track');
  await expect(offer).toBeHidden();
  await app.screenshot('presenter-issue-from-verdict');

  // Typed but not committed, then the window reloads in the middle of the demo.
  await demos.press('o');
  await demos.type('Limit changes are not written to the audit log');
  await expect(demos.presenter.getByText('Draft saved')).toBeVisible();
  await page.reload();
  await expect(demos.itemTitle()).toHaveText('Refund limits');
  await expect(demos.composer()).toHaveValue('Limit changes are not written to the audit log');
  await expect(demos.verdictOf(AU2)).toContainText('Not satisfied');
  await expect(demos.timeline()).toContainText('Who approves a raised refund limit?');
  await demos.press('o', 'End', 'Enter', 'Escape');
  await expect(demos.timeline()).toContainText('Limit changes are not written to the audit log');
  await demos.press('PageUp');
  await expect(demos.verdictOf(AC2)).toContainText('Exception');
  await demos.press('PageDown', 'PageDown');

  // Item 3.
  await expect(demos.itemTitle()).toHaveText('Audit trail export');
  await demos.linkControls([AU6]);
  await demos.observe('Export is signed and includes every admin action.');
  await demos.press('s');
  await expect(demos.verdictOf(AU6)).toContainText('Satisfied');
  await app.page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await app.screenshot('presenter-dark');
  await app.page.emulateMedia({ colorScheme: 'light' });

  // Review and sign off.
  await demos.press('Alt+R');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Review: Sprint 1 demo' }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Typed but not added' })).toBeHidden();
  const verdicts = page.getByRole('table', { name: 'Verdicts per control' });
  await expect(verdicts.getByRole('row', { name: /ac-2/ })).toContainText('Exception');
  await expect(verdicts.getByRole('row', { name: /au-2/ })).toContainText('Not satisfied');
  await expect(page.getByRole('list', { name: 'Open questions' })).toContainText(
    'Who approves a raised refund limit?',
  );
  await expect(
    page.getByRole('list', { name: 'Items without evidence' }).getByRole('listitem'),
  ).toHaveCount(3);
  const signOff = demos.signOffForm;
  await expect(signOff.getByRole('textbox')).toHaveCount(0);
  await demos.tabTo(signOff.getByRole('checkbox'));
  await demos.press('Space');
  await demos.tabTo(signOff.getByRole('button', { name: 'Sign off the demo' }));
  await demos.press('Enter');
  const unlock = demos.dialog('Unlock your signing identity');
  await demos.tabTo(unlock.getByLabel('Passphrase'));
  await demos.type(PASSPHRASE);
  await demos.press('Enter');
  await demos.noDialogOpen();
  const banner = page.getByRole('region', { name: 'Sign-off status' });
  await expect(banner).toContainText('Signed off by Dana Reyes');

  // Reload at the end: everything is there, and locked.
  await page.reload();
  await expect(banner).toContainText('The record is locked');
  await expect(verdicts.getByRole('row', { name: /ac-2/ })).toContainText(
    `until ${formatted(expires)}`,
  );
  await expect(verdicts.getByRole('row', { name: /sc-12/ })).toContainText('Satisfied');
  await expect(verdicts.getByRole('row', { name: /au-6/ })).toContainText('Satisfied');
  await expect(page.getByRole('table', { name: 'Raised issues' })).toContainText(
    `PAY-143 Refund limits: ${AU2} not satisfied`,
  );
  await expect(page.getByRole('table', { name: 'Raised issues' })).toContainText('SEC-1');
  await expect(page.getByLabel('Summary')).toContainText('4 of 4');
  await demos.tabTo(page.getByRole('button', { name: 'Verify the record against its sign-off' }));
  await demos.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'matches the digest' })).toBeVisible();

  await demos.press('Alt+P');
  await expect(demos.presenter.getByText('Signed off: this record is read-only')).toBeVisible();
  await expect(demos.composer()).toHaveCount(0);
  await expect(demos.itemTitle()).toHaveText('Audit trail export');
  await demos.press('PageUp');
  await expect(demos.timeline()).toContainText('Limit changes are not written to the audit log');
  // Verdict keys do nothing on a signed-off record.
  await demos.press('s');
  await expect(demos.verdictOf(AU2)).toContainText('Not satisfied');
  await app.screenshot('presenter-signed-off');
});
