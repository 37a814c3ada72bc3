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

  /**
   * The parts of a date field in the order the browser draws them (`Day`, `Month`, `Year`), as
   * its accessibility tree lists them: the field's own rendering, not the page's `Intl`.
   */
  async datePartOrder(field: Locator): Promise<string[]> {
    await field.evaluate((element) => element.setAttribute('data-date-probe', ''));
    const session = await this.page.context().newCDPSession(this.page);
    try {
      const { root } = await session.send('DOM.getDocument', { depth: 0 });
      const { nodeId } = await session.send('DOM.querySelector', {
        nodeId: root.nodeId,
        selector: '[data-date-probe]',
      });
      const { nodes } = await session.send('Accessibility.getPartialAXTree', {
        nodeId,
        fetchRelatives: false,
      });
      const { nodes: all } = await session.send('Accessibility.getFullAXTree');
      const start = all.find((item) => item.nodeId === nodes[0]?.nodeId);
      const parts: string[] = [];
      const walk = (id: string): void => {
        const item = all.find((candidate) => candidate.nodeId === id);
        if (item === undefined) return;
        if (item.role?.value === 'spinbutton')
          parts.push(String(item.name?.value ?? '').split(' ')[0] ?? '');
        for (const child of item.childIds ?? []) walk(child);
      };
      if (start !== undefined) walk(start.nodeId);
      return parts;
    } finally {
      await session.detach();
      await field.evaluate((element) => element.removeAttribute('data-date-probe'));
    }
  }

  teamList(): Locator {
    return this.page.getByRole('list', { name: 'Teams' });
  }
}
