import type { Locator, Page } from '@playwright/test';

/** The Controls area: search, control detail, scoping and the Statement of Applicability. */
export class ControlsPage {
  private readonly requested: string[] = [];

  constructor(readonly page: Page) {
    page.on('request', (request) => this.requested.push(request.url()));
  }

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

  /**
   * What the page has fetched since this object was made (catalog data files are separate
   * chunks). Recorded from the host's side: the page's own `performance` is the test clock's.
   */
  async loadedScripts(): Promise<string[]> {
    return Promise.resolve([...this.requested]);
  }
}
