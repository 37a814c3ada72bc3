import type { ChangeSummary, EvidenceOrigin, EvidenceSummary, FormatId } from './model';
import { readingFlagOf } from './readers';

/** Longest source key kept (evidence rows and the issues raised from their findings). */
export const SOURCE_KEY_MAX = 600;

/**
 * Which earlier evidence a new file is "the next version" of: the same format from the same
 * place. The place is the pipeline and job when known, else what was examined (host, image,
 * repository), else the file name; compared case-insensitively.
 */
export function sourceKeyOf(
  format: FormatId,
  origin: Partial<EvidenceOrigin>,
  target: string | null,
  fileName: string,
): string {
  const pipeline = [origin.pipeline, origin.job]
    .filter((part) => part !== undefined && part.trim() !== '')
    .join(' / ');
  const where = pipeline || target || fileName;
  return `${format}|${where.trim().toLowerCase()}`.slice(0, SOURCE_KEY_MAX);
}

/**
 * One line a reviewer reads first in a list: the counts that matter for the format, or, for a
 * failed or incomplete scan or a report no reader understood, that flag and its reason (never
 * counts that would read as a clean result).
 */
export function headlineOf(summary: EvidenceSummary): string {
  const flagged = readingFlagOf(summary);
  if (flagged) return `${flagged.label}: ${flagged.reason}`.slice(0, 300);
  const parts: string[] = [];
  if (summary.tests) {
    const t = summary.tests;
    parts.push(
      `${t.total} tests: ${t.passed} passed, ${t.failed} failed${t.errored ? `, ${t.errored} errored` : ''}${t.skipped ? `, ${t.skipped} skipped` : ''}${t.flaky ? `, ${t.flaky} flaky` : ''}`,
    );
  }
  if (summary.findings) {
    const s = summary.findings.bySeverity;
    const bands = (['critical', 'high', 'medium', 'low'] as const)
      .filter((band) => s[band] > 0)
      .map((band) => `${s[band]} ${band}`);
    parts.push(`${summary.findings.total} findings${bands.length ? ` (${bands.join(', ')})` : ''}`);
  }
  if (summary.hosts) {
    const open = summary.hosts.reduce(
      (sum, host) => sum + host.ports.filter((port) => port.state === 'open').length,
      0,
    );
    parts.push(
      `${summary.hosts.length} host${summary.hosts.length === 1 ? '' : 's'}, ${open} open port${open === 1 ? '' : 's'}`,
    );
  }
  if (summary.components) parts.push(`${summary.components.total} components`);
  if (summary.checks)
    parts.push(
      `${summary.checks.total} checks: ${summary.checks.pass} pass, ${summary.checks.fail} fail`,
    );
  if (summary.changes) parts.push(changesHeadline(summary.changes));
  if (summary.chart) {
    const { title, series, ranges, markers } = summary.chart;
    const extras = [
      `${series.length} series`,
      ...(ranges > 0 ? [`${ranges} highlighted range${ranges === 1 ? '' : 's'}`] : []),
      ...(markers > 0 ? [`${markers} marker${markers === 1 ? '' : 's'}`] : []),
    ];
    parts.push(`chart ${title || summary.chart.id}: ${extras.join(', ')}`);
  }
  return parts.join('; ').slice(0, 300);
}

/** `4 changes: 1 added, 1 removed, 2 changed; 1 failed (1 corrective)`. */
export function changesHeadline(changes: ChangeSummary): string {
  if (changes.total === 0) return 'no changes';
  const kinds = (['added', 'removed', 'changed'] as const)
    .filter((kind) => changes[kind] > 0)
    .map((kind) => `${changes[kind]} ${kind}`);
  const made = changes.total - changes.failed;
  const parts = [
    made > 0
      ? `${made} change${made === 1 ? '' : 's'}${kinds.length ? `: ${kinds.join(', ')}` : ''}`
      : '',
    changes.failed > 0 ? `${changes.failed} failed` : '',
  ].filter(Boolean);
  return `${parts.join('; ')}${changes.corrective > 0 ? ` (${changes.corrective} corrective)` : ''}`;
}
