import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** Settings → Team locker: connection, credentials, the connection test and the outbox. */
export class LockerPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.keyboard.press('Alt+Shift+T');
    await this.page.getByRole('heading', { level: 1, name: 'Team locker' }).waitFor();
  }

  get connection(): Locator {
    return this.page.getByRole('form', { name: 'Team locker connection' });
  }

  get credentials(): Locator {
    return this.page.getByRole('form', { name: 'Team locker credentials' });
  }

  get credentialsPanel(): Locator {
    return this.page.getByRole('region', { name: 'Credentials' });
  }

  get testPanel(): Locator {
    return this.page.getByRole('region', { name: 'Connection test' });
  }

  get outbox(): Locator {
    return this.page.getByRole('table', { name: 'Outbox' });
  }

  async connect(settings: { endpoint: string; bucket: string; region: string; caFile: string }) {
    await this.connection.getByLabel('Endpoint').fill(settings.endpoint);
    await this.connection.getByLabel('Bucket').fill(settings.bucket);
    await this.connection.getByLabel('Region').fill(settings.region);
    await this.connection.getByLabel('CA file (PEM)').setInputFiles(settings.caFile);
    await this.connection.getByRole('button', { name: 'Save connection' }).click();
    await expect(this.connection.getByRole('status')).toHaveText('Saved.');
  }

  async giveCredentials(accessKeyId: string, secretAccessKey: string): Promise<void> {
    await this.credentials.getByLabel('Access key id').fill(accessKeyId);
    await this.credentials.getByLabel('Secret access key').fill(secretAccessKey);
    await this.credentials.getByRole('button', { name: 'Use these credentials' }).click();
    await expect(this.credentialsPanel.getByRole('status')).toContainText('Given for this session');
  }

  /** Runs the connection test and returns its verdict line. */
  async test(): Promise<Locator> {
    await this.testPanel.getByRole('button', { name: 'Test the connection' }).click();
    const verdict = this.testPanel.getByRole('status');
    await expect(verdict).toContainText(/Ready|Not ready/);
    return verdict;
  }

  row(fileName: RegExp | string): Locator {
    return this.outbox.getByRole('row', { name: fileName });
  }
}
