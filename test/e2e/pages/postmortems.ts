import type { Locator, Page } from '@playwright/test';

/** The post-mortem editor: narrative, timeline, action items, exports. */
export class PostMortemPage {
  constructor(readonly page: Page) {}

  get narrative(): Locator {
    return this.page.getByRole('form', { name: 'Post-mortem narrative' });
  }

  field(label: string): Locator {
    return this.narrative.getByLabel(label, { exact: true });
  }

  get blameHints(): Locator {
    return this.narrative.getByRole('list', { name: 'Blameless language hints' });
  }

  async addTimelineEntry(localDateTime: string, text: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Add a timeline entry' });
    await form.getByLabel(/^When/).fill(localDateTime);
    await form.getByLabel('What happened').fill(text);
    await form.getByRole('button', { name: 'Add entry' }).click();
  }

  async addAction(title: string, owner: string, dueDate: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Add an action item' });
    await form.getByLabel('Action').fill(title);
    await form.getByLabel('Owner').fill(owner);
    await form.getByLabel('Due date').fill(dueDate);
    await form.getByRole('button', { name: 'Add action' }).click();
  }

  actionRow(title: string): Locator {
    return this.page
      .getByRole('table', { name: 'Action items' })
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: title }) });
  }
}
