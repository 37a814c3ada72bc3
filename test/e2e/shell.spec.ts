import { expect, test } from './fixtures';
import { Shell } from './pages/shell';
import { SprintsPage } from './pages/sprints';

test('moves between areas with the keyboard, the palette and the shortcut list', async ({
  app,
}) => {
  const shell = new Shell(app.page);
  await new SprintsPage(app.page).createFirstWorkspace('Keyboard');
  await app.page.keyboard.press('Alt+3');
  await expect(shell.heading('Evidence')).toBeVisible();
  await expect(shell.nav('Evidence')).toHaveAttribute('aria-current', 'page');
  await expect(shell.main).toBeFocused();

  await shell.runCommand('Go to Settings');
  await expect(shell.heading('Settings')).toBeVisible();

  await app.page.keyboard.press('F1');
  const shortcuts = app.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(shortcuts.getByText('Go to Telemetry')).toBeVisible();
  await app.page.keyboard.press('Escape');
  await expect(shortcuts).toBeHidden();

  await app.page.keyboard.press('Alt+1');
  await expect(shell.heading('Keyboard')).toBeVisible();
  await app.page.keyboard.press('Alt+N');
  await expect(app.page.getByRole('dialog', { name: 'New sprint' })).toBeVisible();
});

test('the palette and the shortcut list offer every page’s commands from anywhere', async ({
  app,
}) => {
  const shell = new Shell(app.page);
  await new SprintsPage(app.page).createFirstWorkspace('Commands');
  // On Sprints, nothing of Reports, Evidence or Controls is mounted, yet all are offered.
  await app.page.keyboard.press('Control+K');
  const palette = app.page.getByRole('dialog', { name: 'Command palette' });
  const input = palette.getByRole('combobox', { name: 'Type a command' });
  const options = palette.getByRole('option');
  for (const title of [
    'Build and sign the report',
    'Create a signing identity',
    'Control coverage',
    'Search evidence',
    'Adopt a framework',
  ])
    await expect(options.filter({ hasText: title })).toHaveCount(1);
  await input.fill('print');
  await expect(options.first()).toContainText('Print this page');
  await expect(options.nth(1)).toContainText('Build and sign the report');
  await expect(options.filter({ hasText: 'Go to Sprints' })).toHaveCount(0);
  await app.screenshot('palette-print');
  await app.page.keyboard.press('Escape');

  // Running one away from its page opens the page, which does it.
  await shell.runCommand('Search evidence');
  await expect(shell.heading('Evidence')).toBeVisible();
  await expect(app.page.getByRole('searchbox', { name: 'Search' })).toBeFocused();
  await shell.runCommand('Adopt a framework');
  await expect(app.page.getByRole('dialog', { name: 'Adopt a framework' })).toBeVisible();
  await app.screenshot('controls-adopt-framework');
  await app.page.keyboard.press('Escape');

  // Printing prints the area on screen (the browser's dialog stands in as a marker here).
  await app.page.evaluate(() => {
    window.print = () => document.documentElement.setAttribute('data-printed', 'yes');
  });
  await shell.runCommand('Print this page');
  await expect(app.page.locator('html')).toHaveAttribute('data-printed', 'yes');
  await expect(shell.heading('Controls')).toBeVisible();

  // Commands whose context is missing say what they need (this workspace has no sprint yet).
  await shell.runCommand('New demo');
  await expect(
    app.page.getByRole('status').filter({ hasText: 'A demo belongs to a sprint' }),
  ).toBeVisible();
  await expect(app.page.getByRole('dialog', { name: 'New demo' })).toHaveCount(0);
  await shell.runCommand('Build and sign the report');
  await expect(shell.heading('Reports')).toBeVisible();
  await expect(
    app.page.getByRole('status').filter({ hasText: 'A sprint demo record needs a sprint' }),
  ).toBeVisible();

  // F1 lists every shortcut, saying where a shared one works.
  await app.page.keyboard.press('F1');
  const shortcuts = app.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(shortcuts.getByText('Build and sign the report')).toBeVisible();
  await expect(shortcuts.getByText('Search evidence')).toBeVisible();
  await expect(shortcuts.getByText('New demo')).toContainText('in Demos');
  await app.screenshot('shortcuts-every-page');
});

test('follows a dark system theme, and the user can override it', async ({ app }) => {
  await new SprintsPage(app.page).createFirstWorkspace('Themes');
  const html = app.page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'light');
  await app.page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await app.screenshot('sprints-dark');
  await app.page.keyboard.press('Alt+9');
  await app.page.getByLabel('Theme', { exact: true }).selectOption('light');
  await expect(html).toHaveAttribute('data-theme', 'light');
  await app.page.reload();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await app.screenshot('settings-light');
});

test('deletes a workspace only after its name is typed, and the audit log stays intact', async ({
  app,
}) => {
  const shell = new Shell(app.page);
  await new SprintsPage(app.page).createFirstWorkspace('Old audit');
  await app.page.getByRole('button', { name: 'New sprint' }).click();
  await app.page
    .getByRole('dialog', { name: 'New sprint' })
    .getByRole('button', { name: 'Create sprint' })
    .click();
  await shell.nav('Settings').click();
  await app.page.getByRole('button', { name: 'Delete Old audit' }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Delete workspace' });
  const confirm = dialog.getByRole('button', { name: 'Delete workspace' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Type “Old audit” to confirm').fill('Old audit');
  await confirm.click();
  await expect(dialog).toBeHidden();
  await expect(
    app.page.getByRole('list', { name: 'Workspaces' }).getByRole('listitem'),
  ).toHaveCount(0);
  await app.page.getByRole('button', { name: 'Verify the audit log' }).click();
  // Who you are (the first run), the workspace, the sprint, and the two deletions.
  await expect(app.page.getByRole('status').filter({ hasText: 'Intact' })).toContainText(
    '5 entries verified',
  );
  await shell.nav('Sprints').click();
  await expect(shell.heading('Welcome to Demo Ledger')).toBeVisible();
});

test('the page reaches the host only through the typed contract', async ({ app }) => {
  const replies = await app.page.evaluate(async () => {
    const invoke = (
      window as unknown as {
        __demoLedgerInvoke: (channel: string, input: unknown) => Promise<unknown>;
      }
    ).__demoLedgerInvoke;
    return {
      info: await invoke('app:getInfo', undefined),
      unknown: await invoke('fs:readFile', { path: '/etc/passwd' }),
      invalid: await invoke('file:save', { suggestedName: '../escape', data: 'x' }),
      external: await invoke('shell:openExternal', { url: 'file:///etc/passwd' }),
    };
  });
  expect(replies.info).toMatchObject({
    ok: true,
    value: { host: 'chromium', name: 'Demo Ledger' },
  });
  expect(replies.unknown).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  expect(replies.invalid).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  expect(replies.external).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  expect(app.openedExternally).toEqual([]);
});

test('nothing leaves the machine: requests to other origins are blocked', async ({ app }) => {
  const outcome = await app.page.evaluate(async () => {
    try {
      await fetch('https://example.org/');
      return 'fetched';
    } catch (error) {
      return error instanceof Error ? error.name : 'error';
    }
  });
  expect(outcome).not.toBe('fetched');
  // The blocked request is reported as a CSP console error; it is expected here.
  app.errors.splice(0, app.errors.length);
});

test('the Settings page shows where data lives and that storage is persistent', async ({ app }) => {
  await new SprintsPage(app.page).createFirstWorkspace('Storage');
  await app.page.keyboard.press('Alt+9');
  const facts = app.page.getByRole('region', { name: 'Data and application' });
  await expect(facts).toContainText(app.profileDir);
  await expect(facts).toContainText('Chromium host');
  await expect(facts.getByText('Yes')).toBeVisible();
});
