import type { Locator, Page } from '@playwright/test';

/** The Telemetry area: import dialog, totals, charts, alerts, imported files. */
export class TelemetryPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Areas' })
      .getByRole('link', { name: 'Telemetry' })
      .click();
    await this.page.getByRole('heading', { level: 1, name: 'Telemetry' }).waitFor();
  }

  get importDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Import telemetry' });
  }

  /** Imports one file through the dialog and waits for the success notice. */
  async importFile(file: string, setup?: (dialog: Locator) => Promise<void>): Promise<void> {
    await this.page.getByRole('button', { name: 'Import telemetry' }).click();
    await this.importDialog.getByLabel('Telemetry file').setInputFiles(file);
    await this.importDialog.getByText(/recognised as|not recognised/).waitFor();
    if (setup) await setup(this.importDialog);
    await this.importDialog.getByRole('button', { name: 'Import', exact: true }).click();
    await this.importDialog.waitFor({ state: 'hidden' });
  }

  total(label: string): Locator {
    return this.page
      .getByLabel('Totals of all imported files')
      .getByRole('definition')
      .filter({
        has: this.page.locator(`xpath=preceding-sibling::dt[normalize-space()="${label}"]`),
      });
  }

  chart(title: string): Locator {
    return this.page.getByRole('region', { name: title });
  }

  /** Saves a chart's data object (its Data button) and waits for the notice naming the file. */
  async exportData(title: string, fileName: string): Promise<void> {
    await this.chart(title)
      .getByRole('button', { name: `Export ${title} data as JSON` })
      .click();
    await this.page.getByRole('status').filter({ hasText: fileName }).waitFor();
  }

  alertRow(name: string): Locator {
    return this.page
      .getByRole('table', { name: 'Alerts' })
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name }) });
  }

  /** A row of the Sources table, by the source's name (`web-2 authentication log`). */
  sourceRow(name: string): Locator {
    return this.page
      .getByRole('table', { name: 'Sources' })
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }

  /** A row of the Changes table, by host. */
  changesRow(host: string): Locator {
    return this.page
      .getByRole('table', { name: 'Changes by host and kind' })
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: host, exact: true }) });
  }
}
