import type { Locator, Page } from '@playwright/test';

/** The Controls area: search, control detail, scoping and the Statement of Applicability. */
export class ControlsPage {
  constructor(readonly page: Page) {}

  get search(): Locator {
    return this.page.getByRole('combobox', { name: 'Search all controls' });
  }

  results(): Locator {
    return this.page.getByRole('listbox', { name: 'Matching controls' }).getByRole('option');
  }

  controlHeading(): Locator {
    return this.page.getByRole('heading', { level: 2 }).first();
  }

  scoping(): Locator {
    return this.page.getByRole('complementary', { name: /^Scope in/ });
  }

  soaTable(): Locator {
    return this.page.getByRole('table', { name: 'Statement of Applicability' });
  }

  /** Script chunks the page has fetched so far (catalog data files are separate chunks). */
  async loadedScripts(): Promise<string[]> {
    return this.page.evaluate(() =>
      performance.getEntriesByType('resource').map((entry) => entry.name),
    );
  }
}
