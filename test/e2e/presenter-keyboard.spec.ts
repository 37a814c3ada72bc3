import { expect, test } from './fixtures';
import { sharedFixture } from '../fixtures';
import { DemosPage } from './pages/demos';
import { Shell } from './pages/shell';
import { expectNotCovered } from './support/boxes';

const CONTROLS = [
  'nist-sp-800-53-rev5#sc-12',
  'nist-sp-800-53-rev5#ac-2',
  'nist-sp-800-53-rev5#au-2',
  'nist-sp-800-53-rev5#au-6',
];
const [SC12 = '', , , AU6 = ''] = CONTROLS;

test('presenter at 1280×800 by keyboard: the fourth control judged on screen, a verdict and a removal undone, notices clear of the composer', async ({
  app,
}) => {
  test.slow();
  const page = app.page;
  await page.setViewportSize({ width: 1280, height: 800 });
  const demos = new DemosPage(page);
  await demos.createWorkspaceAndSprint('Payments platform');
  await demos.createDemo({ facilitator: 'Alex Moreno', attendees: ['Dana Reyes, auditor'] });
  await demos.addItem({
    key: 'PAY-150',
    owner: 'Kim Ito',
    title: 'Key management and audit trail',
    description:
      'Keys are generated in the HSM and rotate every 90 days. Admin accounts are reviewed monthly; every admin action is logged, and the log is reviewed weekly by the security team.',
    controls: CONTROLS,
  });
  await demos.present();

  // An observation first, so the item's record has something to remove later.
  await demos.observe('Rotation is automated; the last rotation was 12 days ago.');

  // ↓ three times selects the fourth control; S judges it, and it is on screen.
  await demos.press('ArrowDown', 'ArrowDown', 'ArrowDown');
  const fourth = demos.controlRow(AU6);
  await expect(fourth).toHaveAttribute('aria-current', 'true');
  await expect(fourth).toBeInViewport({ ratio: 0.95 });
  await demos.press('s');
  await expect(demos.verdictOf(AU6)).toContainText('Satisfied');
  // The notice offering Undo sits in its own strip: not over the composer or the judged control.
  const notices = new Shell(page).notices;
  const offer = notices.getByRole('status').filter({ hasText: `${AU6}: Satisfied` });
  await expect(offer.getByRole('button', { name: 'Undo' })).toBeVisible();
  // The two columns scroll inside their own boxes; the notices lie outside both.
  await expectNotCovered(
    demos.presenter.getByRole('complementary', { name: 'Record of this item' }),
    notices,
  );
  await expectNotCovered(demos.presenter.locator('.presenter-main'), notices);
  await expect(fourth).toBeInViewport({ ratio: 0.95 });
  await expect(demos.verdictOf(SC12)).toContainText('No verdict');
  await app.screenshot('presenter-fourth-control-1280x800');

  // Changing the verdict, then Ctrl+Z: back to the verdict it replaced.
  await demos.press('n');
  await expect(demos.verdictOf(AU6)).toContainText('Not satisfied');
  await demos.press('Control+z');
  await expect(demos.verdictOf(AU6)).toContainText('Satisfied');
  await expect(demos.verdictOf(AU6)).not.toContainText('Not satisfied');

  // Removing the observation by keyboard, then undoing it with Ctrl+Z.
  const text = 'Rotation is automated; the last rotation was 12 days ago.';
  await demos.tabTo(demos.timeline().getByRole('button', { name: 'Remove this observation' }), 80);
  await demos.press('Enter');
  await expect(demos.presenter.getByText(text)).toHaveCount(0);
  await expect(
    notices.getByRole('status').filter({ hasText: 'Observation removed.' }),
  ).toBeVisible();
  // Focus stayed in the item's record, not on the page: the presenter's keys still work.
  await expect(page.locator('body')).not.toBeFocused();
  await expect(
    demos.presenter.getByRole('complementary', { name: 'Record of this item' }).locator(':focus'),
  ).toHaveCount(1);
  await demos.press('Control+z');
  await expect(demos.timeline()).toContainText(text);
  await expect(notices).toContainText('Undone: observation removed.');
  await app.screenshot('presenter-removal-undone');

  // The record survives a reload: the undo was written, not just shown.
  await page.reload();
  await expect(demos.timeline()).toContainText(text);
  await expect(demos.verdictOf(AU6)).toContainText('Satisfied');

  // Focus after a dialog: on the selected control, visible, where the keys act.
  const select = (control: string) =>
    demos.controlRow(control).getByRole('button', { name: `Select ${control}` });
  await demos.press('m');
  await expect(demos.dialog('Attendance')).toBeVisible();
  await demos.press('Escape');
  await demos.noDialogOpen();
  await expect(select(SC12)).toBeFocused();
  // Focus follows the selection down to the fourth control, on screen.
  await demos.press('ArrowDown', 'ArrowDown', 'ArrowDown');
  await expect(select(AU6)).toBeFocused();
  await expect(select(AU6)).toBeInViewport();
  // After the file picker: the same place, never <body>.
  const chooser = page.waitForEvent('filechooser');
  await demos.press('f');
  await (await chooser).setFiles(sharedFixture('nmap', 'nmap-localhost-previous.xml'));
  await expect(demos.evidenceEntry('nmap-localhost-previous.xml')).toBeVisible();
  await expect(select(AU6)).toBeFocused();

  // Esc asks once: Esc again stays, Enter leaves.
  await demos.press('Escape');
  const leave = demos.dialog('Leave presenter mode?');
  await expect(leave.getByRole('button', { name: 'Leave presenter mode' })).toBeFocused();
  await demos.press('Escape');
  await demos.noDialogOpen();
  await expect(select(AU6)).toBeFocused();
  await demos.leavePresenter();
});
