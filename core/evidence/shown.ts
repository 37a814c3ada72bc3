import { z } from 'zod';
import type { EvidenceSummary } from './model';
import { readingFlagOf } from './readers';

/**
 * What a file showed, as counts an auditor can compare: tests, findings by severity, checks
 * passed and failed, hosts and open ports, components, changes. Taken from the stored summary
 * (the same counts `headlineOf` writes as a sentence); a failed, incomplete or not understood
 * file shows nothing, so its counts are left out rather than read as a clean result.
 */

const Count = z.number().int().nonnegative();

export const EvidenceShown = z.object({
  tests: z
    .object({ total: Count, passed: Count, failed: Count, errored: Count, skipped: Count })
    .optional(),
  findings: z
    .object({
      total: Count,
      critical: Count,
      high: Count,
      medium: Count,
      low: Count,
      info: Count,
      unknown: Count,
    })
    .optional(),
  checks: z.object({ total: Count, pass: Count, fail: Count }).optional(),
  hosts: z.object({ total: Count, openPorts: Count }).optional(),
  components: Count.optional(),
  changes: Count.optional(),
});
export type EvidenceShown = z.infer<typeof EvidenceShown>;

/** How a file was read: through to the end, or why it shows nothing. */
export const READINGS = ['read', 'scan-failed', 'scan-incomplete', 'not-recognised'] as const;
export const Reading = z.enum(READINGS);
export type Reading = z.infer<typeof Reading>;

export const READING_LABELS: Readonly<Record<Reading, string>> = {
  read: 'read',
  'scan-failed': 'scan failed',
  'scan-incomplete': 'scan incomplete',
  'not-recognised': 'not recognised',
};

/** A flag (core/evidence/readers.ts) and whether a reader recognised the file, as a reading. */
export function readingOf(flag: string | undefined | null, recognised: boolean): Reading {
  if (flag === 'failed') return 'scan-failed';
  if (flag === 'incomplete') return 'scan-incomplete';
  if (flag === 'not-understood' || !recognised) return 'not-recognised';
  return 'read';
}

/** Open ports over every host a scan reported. */
export function openPortCount(hosts: EvidenceSummary['hosts']): number {
  return (hosts ?? []).reduce(
    (sum, host) => sum + host.ports.filter((port) => port.state === 'open').length,
    0,
  );
}

export function shownOf(summary: EvidenceSummary): EvidenceShown {
  if (readingFlagOf(summary) !== null) return {};
  const { tests, findings, checks, hosts, components, changes } = summary;
  const nonNegative = (value: number): number => Math.max(0, value);
  return {
    ...(tests
      ? {
          tests: {
            total: nonNegative(tests.total),
            passed: nonNegative(tests.passed),
            failed: nonNegative(tests.failed),
            errored: nonNegative(tests.errored),
            skipped: nonNegative(tests.skipped),
          },
        }
      : {}),
    ...(findings
      ? {
          findings: {
            total: nonNegative(findings.total),
            critical: nonNegative(findings.bySeverity.critical),
            high: nonNegative(findings.bySeverity.high),
            medium: nonNegative(findings.bySeverity.medium),
            low: nonNegative(findings.bySeverity.low),
            info: nonNegative(findings.bySeverity.info),
            unknown: nonNegative(findings.bySeverity.unknown),
          },
        }
      : {}),
    ...(checks
      ? {
          checks: {
            total: nonNegative(checks.total),
            pass: nonNegative(checks.pass),
            fail: nonNegative(checks.fail),
          },
        }
      : {}),
    ...(hosts
      ? {
          hosts: {
            total: hosts.length,
            openPorts: openPortCount(hosts),
          },
        }
      : {}),
    ...(components ? { components: nonNegative(components.total) } : {}),
    ...(changes ? { changes: nonNegative(changes.total) } : {}),
  };
}
