import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the real renderer through the Chromium host (main/hosts/chromium.ts),
 * which launches Debian's Chromium itself; Playwright never downloads a browser here.
 *
 * `npm start` rebuilds `out/`, which every other spec loads the renderer from, so its spec runs
 * in a project of its own after all the others have finished.
 */
const startSpec = /start\.spec\.ts$/;

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: process.env['CI'] ? 2 : undefined,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  projects: [
    { name: 'app', testIgnore: startSpec },
    { name: 'start', testMatch: startSpec, dependencies: ['app'] },
  ],
});
