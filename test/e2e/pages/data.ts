import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** Settings → Backups, the restore dialog, and the audit log page. */
export class DataSettings {
  constructor(readonly page: Page) {}

  get backups(): Locator {
    return this.page.getByRole('region', { name: 'Backups' });
  }

  get restoreDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Restore from a backup' });
  }

  async open(): Promise<void> {
    await this.page.keyboard.press('Alt+9');
    await this.page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  }

  /** Chooses a file in the restore dialog and waits until it has been checked. */
  async chooseArchive(file: string): Promise<void> {
    await this.backups.getByRole('button', { name: 'Restore from a backup…' }).click();
    await this.restoreDialog.getByLabel('Backup file').setInputFiles(file);
  }

  /** Restores an archive into this empty profile and waits for the verified result. */
  async restoreIntoEmptyProfile(file: string): Promise<void> {
    await this.chooseArchive(file);
    await this.restoreDialog.getByRole('button', { name: 'Restore', exact: true }).click();
    await expect(this.restoreDialog.getByRole('status')).toContainText('The audit log is intact');
    await this.restoreDialog.getByRole('button', { name: 'Done' }).click();
  }

  /** Chooses an archive, waits until it is verified, and starts replacing all data with it. */
  async startReplacingWith(file: string): Promise<void> {
    await this.chooseArchive(file);
    await expect(
      this.restoreDialog.getByText('Verified: every file matches its SHA-256'),
    ).toBeVisible({
      timeout: 120_000,
    });
    await this.restoreDialog.getByLabel('Type “replace” to confirm').fill('replace');
    await this.restoreDialog.getByRole('button', { name: 'Replace all data' }).click();
  }

  /**
   * Records every text the progress lines of Settings → Backups and the restore dialog show
   * from now on, however briefly (a MutationObserver in the page), so a test can check that
   * progress was shown without racing a quick job. Call the returned function to read them.
   */
  async recordProgress(): Promise<() => Promise<string[]>> {
    await this.page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __progress: string[] }).__progress = seen;
      const note = () => {
        const lines = document.querySelectorAll<HTMLElement>('[role="status"][aria-live="polite"]');
        for (const line of Array.from(lines)) {
          const text = line.textContent ?? '';
          if (text !== '' && seen.at(-1) !== text) seen.push(text);
        }
      };
      new MutationObserver(note).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });
    return () =>
      this.page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
  }

  async verifyAuditLog(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Verify the audit log' }).click();
    return this.page.locator('.verdict[role="status"]').first();
  }
}

export class AuditLog {
  constructor(readonly page: Page) {}

  get filters(): Locator {
    return this.page.getByRole('form', { name: 'Filter the audit log' });
  }

  get entries(): Locator {
    return this.page.getByRole('table', { name: 'Audit entries' });
  }

  rows(): Locator {
    return this.entries.locator('tbody tr.audit-row');
  }

  async open(): Promise<void> {
    await this.page.keyboard.press('Alt+L');
    await this.page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
  }
}
