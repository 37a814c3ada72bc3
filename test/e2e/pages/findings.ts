import type { Locator, Page } from '@playwright/test';

/** The findings panel of an open evidence file: its search, filters, grouping and table. */
export class FindingsPanel {
  readonly panel: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByRole('region', { name: 'Findings', exact: true });
  }

  get table(): Locator {
    return this.panel.getByRole('table', { name: 'Findings' });
  }

  /** The sentence saying how many findings the file holds and how many are shown. */
  get count(): Locator {
    return this.panel.getByTestId('findings-count');
  }

  get search(): Locator {
    return this.panel.getByRole('searchbox', { name: 'Search findings' });
  }

  get severity(): Locator {
    return this.panel.getByRole('combobox', { name: 'Severity' });
  }

  get status(): Locator {
    return this.panel.getByRole('combobox', { name: 'Status' });
  }

  get groupBy(): Locator {
    return this.panel.getByRole('combobox', { name: 'Group by' });
  }

  /** A group heading's toggle, by the rule, severity or file it groups. */
  group(label: string): Locator {
    return this.table.getByRole('button', { name: label, exact: true });
  }

  /** The group headings drawn now (the table draws only the rows in view). */
  groupToggles(): Locator {
    return this.table.locator('button.group-toggle');
  }

  /** The finding rows drawn now. */
  rows(): Locator {
    return this.table.locator('tbody tr:has(td.col-location)');
  }

  /** How many findings of `severity` the severity filter offers, from its option's label. */
  async severityCount(severity: string): Promise<number> {
    const label = await this.severity.locator(`option[value="${severity}"]`).innerText();
    return Number((/\(([\d,]+)\)/u.exec(label)?.[1] ?? 'NaN').replaceAll(',', ''));
  }
}
