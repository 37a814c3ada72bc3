import type { Locator, Page } from '@playwright/test';

/** The sample workspace: its banner in every area and its panel in Settings. */
export class SampleWorkspace {
  constructor(readonly page: Page) {}

  get banner(): Locator {
    return this.page.getByRole('complementary', { name: 'Sample workspace' });
  }

  get panel(): Locator {
    return this.page.getByRole('region', { name: 'Sample workspace' });
  }

  /** Deletes the sample from the banner, confirming. */
  async deleteFromBanner(): Promise<void> {
    await this.banner.getByRole('button', { name: 'Delete the sample' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Delete the sample workspace' });
    await dialog.getByRole('button', { name: 'Delete the sample' }).click();
    await this.page.getByText('The sample workspace was deleted.').waitFor();
  }
}
