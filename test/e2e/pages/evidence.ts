import type { Locator, Page } from '@playwright/test';
import { dropFiles } from './files';

/** The Evidence area: drop zone, list, detail (summary, drift, links, tables, raw content). */
export class EvidencePage {
  constructor(readonly page: Page) {}

  get dropZone(): Locator {
    return this.page.getByTestId('evidence-drop-zone');
  }

  get fileInput(): Locator {
    return this.page.getByLabel('Evidence files');
  }

  /** Picks files with the file chooser input. */
  async pick(...files: string[]): Promise<void> {
    await this.fileInput.setInputFiles(files);
  }

  /** Drops files on the zone, as a drag from the desktop would. */
  async drop(...files: string[]): Promise<void> {
    await dropFiles(this.page, this.dropZone, files);
  }

  get list(): Locator {
    return this.page.getByRole('table', { name: 'Evidence' });
  }

  /** The list's search field: words of a file's name, tool, summary or linked controls. */
  get search(): Locator {
    return this.page.getByRole('group', { name: 'Filter evidence' }).getByRole('searchbox', {
      name: 'Search',
    });
  }

  row(fileName: string): Locator {
    return this.list
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: fileName }) });
  }

  async open(fileName: string): Promise<void> {
    await this.list.getByRole('link', { name: fileName }).click();
    await this.page.getByRole('heading', { level: 1, name: fileName }).waitFor();
  }

  region(name: string): Locator {
    return this.page.getByRole('region', { name });
  }

  /** The alert on an open file's page saying why it shows nothing (scan failed, not understood …). */
  readingFlag(label: string): Locator {
    return this.page.getByRole('main').getByRole('alert').filter({ hasText: label });
  }

  /** A count in the summary, e.g. countCard('Findings') holds "21" and "Findings". */
  countCard(label: string): Locator {
    return this.page
      .getByRole('list', { name: 'Counts' })
      .getByRole('listitem')
      .filter({ has: this.page.getByText(label, { exact: true }) });
  }

  /** One group of the drift (Ports opened, New findings ...), as term and definitions. */
  driftGroup(title: string): Locator {
    return this.page
      .getByRole('region', { name: /^Changes since/ })
      .locator('.drift-group')
      .filter({ has: this.page.getByRole('term').filter({ hasText: title }) });
  }

  async linkControl(ref: string): Promise<void> {
    await this.page.getByLabel('Link to control').fill(ref);
    await this.page.getByRole('button', { name: 'Link', exact: true }).click();
  }

  linkedControls(): Locator {
    return this.page.getByRole('list', { name: 'Linked controls' });
  }

  /** A row of the findings table, by its rule and a text in it (the title). */
  finding(text: string): Locator {
    return this.page
      .getByRole('table', { name: 'Findings' })
      .getByRole('row')
      .filter({ hasText: text });
  }

  /** One of a file's tables (Tests, Checks, Components …): its rows, scroll region and count. */
  dataTable(caption: string): {
    table: Locator;
    scroller: Locator;
    count: Locator;
    filter: Locator;
  } {
    const panel = this.page.getByRole('region', { name: caption, exact: true });
    return {
      table: panel.getByRole('table', { name: caption }),
      scroller: panel.getByRole('region', { name: `${caption}, scrollable` }),
      count: panel.getByRole('status'),
      filter: panel.getByLabel(`Filter ${caption.toLowerCase()}`),
    };
  }

  async backToList(): Promise<void> {
    await this.page.getByRole('main').getByRole('link', { name: 'Evidence', exact: true }).click();
    await this.list.waitFor();
  }
}
