#!/usr/bin/env node
// `npm test`: the whole suite. Static checks, unit tests (vitest) three times — as they are, 400
// days ahead (faketime) and in a far-off zone —, the team locker's tests against a local Ceph,
// end-to-end tests (Playwright through the Chromium host), then one summary line
// `N passed, N failed, N skipped` over all. A runner that fails on
// its own (unhandled errors, a non-zero exit) is a failure, whatever its tests say.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const reports = path.join(root, 'reports');
mkdirSync(reports, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];
/** Steps that did not run, with the reason. */
const skips = [];

/** Runs a step with the terminal as its output; its exit status (-1 when it could not start). */
function runStatus(label, command, args, env = {}) {
  console.log(`\n━━ ${label}: ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return result.status ?? -1;
}

function run(label, command, args, env = {}) {
  return runStatus(label, command, args, env) === 0;
}

function gate(label, script) {
  if (run(label, 'npm', ['run', '--silent', script])) totals.passed += 1;
  else {
    totals.failed += 1;
    problems.push(label);
  }
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

gate('typecheck', 'typecheck');
gate('lint', 'lint');
gate('format', 'format:check');

const built = run('build', 'npm', ['run', '--silent', 'build']);
if (!built) {
  totals.failed += 1;
  problems.push('build');
}

/**
 * One vitest run, counted from its JSON report. The runner's own verdict counts too: unhandled
 * errors, a file that failed to load or any other non-zero exit is a failure in the summary even
 * when every test passed.
 */
function unitRun(label, { prefix = [], env = {}, report, args: extra = [] }) {
  const file = path.join(reports, report);
  rmSync(file, { force: true });
  const [command, ...args] = [
    ...prefix,
    'npx',
    'vitest',
    'run',
    ...extra,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${file}`,
  ];
  const status = runStatus(label, command, args, env);
  const vitest = readJson(file);
  if (!vitest) {
    totals.failed += 1;
    problems.push(`${label}: vitest produced no report`);
    return;
  }
  const failed = vitest.numFailedTests ?? 0;
  totals.passed += vitest.numPassedTests ?? 0;
  totals.failed += failed;
  totals.skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  if (failed > 0) problems.push(`${label}: ${failed} failed`);
  if ((vitest.numFailedTestSuites ?? 0) > 0 && failed === 0) {
    totals.failed += vitest.numFailedTestSuites;
    problems.push(`${label}: test files that failed to load`);
  } else if (status !== 0 && failed === 0) {
    totals.failed += 1;
    problems.push(`${label}: vitest exited ${status} with every test passed (unhandled errors?)`);
  }
}

unitRun('unit tests', { report: 'vitest.json' });

// The same tests on another day and in another zone: nothing may depend on when or where the
// suite runs. faketime (Debian's package) moves the clock of vitest and of every tool it starts.
if (spawnSync('faketime', ['-f', '+0d', 'true']).status === 0) {
  unitRun('unit tests 400 days ahead', {
    prefix: ['faketime', '-f', '+400d'],
    report: 'vitest-400d.json',
  });
} else {
  totals.skipped += 1;
  skips.push('unit tests 400 days ahead: faketime is not installed (apt-get install faketime)');
}
unitRun('unit tests in Pacific/Kiritimati', {
  env: { TZ: 'Pacific/Kiritimati' },
  report: 'vitest-kiritimati.json',
});

// The team locker against a real S3 Object Lock service: the run starts a local Ceph
// (scripts/locker-dev.mjs) and stops it after; without Debian's Ceph packages it is a skip.
const cephPrograms = ['ceph-mon', 'ceph-osd', 'radosgw', 'radosgw-admin', 'ceph-authtool', 'ceph'];
const missingCeph = cephPrograms.filter(
  (name) => spawnSync('sh', ['-c', `command -v ${name}`]).status !== 0,
);
if (missingCeph.length === 0) {
  unitRun('team locker tests (local Ceph)', {
    args: ['-c', 'vitest.locker.config.ts'],
    report: 'vitest-locker.json',
  });
} else {
  totals.skipped += 1;
  skips.push(
    `team locker tests: ${missingCeph.join(', ')} not installed (apt-get install ceph-mon ceph-osd radosgw ceph-common)`,
  );
}

const playwrightReport = path.join(reports, 'playwright.json');
rmSync(playwrightReport, { force: true });
if (built) {
  // The app's zone and locale are the host's (en-GB, Europe/London); the runner's are pinned too.
  const status = runStatus('end-to-end tests', 'npx', ['playwright', 'test'], {
    TZ: 'Europe/London',
    LANG: 'C.UTF-8',
  });
  const playwright = readJson(playwrightReport);
  if (playwright?.stats) {
    const unexpected = playwright.stats.unexpected ?? 0;
    totals.passed += (playwright.stats.expected ?? 0) + (playwright.stats.flaky ?? 0);
    totals.failed += unexpected;
    totals.skipped += playwright.stats.skipped ?? 0;
    if (unexpected > 0) problems.push(`end-to-end tests: ${unexpected} failed`);
    if ((playwright.errors ?? []).length > 0) {
      totals.failed += playwright.errors.length;
      problems.push('Playwright reported errors outside tests');
    } else if (status !== 0 && unexpected === 0) {
      totals.failed += 1;
      problems.push(`end-to-end tests: Playwright exited ${status} with every test passed`);
    }
  } else {
    totals.failed += 1;
    problems.push('Playwright produced no report');
  }
}

if (skips.length > 0) console.log(`\nSkipped: ${skips.join('; ')}`);
if (problems.length > 0) console.log(`\nProblems: ${problems.join('; ')}`);
if (existsSync(path.join(reports, 'screenshots'))) console.log('Screenshots: reports/screenshots/');
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed > 0 ? 1 : 0;
