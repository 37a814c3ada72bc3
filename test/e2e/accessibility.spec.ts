import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { Shell } from './pages/shell';
import { SprintsPage } from './pages/sprints';

/**
 * axe-core (WCAG 2.2 A and AA rules) on every area of the app, in the light and the dark theme:
 * no serious or critical violation, in dialogs too and with the pointer on a danger button.
 */

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function seriousViolations(page: Page, where: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map(
        (node) =>
          `${where}: ${violation.id} (${violation.impact}) at ${node.target.join(' ')}: ${node.failureSummary?.split('\n').slice(1, 2).join(' ').trim() ?? ''}`,
      ),
    );
}

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
