import type { Locator, Page } from '@playwright/test';

/** The app shell: navigation, command palette, notifications. */
export class Shell {
  constructor(readonly page: Page) {}

  nav(label: string): Locator {
    return this.page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: label });
  }

  /** The notices region (in presenter mode, inside the presenter's own strip). */
  get notices(): Locator {
    return this.page.getByRole('region', { name: 'Notifications' });
  }

  get main(): Locator {
    return this.page.getByRole('main');
  }

  heading(name: string | RegExp): Locator {
    return this.main.getByRole('heading', { level: 1, name });
  }

  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('Control+K');
    const input = this.page.getByRole('combobox', { name: 'Type a command' });
    await input.fill(title);
    await this.page.getByRole('option', { name: title }).first().waitFor();
    await input.press('Enter');
  }
}
