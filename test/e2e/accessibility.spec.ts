import { expect, test } from './fixtures';
import { FirstRun } from './pages/people';
import { SampleWorkspace } from './pages/sample';
import { Shell } from './pages/shell';
import { SprintsPage } from './pages/sprints';
import { seriousViolations } from './support/axe';

/**
 * axe-core (WCAG 2.2 A and AA rules) on every area of the app, in the light and the dark theme:
 * no serious or critical violation, in dialogs too and with the pointer on a danger button.
 */

for (const theme of ['light', 'dark'] as const) {
  test.describe(`in the ${theme} theme`, () => {
    test.use({ systemTheme: theme });

    test('every area has no serious or critical accessibility violation', async ({ app }) => {
      test.slow();
      const shell = new Shell(app.page);
      const found: string[] = [];
      found.push(...(await seriousViolations(app.page, 'first run')));
      await new SprintsPage(app.page).createFirstWorkspace('Accessible');
      const areas = await app.page
        .getByRole('navigation', { name: 'Areas' })
        .getByRole('link')
        .allInnerTexts();
      expect(areas.length).toBeGreaterThan(5);
      for (const label of areas) {
        const name = label.split('\n')[0]?.trim() ?? label;
        await shell.nav(name).click();
        await expect(shell.nav(name)).toHaveAttribute('aria-current', 'page');
        found.push(...(await seriousViolations(app.page, name)));
      }
      // Dialogs, and a danger button as the pointer rests on it.
      await app.page.keyboard.press('F1');
      await expect(app.page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
      found.push(...(await seriousViolations(app.page, 'keyboard shortcuts')));
      await app.page.keyboard.press('Escape');
      await app.page.keyboard.press('Control+K');
      await expect(app.page.getByRole('dialog', { name: 'Command palette' })).toBeVisible();
      found.push(...(await seriousViolations(app.page, 'command palette')));
      await app.page.keyboard.press('Escape');
      await shell.nav('Sprints').click();
      await app.page.getByRole('button', { name: 'New sprint' }).click();
      await expect(app.page.getByRole('dialog', { name: 'New sprint' })).toBeVisible();
      found.push(...(await seriousViolations(app.page, 'new sprint')));
      await app.page.keyboard.press('Escape');
      await shell.runCommand('Adopt a framework');
      await expect(app.page.getByRole('dialog', { name: 'Adopt a framework' })).toBeVisible();
      found.push(...(await seriousViolations(app.page, 'adopt a framework')));
      await app.page.keyboard.press('Escape');
      // Focus states: a focused search field and a focused danger button.
      await shell.runCommand('Search evidence');
      await expect(app.page.getByRole('searchbox', { name: 'Search' })).toBeFocused();
      found.push(...(await seriousViolations(app.page, 'evidence search focused')));
      await shell.nav('Settings').click();
      await app.page.getByRole('button', { name: 'Delete Accessible' }).focus();
      found.push(...(await seriousViolations(app.page, 'a focused danger button')));
      await app.page.getByRole('button', { name: 'Delete Accessible' }).hover();
      found.push(...(await seriousViolations(app.page, 'a danger button under the pointer')));
      expect(found, found.join('\n')).toEqual([]);
    });
  });
}

test.describe('populated by the sample workspace', () => {
  test.use({ start: null });

  test('every area, a demo and an evidence file, light then dark, have no serious violation', async ({
    app,
  }) => {
    test.slow();
    const page = app.page;
    const shell = new Shell(page);
    const found: string[] = [];
    await new FirstRun(page).openSample();
    await expect(new SampleWorkspace(page).banner).toBeVisible();
    const areas = (
      await page.getByRole('navigation', { name: 'Areas' }).getByRole('link').allInnerTexts()
    ).map((label) => label.split('\n')[0]?.trim() ?? label);
    for (const theme of ['light', 'dark'] as const) {
      if (theme === 'dark') await shell.runCommand('Switch between light and dark theme');
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      for (const name of areas) {
        await shell.nav(name).click();
        await expect(shell.nav(name)).toHaveAttribute('aria-current', 'page');
        await expect(page.getByText('Loading…')).toHaveCount(0);
        found.push(...(await seriousViolations(page, `${theme} ${name}`)));
      }
      await shell.nav('Demos').click();
      await page.getByRole('link', { name: 'Sprint 14 review' }).first().click();
      await expect(shell.main).toContainText('Sam Sample');
      found.push(...(await seriousViolations(page, `${theme} a demo`)));
      await shell.nav('Evidence').click();
      await page.getByRole('link', { name: 'nmap-localhost-current.xml' }).click();
      await expect(
        shell.main.getByRole('heading', { name: 'nmap-localhost-current.xml' }),
      ).toBeVisible();
      found.push(...(await seriousViolations(page, `${theme} an evidence file`)));
      // A danger button under the pointer and with focus, in a populated page.
      await shell.nav('Settings').click();
      const remove = new SampleWorkspace(page).panel.getByRole('button', {
        name: 'Delete the sample',
      });
      await remove.hover();
      found.push(...(await seriousViolations(page, `${theme} a danger button under the pointer`)));
      await remove.focus();
      found.push(...(await seriousViolations(page, `${theme} a focused danger button`)));
    }
    expect(found, found.join('\n')).toEqual([]);
  });
});
