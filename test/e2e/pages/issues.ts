import type { Locator, Page } from '@playwright/test';

/** The Issues area: raise dialog, list with live SLA clocks, issue detail, Jira import. */
export class IssuesPage {
  constructor(readonly page: Page) {}

  get raiseDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Raise a security issue' });
  }

  table(): Locator {
    return this.page.getByRole('table', { name: 'Security issues' });
  }

  row(title: string | RegExp): Locator {
    return this.table()
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: title }) });
  }

  clockOf(title: string | RegExp): Locator {
    return this.row(title).getByRole('timer');
  }

  async open(title: string | RegExp): Promise<void> {
    await this.row(title)
      .getByRole('button', { name: /^Open SEC-\d+/ })
      .click();
  }

  get detailClock(): Locator {
    return this.page.getByRole('region', { name: 'SLA clock' }).getByRole('timer');
  }

  get verification(): Locator {
    return this.page.getByRole('region', { name: 'Verification by evidence' });
  }

  get importDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Import issues from Jira' });
  }
}
