import type { Locator, Page } from '@playwright/test';

/** Settings → Signing identities, and the Reports area. */
export class ReportsPage {
  constructor(readonly page: Page) {}

  dialog(name: string): Locator {
    return this.page.getByRole('dialog', { name });
  }

  get identityPanel(): Locator {
    return this.page.getByRole('region', { name: 'Signing identities' });
  }

  async createIdentity(details: {
    name: string;
    organisation: string;
    email: string;
    passphrase: string;
  }): Promise<void> {
    await this.identityPanel.getByRole('button', { name: 'Create identity…' }).click();
    const dialog = this.dialog('Create a signing identity');
    await dialog.getByLabel('Name in the certificate').fill(details.name);
    await dialog.getByLabel('Organisation').fill(details.organisation);
    await dialog.getByLabel('Email').fill(details.email);
    await dialog.getByLabel('Passphrase', { exact: true }).fill(details.passphrase);
    await dialog.getByLabel('Repeat the passphrase').fill(details.passphrase);
    await dialog.getByRole('button', { name: 'Create identity' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  get buildPanel(): Locator {
    return this.page.getByRole('region', { name: 'Sign a report' });
  }

  /** Chooses one demo of the sprint (by its title), or every demo of the sprint when null. */
  async chooseDemo(title: string | null): Promise<void> {
    const select = this.buildPanel.getByLabel('Demo');
    if (title === null) {
      await select.selectOption({ index: 0 });
      return;
    }
    const label = await select
      .locator('option', { hasText: `${title} (` })
      .first()
      .textContent();
    await select.selectOption({ label: label ?? title });
  }

  get embedEvidence(): Locator {
    return this.buildPanel.getByRole('checkbox', { name: /Embed the evidence files/ });
  }

  async buildAndSign(passphrase: string): Promise<void> {
    await this.buildPanel.getByRole('button', { name: 'Build and sign' }).click();
    const unlock = this.dialog('Unlock your signing identity');
    await unlock.getByLabel('Passphrase').fill(passphrase);
    await unlock.getByRole('button', { name: 'Sign' }).click();
  }

  get verifyPanel(): Locator {
    return this.page.getByRole('region', { name: 'Verify a signed PDF' });
  }

  /** The result of verifying a file from disk (not the one shown after signing). */
  verification(fileName: string): Locator {
    return this.verifyPanel.getByRole('region', { name: `Verification of ${fileName}` });
  }

  async verifyFile(file: string): Promise<void> {
    await this.verifyPanel.getByLabel('PDF to verify').setInputFiles(file);
  }

  get signedReports(): Locator {
    return this.page.getByRole('table', { name: 'Signed reports' });
  }
}
