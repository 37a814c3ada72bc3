#!/usr/bin/env node
// `npm start [-- options]`: builds the app, then opens it in Electron. Where the Electron binary
// is missing and cannot be downloaded, explains why and opens the same app in Chromium instead.
// Options after `--` go to the Chromium host: --profile DIR, --downloads DIR.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

function electronBinary() {
  try {
    // The electron package exports the binary's path, and throws when it was never downloaded.
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function fetchElectron() {
  if (process.env.DEMO_LEDGER_NO_ELECTRON_DOWNLOAD === '1') {
    return { ok: false, reason: 'downloading was turned off (DEMO_LEDGER_NO_ELECTRON_DOWNLOAD=1)' };
  }
  const installer = path.join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer))
    return { ok: false, reason: 'the electron package is not installed (run npm ci)' };
  console.log('Fetching the Electron binary (one time)…');
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const result = spawnSync(process.execPath, [installer], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (result.status === 0 && electronBinary()) return { ok: true };
  const output = `${result.stderr ?? ''}${result.stdout ?? ''}`;
  const firstLine =
    output.split('\n').find((line) => line.trim() !== '' && !line.trim().startsWith('at ')) ??
    'unknown error';
  return { ok: false, reason: result.error ? result.error.message : firstLine.trim() };
}

function run(command, commandArgs, env = process.env) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => {
    process.exitCode = signal ? 1 : (code ?? 1);
  });
}

console.log('Building Demo Ledger…');
const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, encoding: 'utf8' });
if (build.status !== 0) {
  process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`);
  console.error('The build failed; see above.');
  process.exit(build.status ?? 1);
}

let binary = electronBinary();
let reason = 'the Electron binary is not installed';
if (binary === null) {
  const fetched = fetchElectron();
  if (fetched.ok) binary = electronBinary();
  else
    reason = `the Electron binary is not installed and could not be downloaded: ${fetched.reason}`;
}

if (binary !== null) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  run(binary, ['.'], env);
} else {
  console.log(
    [
      `Opening Demo Ledger in Chromium, because ${reason}.`,
      'It is the same app with the same handlers; only the window comes from Chromium.',
      'To use Electron later, run `npm run electron:fetch` where github.com is reachable.',
    ].join('\n'),
  );
  run(process.execPath, [path.join(root, 'out', 'node', 'chromium-host.js'), ...args]);
}
