import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '../..');

function electronBinary(): string | null {
  try {
    const binary: unknown = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();

/** Runs only where the Electron binary exists; these machines cannot download it. */
test.describe('the Electron app', () => {
  test.skip(
    binary === null,
    'No Electron binary on this machine (its download is blocked here); run `npm run electron:fetch` where github.com is reachable.',
  );

  test('opens one hardened window on app:// with the typed API and no Node', async () => {
    const app = await electron.launch({
      executablePath: binary ?? undefined,
      args: [root],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '' },
    });
    try {
      const page = await app.firstWindow();
      await page.locator('html[data-ready="true"]').waitFor();
      expect(page.url()).toBe('app://demo-ledger/index.html');
      const inPage = await page.evaluate(async () => ({
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        info: await (
          window as unknown as { api: { appGetInfo: () => Promise<{ host: string }> } }
        ).api.appGetInfo(),
      }));
      expect(inPage.require).toBe('undefined');
      expect(inPage.process).toBe('undefined');
      expect(inPage.info.host).toBe('electron');
      const navigation = await page.evaluate(() => {
        const opened = window.open('https://example.org/');
        window.location.href = 'https://example.org/';
        return { opened: opened === null };
      });
      expect(navigation.opened).toBe(true);
      await expect.poll(() => page.url()).toBe('app://demo-ledger/index.html');
      await expect(page.getByRole('heading', { name: 'Welcome to Demo Ledger' })).toBeVisible();
    } finally {
      await app.close();
    }
  });
});
