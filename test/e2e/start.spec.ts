import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * `npm start` on a machine without an Electron binary: it must say why and open the app in
 * Chromium, in a real window on a (virtual) X display.
 */
test('npm start falls back to the Chromium host and says why', async () => {
  const testInfo = test.info();
  test.skip(
    !existsSync('/usr/bin/xvfb-run'),
    'xvfb-run is not installed (apt-get install xvfb xauth)',
  );
  test.slow();
  const profile = testInfo.outputPath('profile');
  const child = spawn(
    'xvfb-run',
    [
      '-a',
      'node',
      'scripts/start.mjs',
      '--profile',
      profile,
      '--downloads',
      testInfo.outputPath('downloads'),
    ],
    {
      cwd: root,
      detached: true,
      env: {
        ...process.env,
        DEMO_LEDGER_NO_ELECTRON_DOWNLOAD: '1',
        ELECTRON_OVERRIDE_DIST_PATH: testInfo.outputPath('no-electron'),
      },
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await expect
      .poll(() => output, { timeout: 90_000 })
      .toContain('Demo Ledger is open in Chromium.');
    expect(output).toContain(
      'Opening Demo Ledger in Chromium, because the Electron binary is not installed',
    );
    expect(output).toContain('npm run electron:fetch');
    expect(output).toContain(profile);
    expect(child.exitCode).toBeNull();
  } finally {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
  }
  await expect
    .poll(() => child.exitCode !== null || child.signalCode !== null, { timeout: 20_000 })
    .toBe(true);
});

test('the Chromium host explains what to do when there is no display', async () => {
  const testInfo = test.info();
  const child = spawn(
    'node',
    ['out/node/chromium-host.js', '--profile', testInfo.outputPath('profile')],
    {
      cwd: root,
      env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' },
    },
  );
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code).toBe(2);
  expect(output).toContain('No display found');
  expect(output).toContain('xvfb-run -a npm start');
});
