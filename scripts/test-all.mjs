#!/usr/bin/env node
// `npm test`: the whole suite. Static checks, unit tests (vitest), end-to-end tests (Playwright
// through the Chromium host), then one summary line `N passed, N failed, N skipped` over all.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const reports = path.join(root, 'reports');
mkdirSync(reports, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];

function run(label, command, args, env = {}) {
  console.log(`\n━━ ${label}: ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return result.status === 0;
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

const vitestReport = path.join(reports, 'vitest.json');
rmSync(vitestReport, { force: true });
run('unit tests', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestReport}`,
]);
const vitest = readJson(vitestReport);
if (vitest) {
  totals.passed += vitest.numPassedTests ?? 0;
  totals.failed += vitest.numFailedTests ?? 0;
  totals.skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  if ((vitest.numFailedTestSuites ?? 0) > 0 && (vitest.numFailedTests ?? 0) === 0) {
    totals.failed += vitest.numFailedTestSuites;
    problems.push('unit test files that failed to load');
  }
} else {
  totals.failed += 1;
  problems.push('vitest produced no report');
}

const playwrightReport = path.join(reports, 'playwright.json');
rmSync(playwrightReport, { force: true });
if (built) {
  run('end-to-end tests', 'npx', ['playwright', 'test']);
  const playwright = readJson(playwrightReport);
  if (playwright?.stats) {
    totals.passed += (playwright.stats.expected ?? 0) + (playwright.stats.flaky ?? 0);
    totals.failed += playwright.stats.unexpected ?? 0;
    totals.skipped += playwright.stats.skipped ?? 0;
    if ((playwright.errors ?? []).length > 0) {
      totals.failed += playwright.errors.length;
      problems.push('Playwright reported errors outside tests');
    }
  } else {
    totals.failed += 1;
    problems.push('Playwright produced no report');
  }
}

if (problems.length > 0) console.log(`\nProblems: ${problems.join('; ')}`);
if (existsSync(path.join(reports, 'screenshots'))) console.log('Screenshots: reports/screenshots/');
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed > 0 ? 1 : 0;
