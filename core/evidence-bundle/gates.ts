import type {
  CollectedFile,
  DriftEntry,
  GateName,
  GateOutcome,
  PreviousBundle,
  StoredSummary,
} from './manifest';
import { GATE_NAMES } from './manifest';

/**
 * The gates a pipeline can fail on (`collect --fail-on`). Each judges what was collected and
 * fails closed: a file that could not be read, or whose scan did not complete, cannot show that
 * it holds no high findings or no failed tests, so it fails the gates it could have failed.
 */

export class GateError extends Error {
  override readonly name = 'GateError';
}

/** `--fail-on` values (each may list several, comma-separated), in order, each once. */
export function parseGates(values: readonly string[]): GateName[] {
  const gates: GateName[] = [];
  for (const value of values.flatMap((entry) => entry.split(','))) {
    const name = value.trim();
    if (!(GATE_NAMES as readonly string[]).includes(name)) {
      throw new GateError(`--fail-on takes ${GATE_NAMES.join(', ')} (got "${value}")`);
    }
    if (!gates.includes(name as GateName)) gates.push(name as GateName);
  }
  return gates;
}

const LEVELS = ['critical', 'high', 'medium', 'low'] as const;
type Level = (typeof LEVELS)[number];

/** Formats whose content is tests or checks: unreadable, they cannot show none failed. */
const TEST_FORMATS: ReadonlySet<string> = new Set([
  'junit',
  'cucumber',
  'inspec',
  'hdf',
  'xccdf',
  'arf',
]);

/** Why a file's content is unknown, or null when it was read to its end. */
export function unreadReason(summary: StoredSummary): string | null {
  if (!summary.ok) return `it could not be read (${summary.error ?? 'unknown error'})`;
  if (summary.scan.status === 'complete') return null;
  return `its scan is ${summary.scan.status}${summary.scan.reason ? ` (${summary.scan.reason})` : ''}`;
}

export interface DriftInput {
  previous: PreviousBundle | null;
  drift: readonly DriftEntry[] | null;
}

export function evaluateGates(
  gates: readonly GateName[],
  evidence: readonly CollectedFile[],
  drift: DriftInput,
): GateOutcome[] {
  return gates.map((gate) => {
    const failures =
      gate === 'failed-tests'
        ? evidence.flatMap(failedTests)
        : gate === 'failed-scan'
          ? evidence.flatMap(failedScan)
          : gate === 'drift'
            ? driftFailures(drift)
            : evidence.flatMap((file) => findingsAtOrAbove(file, gate));
    return { gate, passed: failures.length === 0, failures };
  });
}

function findingsAtOrAbove(file: CollectedFile, level: Level): string[] {
  const { summary } = file;
  const unread = unreadReason(summary);
  if (unread !== null) return [`${file.name}: its findings are unknown: ${unread}`];
  const findings = summary.findings;
  if (findings === null) return [];
  const counted = LEVELS.slice(0, LEVELS.indexOf(level) + 1)
    .map((severity) => [severity, findings[severity]] as const)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${count} ${severity}`);
  // A finding the report gives no severity for may be of any: it counts at every level.
  if (findings.unknown > 0) counted.push(`${findings.unknown} of unknown severity`);
  return counted.length === 0 ? [] : [`${file.name}: ${counted.join(', ')}`];
}

function failedTests(file: CollectedFile): string[] {
  const { summary } = file;
  const unread = unreadReason(summary);
  if (unread !== null && TEST_FORMATS.has(summary.format)) {
    return [`${file.name}: its results are unknown: ${unread}`];
  }
  const failures: string[] = [];
  const tests = summary.tests;
  if (tests && tests.failed + tests.errored > 0) {
    failures.push(
      `${file.name}: ${tests.failed} failed and ${tests.errored} errored of ${tests.total} tests`,
    );
  }
  const checks = summary.checks;
  if (checks && checks.fail + checks.error > 0) {
    failures.push(
      `${file.name}: ${checks.fail} failed and ${checks.error} errored of ${checks.total} checks`,
    );
  }
  return failures;
}

function failedScan(file: CollectedFile): string[] {
  const unread = unreadReason(file.summary);
  return unread === null ? [] : [`${file.name}: ${unread}`];
}

function driftFailures({ previous, drift }: DriftInput): string[] {
  if (previous === null) return ['no previous bundle was given (--previous)'];
  if (!previous.verified) {
    return [`the previous bundle cannot be relied on: ${previous.problems.join(' ')}`];
  }
  return (drift ?? []).flatMap((entry) => {
    if (entry.status === 'missing') return [`${entry.name}: collected before, missing now`];
    if (entry.status === 'unreadable') {
      return [`${entry.name}: could not be compared (${entry.changes.join('; ')})`];
    }
    return entry.adverse ? [`${entry.name}: ${entry.changes.join('; ')}`] : [];
  });
}
