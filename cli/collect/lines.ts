import type {
  CollectedFile,
  DriftEntry,
  GateOutcome,
  StoredSummary,
} from '../../core/evidence-bundle/manifest';
import { plain } from '../../core/util/plain-text';

/** How `collect` and `verify` describe an evidence bundle's contents, one line per fact. */

export function summaryText(summary: StoredSummary): string {
  const parts: string[] = [];
  if (!summary.ok) parts.push(`NOT READ: ${summary.error ?? 'unknown error'}`);
  else if (summary.scan.status !== 'complete') {
    parts.push(
      `SCAN ${summary.scan.status.toUpperCase()}${summary.scan.reason ? `: ${summary.scan.reason}` : ''}`,
    );
  }
  if (summary.ok && !summary.recognised) parts.push(`not recognised, kept as ${summary.format}`);
  const { tests, findings, checks } = summary;
  if (tests) {
    parts.push(
      `tests ${tests.total}: ${tests.passed} passed, ${tests.failed} failed, ${tests.errored} errored, ${tests.skipped} skipped`,
    );
  }
  if (findings) {
    parts.push(
      `findings ${findings.total}: ${findings.critical} critical, ${findings.high} high, ${findings.medium} medium, ${findings.low} low, ${findings.info} info${findings.unknown > 0 ? `, ${findings.unknown} unknown` : ''}`,
    );
  }
  if (checks) {
    parts.push(
      `checks ${checks.total}: ${checks.pass} pass, ${checks.fail} fail, ${checks.error} error, ${checks.notApplicable} not applicable`,
    );
  }
  if (summary.ports) parts.push(`${summary.ports.length} open ports`);
  if (summary.components) parts.push(`${summary.components.total} components`);
  return plain(parts.join('; ') || 'no summary');
}

export function fileLines(items: readonly CollectedFile[]): string[] {
  return items.map((item) => {
    const tool = item.summary.tool
      ? ` (${item.summary.tool.name} ${item.summary.tool.version})`.replace(' )', ')')
      : '';
    return `${plain(item.name)}: ${plain(item.summary.format)}${plain(tool)}, ${item.size} bytes, SHA-256 ${item.sha256}; ${summaryText(item.summary)}`;
  });
}

export function gateLines(outcomes: readonly GateOutcome[]): string[] {
  return outcomes.flatMap((outcome) => [
    `${outcome.passed ? '✓' : '✗'} ${outcome.gate}: ${outcome.passed ? 'passed' : 'FAILED'}`,
    ...outcome.failures.map((failure) => `    ${plain(failure)}`),
  ]);
}

export function driftLines(entries: readonly DriftEntry[]): string[] {
  return entries.map((entry) => {
    const what =
      entry.status === 'new'
        ? 'new since the previous bundle'
        : entry.status === 'missing'
          ? 'MISSING: collected before, not now'
          : entry.status === 'unreadable'
            ? `not compared: ${entry.changes.join('; ')}`
            : entry.changes.length === 0
              ? entry.previousSha256 === entry.currentSha256
                ? 'unchanged (same content)'
                : 'no change in what it reports'
              : `${entry.adverse ? 'WORSE: ' : ''}${entry.changes.join('; ')}`;
    return `${plain(entry.name)}: ${plain(what)}`;
  });
}
