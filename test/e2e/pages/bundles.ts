import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** Settings → Audit bundles, with the identity and trust steps a bundle exchange needs. */
export class BundlesPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.keyboard.press('Alt+Shift+B');
    await this.page.getByRole('heading', { level: 1, name: 'Audit bundles' }).waitFor();
  }

  get exportForm(): Locator {
    return this.page.getByRole('form', { name: 'Export a bundle' });
  }

  get importPanel(): Locator {
    return this.page.getByRole('region', { name: 'Import or merge a bundle' });
  }

  get signatures(): Locator {
    return this.importPanel.getByRole('table', { name: 'Signatures' });
  }

  get list(): Locator {
    return this.page.getByRole('table', { name: 'Bundles' });
  }

  review(title: string): Locator {
    return this.page.getByRole('region', { name: `Review of ${title}` });
  }

  conflict(number: number): Locator {
    return this.importPanel.getByRole('group', { name: `Conflict ${number}: ` });
  }

  /** Types the passphrase into the unlock dialog main asked for. */
  async unlock(passphrase: string): Promise<void> {
    const dialog = this.page.getByRole('dialog', { name: 'Unlock your signing identity' });
    await dialog.getByLabel('Passphrase').fill(passphrase);
    await dialog.getByRole('button', { name: 'Sign' }).click();
    await expect(dialog).toBeHidden();
  }

  /** Exports the latest sprint (`sprint` names it) and signs it. */
  async exportSprint(sprint: string, passphrase: string): Promise<void> {
    await this.exportForm.getByRole('radio', { name: 'A sprint' }).check();
    await expect(this.exportForm.getByLabel('Sprint', { exact: true })).toContainText(sprint);
    await this.exportForm.getByRole('button', { name: 'Export signed bundle…' }).click();
    await this.unlock(passphrase);
    await expect(this.exportForm.getByRole('status')).toContainText(`Bundle of ${sprint} saved`);
  }

  /** Chooses a bundle to import and waits until it has been checked. */
  async choose(file: string): Promise<void> {
    await this.importPanel.getByLabel('Bundle file').setInputFiles(file);
    await expect(this.signatures.or(this.importPanel.getByRole('alert')).first()).toBeVisible({
      timeout: 30_000,
    });
  }
}

/** Settings → Signing identities: export your certificate, trust a colleague's. */
export class TrustSteps {
  constructor(readonly page: Page) {}

  async exportCertificate(): Promise<void> {
    await this.page
      .getByRole('list', { name: 'Your signing identities' })
      .getByRole('button', { name: 'Export certificate (PEM)' })
      .first()
      .click();
    await expect(this.page.getByText(/^Certificate saved to /)).toBeVisible();
  }

  async trust(file: string): Promise<void> {
    await this.page.getByLabel('Add a trusted certificate (PEM or DER)').setInputFiles(file);
    await expect(this.page.getByText('1 certificate trusted.')).toBeVisible();
  }
}
