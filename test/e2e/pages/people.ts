import type { Locator, Page } from '@playwright/test';

export interface PersonDetails {
  name: string;
  /** The role's label: Auditor, Security, Engineering, Product, Other. */
  role: string;
  organisation: string;
}

/** The person the end-to-end tests are, unless a test says otherwise. */
export const TEST_PERSON: PersonDetails = {
  name: 'Dana Reyes',
  role: 'Auditor',
  organisation: 'Acme Audit',
};

async function fill(form: Locator, person: PersonDetails, submit: string): Promise<void> {
  await form.getByLabel('Your name').fill(person.name);
  await form.getByLabel('Role').selectOption({ label: person.role });
  await form.getByLabel('Organisation').fill(person.organisation);
  await form.getByRole('button', { name: submit }).click();
}

/** The first run's "Who are you?" step. */
export class FirstRun {
  constructor(readonly page: Page) {}

  get form(): Locator {
    return this.page.getByRole('form', { name: 'Who you are' });
  }

  async isShown(): Promise<boolean> {
    return (await this.page.locator('main.first-run').count()) > 0;
  }

  async answer(person: PersonDetails = TEST_PERSON): Promise<void> {
    await fill(this.form, person, 'Continue');
    await this.page.locator('main.first-run').waitFor({ state: 'detached' });
  }
}

/** Settings → You: the person at the keyboard and the others on this computer. */
export class YouSettings {
  constructor(readonly page: Page) {}

  get panel(): Locator {
    return this.page.getByRole('region', { name: 'You' });
  }

  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Areas' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await this.panel.waitFor();
  }

  /** Adds a person, who is then at the keyboard. */
  async addPerson(person: PersonDetails): Promise<void> {
    await this.panel.getByRole('button', { name: 'Add a person…' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Add a person' });
    await fill(dialog, person, 'Add and switch to them');
    await dialog.waitFor({ state: 'hidden' });
  }

  async switchTo(name: string): Promise<void> {
    await this.panel.getByRole('button', { name: `Switch to ${name}` }).click();
    await this.page.locator('.person-badge', { hasText: name }).waitFor();
  }
}
