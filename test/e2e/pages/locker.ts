import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/**
 * Settings → Team locker: connection, credentials, the connection test, the outbox and the
 * locker's verification.
 */
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

  get verifyPanel(): Locator {
    return this.page.getByRole('region', { name: 'Integrity of the locker' });
  }

  /** Runs "Verify the locker" and returns its verdict. */
  async verify(): Promise<Locator> {
    await this.verifyPanel.getByRole('button', { name: 'Verify the locker' }).click();
    const verdict = this.verifyPanel.locator('.verdict');
    await expect(verdict).toBeVisible({ timeout: 120_000 });
    return verdict;
  }
}

/** The locker's bundles of one kind, on Audit bundles or on Evidence: listed, then pulled. */
export class LockerBundles {
  constructor(
    readonly page: Page,
    readonly heading: 'In the team locker' | 'Pipeline evidence in the team locker',
  ) {}

  get panel(): Locator {
    return this.page.getByRole('region', { name: this.heading });
  }

  /**
   * Shows the list and pulls the one bundle whose row matches `name`; the import panel it is
   * handed to says when it has been checked.
   */
  async pull(name: RegExp | string): Promise<void> {
    await this.panel.getByRole('button', { name: /Show the locker’s bundles|Refresh/ }).click();
    await this.panel
      .getByRole('row', { name })
      .getByRole('button', { name: 'Pull and check' })
      .click();
  }
}
