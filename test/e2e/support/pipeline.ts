import { spawnSync } from 'node:child_process';
import { expect } from '@playwright/test';

/**
 * A CI pipeline for end-to-end tests: the built CLI (`bin/demo-ledger.js`) run as a GitHub
 * Actions job would, half an hour before the app's pinned morning (E2E_NOW), so what it signs is
 * valid on the app's clock.
 */

export const PIPELINE_COMMIT = '0123456789abcdef0123456789abcdef01234567';

/** The variables a GitHub Actions job sets, as `collect` reads them there. */
export const GITHUB = {
  GITHUB_ACTIONS: 'true',
  GITHUB_SHA: PIPELINE_COMMIT,
  GITHUB_REPOSITORY: 'acme/payments',
  GITHUB_RUN_ID: '4242',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_WORKFLOW: 'security',
  GITHUB_JOB: 'scan',
  GITHUB_REF_NAME: 'main',
  GITHUB_SERVER_URL: 'https://github.com',
};

const CI_PASSPHRASE = 'pipeline passphrase of the payments CI';

/** Runs `demo-ledger ARGS…` under faketime with the CI identity's passphrase; must succeed. */
export function pipeline(args: string[], env: Record<string, string> = {}): void {
  const result = spawnSync(
    'faketime',
    ['-f', '@2026-11-27 08:30:00', process.execPath, 'bin/demo-ledger.js', ...args],
    {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC', DEMO_LEDGER_PASSPHRASE: CI_PASSPHRASE, ...env },
    },
  );
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
}
