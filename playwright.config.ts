import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the real renderer through the Chromium host (main/hosts/chromium.ts),
 * which launches Debian's Chromium itself; Playwright never downloads a browser here.
 *
 * `npm start` rebuilds `out/`, which every other spec loads the renderer from, so its spec runs
 * in a project of its own after all the others have finished.
 */
const startSpec = /start\.spec\.ts$/;

// The runner's zone and language are pinned too (the host opens every page in en-GB and
// Europe/London, on a pinned clock: test/e2e/fixtures.ts). C.UTF-8 is the one UTF-8 locale every
// Debian has: Chromium started under a LANG whose locale is not generated fails to reopen a
// wiped profile's IndexedDB.
process.env['TZ'] = 'Europe/London';
process.env['LANG'] = 'C.UTF-8';

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  timeout: 300_000,
  // Waits are for states, never for a speed: signing, verifying and reading evidence are CPU
  // work that a busy machine slows down many times over.
  expect: { timeout: 60_000 },
  fullyParallel: true,
  // One test at a time: each spec drives a whole Chromium with its workers plus the host's
  // signing and verifying threads, and two of them on two cores starve each other's renderer.
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  projects: [
    { name: 'app', testIgnore: startSpec },
    { name: 'start', testMatch: startSpec, dependencies: ['app'] },
  ],
});
