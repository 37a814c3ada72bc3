import type { EvidenceDiff, PortRef } from '../../core/evidence/diff';
import { openPorts } from '../../core/evidence/diff';
import type { InspectResult } from '../../core/evidence/inspect';
import type { ChartSummary, ScanOutcome } from '../../core/evidence/model';
import { summaryOfOutcome, unrecognisedNote } from '../../core/evidence/readers';

/**
 * The stable JSON written by `inspect --json` and `diff --json` (documented in README.md).
 * Fields are only ever added, never renamed or removed, within a schema version.
 */

export interface InspectJson {
  schema: 'demo-ledger/inspect@1';
  file: string;
  size: number;
  sha256: string;
  format: string;
  variant: string;
  mediaType: string;
  ok: boolean;
  error: string | null;
  tool: { name: string; version: string } | null;
  producedAt: string | null;
  target: string | null;
  origin: Record<string, string>;
  tests: {
    total: number;
    passed: number;
    failed: number;
    errored: number;
    skipped: number;
    flaky: number;
  } | null;
  findings: {
    total: number;
    critical: number;
    high: number;
    medium: number;
    low: number;
    info: number;
    unknown: number;
  } | null;
  ports: PortRef[] | null;
  components: { total: number } | null;
  checks: {
    total: number;
    pass: number;
    fail: number;
    notApplicable: number;
    error: number;
    notChecked: number;
    informational: number;
  } | null;
  /** A chart (`demo-ledger.chart/v1`): title, period (ISO), series and the figures table. */
  chart: {
    id: string;
    title: string;
    from: string;
    to: string;
    series: ChartSummary['series'];
    figures: ChartSummary['figures'];
  } | null;
  /** Changes a configuration or integrity tool reported (Puppet, Chef Infra, AIDE, Tripwire, OSSEC). */
  changes: {
    total: number;
    added: number;
    removed: number;
    changed: number;
    failed: number;
    corrective: number;
    status: string;
  } | null;
  details: Record<string, string | number | boolean>;
  notes: string[];
  /** False when no reader understood the file (generic JSON, XML, text, bytes, or unreadable). */
  recognised: boolean;
  /** Whether the run the file records went through, in the tool's own words where it gives them. */
  scan: ScanOutcome;
}

export function inspectJson(
  file: string,
  size: number,
  sha256: string,
  result: InspectResult,
): InspectJson {
  const summary = result.outcome.ok ? result.outcome.summary : null;
  const reading = summaryOfOutcome(result.detection, result.outcome);
  const warning = unrecognisedNote(reading);
  return {
    schema: 'demo-ledger/inspect@1',
    file,
    size,
    sha256,
    format: result.detection.format,
    variant: summary?.variant ?? result.detection.variant,
    mediaType: result.detection.mediaType,
    ok: result.outcome.ok,
    error: result.outcome.ok ? null : result.outcome.error,
    tool: summary?.tool ?? null,
    producedAt: summary?.producedAt ?? null,
    target: summary?.target ?? null,
    origin: Object.fromEntries(
      Object.entries(summary?.origin ?? {}).filter(
        ([, value]) => typeof value === 'string' && value !== '',
      ),
    ),
    tests: summary?.tests
      ? {
          total: summary.tests.total,
          passed: summary.tests.passed,
          failed: summary.tests.failed,
          errored: summary.tests.errored,
          skipped: summary.tests.skipped,
          flaky: summary.tests.flaky,
        }
      : null,
    findings: summary?.findings
      ? { total: summary.findings.total, ...summary.findings.bySeverity }
      : null,
    ports: summary?.hosts ? openPorts(summary) : null,
    components: summary?.components ? { total: summary.components.total } : null,
    checks: summary?.checks
      ? {
          total: summary.checks.total,
          pass: summary.checks.pass,
          fail: summary.checks.fail,
          notApplicable: summary.checks.notApplicable,
          error: summary.checks.error,
          notChecked: summary.checks.notChecked,
          informational: summary.checks.informational,
        }
      : null,
    chart: summary?.chart
      ? {
          id: summary.chart.id,
          title: summary.chart.title,
          from: new Date(summary.chart.from).toISOString(),
          to: new Date(summary.chart.to).toISOString(),
          series: summary.chart.series,
          figures: summary.chart.figures,
        }
      : null,
    changes: summary?.changes
      ? {
          total: summary.changes.total,
          added: summary.changes.added,
          removed: summary.changes.removed,
          changed: summary.changes.changed,
          failed: summary.changes.failed,
          corrective: summary.changes.corrective,
          status: summary.changes.status,
        }
      : null,
    details: summary?.details ?? {},
    notes: [...(warning ? [warning] : []), ...(summary?.notes ?? [])],
    recognised: reading.recognised,
    scan: reading.scan,
  };
}

export interface DiffJson {
  schema: 'demo-ledger/diff@1';
  previous: { file: string; sha256: string; format: string };
  current: { file: string; sha256: string; format: string };
  ports: EvidenceDiff['ports'];
  findings: { new: FindingJson[]; fixed: FindingJson[]; unchanged: number } | null;
  tests: {
    newlyFailing: TestJson[];
    newlyPassing: TestJson[];
    added: number;
    removed: number;
  } | null;
  checks: { newlyFailing: CheckJson[]; newlyPassing: CheckJson[]; unchanged: number } | null;
  components: {
    added: ComponentJson[];
    removed: ComponentJson[];
    upgraded: { name: string; from: string; to: string }[];
    unchanged: number;
  } | null;
  unexpectedPorts: FindingJson[];
  notes: string[];
}

interface FindingJson {
  fingerprint: string;
  rule: string;
  severity: string;
  title: string;
  location: string;
}
interface TestJson {
  suite: string;
  name: string;
  status: string;
}
interface CheckJson {
  id: string;
  title: string;
  status: string;
}
interface ComponentJson {
  name: string;
  version: string;
}

const finding = (item: FindingJson): FindingJson => ({
  fingerprint: item.fingerprint,
  rule: item.rule,
  severity: item.severity,
  title: item.title,
  location: item.location,
});
const testCase = (item: TestJson): TestJson => ({
  suite: item.suite,
  name: item.name,
  status: item.status,
});
const check = (item: CheckJson): CheckJson => ({
  id: item.id,
  title: item.title,
  status: item.status,
});
const component = (item: ComponentJson): ComponentJson => ({
  name: item.name,
  version: item.version,
});

export function diffJson(
  previous: DiffJson['previous'],
  current: DiffJson['current'],
  drift: EvidenceDiff,
): DiffJson {
  return {
    schema: 'demo-ledger/diff@1',
    previous,
    current,
    ports: drift.ports,
    findings: drift.findings && {
      new: drift.findings.new.map(finding),
      fixed: drift.findings.fixed.map(finding),
      unchanged: drift.findings.unchanged,
    },
    tests: drift.tests && {
      newlyFailing: drift.tests.newlyFailing.map(testCase),
      newlyPassing: drift.tests.newlyPassing.map(testCase),
      added: drift.tests.added,
      removed: drift.tests.removed,
    },
    checks: drift.checks && {
      newlyFailing: drift.checks.newlyFailing.map(check),
      newlyPassing: drift.checks.newlyPassing.map(check),
      unchanged: drift.checks.unchanged,
    },
    components: drift.components && {
      added: drift.components.added.map(component),
      removed: drift.components.removed.map(component),
      upgraded: drift.components.upgraded.map(({ name, from, to }) => ({ name, from, to })),
      unchanged: drift.components.unchanged,
    },
    unexpectedPorts: drift.unexpectedPorts.map(finding),
    notes: drift.notes,
  };
}

/** Whether the current evidence is worse than the previous: for `diff --fail-on-drift`. */
export function hasAdverseDrift(drift: EvidenceDiff): boolean {
  return (
    (drift.ports?.opened.length ?? 0) > 0 ||
    (drift.ports?.changed.length ?? 0) > 0 ||
    (drift.findings?.new.length ?? 0) > 0 ||
    (drift.tests?.newlyFailing.length ?? 0) > 0 ||
    (drift.checks?.newlyFailing.length ?? 0) > 0 ||
    drift.unexpectedPorts.length > 0
  );
}
