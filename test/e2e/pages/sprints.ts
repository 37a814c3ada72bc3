import type { Locator, Page } from '@playwright/test';

/** The Sprints area: first-run workspace form, teams and sprints. */
export class SprintsPage {
  constructor(readonly page: Page) {}

  dialog(name: string): Locator {
    return this.page.getByRole('dialog', { name });
  }

  async createFirstWorkspace(name: string, description = ''): Promise<void> {
    const form = this.page.getByRole('region', { name: 'Create your first workspace' });
    await form.getByLabel('Name').fill(name);
    if (description) await form.getByLabel('Description').fill(description);
    await form.getByRole('button', { name: 'Create workspace' }).click();
  }

  sprintsTable(): Locator {
    return this.page.getByRole('table', { name: 'Sprints' });
  }

  sprintRow(name: string): Locator {
    return this.sprintsTable()
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name }) });
  }

  teamList(): Locator {
    return this.page.getByRole('list', { name: 'Teams' });
  }
}
