import type { FingerprintIdentity } from '../model/fingerprint';
import { findingFingerprint } from '../model/fingerprint';
import type {
  ChangeSummary,
  ChartSummary,
  Check,
  CheckStatus,
  Component,
  EvidenceOrigin,
  EvidenceSummary,
  Finding,
  ScanOutcome,
  FormatId,
  Host,
  Severity,
  SeverityCounts,
  TestCase,
  TestStatus,
} from './model';
import { MAX_ITEMS } from './model';
import { toolTime } from './dates';
import { findingIdentity } from './fingerprints';

let listLimit = MAX_ITEMS;

/**
 * Runs `read` with lists capped at `limit` rather than MAX_ITEMS: how the findings table reads a
 * stored file past the stored summary's cap. A builder takes the limit in force when it is made,
 * and every reader makes its builder before its first await, so the limit applies to the read
 * started here and to no other read running meanwhile. A builder made later (after the reader
 * awaited) keeps MAX_ITEMS: such a read lists fewer items, never more than asked, and its counts
 * stay exact.
 */
export function withListLimit<T>(limit: number, read: () => Promise<T>): Promise<T> {
  const before = listLimit;
  listLimit = limit;
  try {
    return read();
  } finally {
    listLimit = before;
  }
}

/**
 * Accumulates a summary while a parser streams through a file: exact counts, lists capped at
 * MAX_ITEMS (with a note when cut), so the result is bounded whatever the input.
 */
export class SummaryBuilder {
  private readonly listLimit = listLimit;
  variant: string;
  tool: { name: string; version: string } | null = null;
  producedAt: string | null = null;
  target: string | null = null;
  origin: Partial<EvidenceOrigin> = {};
  readonly details: Record<string, string | number | boolean> = {};
  private readonly notes = new Set<string>();
  private tests: {
    counts: Record<TestStatus, number>;
    cases: TestCase[];
    suites: number;
    duration: number | null;
  } | null = null;
  private findings: { counts: SeverityCounts; items: Finding[]; total: number } | null = null;
  private hosts: Host[] | null = null;
  private components: { items: Component[]; total: number } | null = null;
  private checks: { counts: Record<CheckStatus, number>; items: Check[] } | null = null;
  chart: ChartSummary | null = null;
  changes: ChangeSummary | null = null;
  /** What the file says about the run; complete unless a reader learns otherwise. */
  scan: ScanOutcome = { status: 'complete', reason: null };

  constructor(
    readonly format: FormatId,
    variant = '',
  ) {
    this.variant = variant;
  }

  note(message: string): void {
    this.notes.add(message);
  }

  /** The tool says its scan failed: the file shows nothing about the target. */
  scanFailed(reason: string): void {
    this.scan = { status: 'failed', reason: shorten(reason, 2000) };
  }

  /** The tool says the run stopped early, or part of the file could not be read. */
  scanIncomplete(reason: string): void {
    if (this.scan.status !== 'failed')
      this.scan = { status: 'incomplete', reason: shorten(reason, 2000) };
  }

  setTool(name: string | undefined | null, version: string | undefined | null): void {
    if (name) this.tool = { name, version: version ?? '' };
  }

  enableTests(): void {
    this.tests ??= {
      counts: { passed: 0, failed: 0, errored: 0, skipped: 0, flaky: 0 },
      cases: [],
      suites: 0,
      duration: null,
    };
  }

  addSuite(durationSeconds?: number | null): void {
    this.enableTests();
    const tests = this.tests!;
    tests.suites += 1;
    if (
      durationSeconds !== undefined &&
      durationSeconds !== null &&
      Number.isFinite(durationSeconds)
    ) {
      tests.duration = (tests.duration ?? 0) + durationSeconds;
    }
  }

  addTest(test: Omit<TestCase, 'key'> & { key?: string }): void {
    this.enableTests();
    const tests = this.tests!;
    tests.counts[test.status] += 1;
    this.push(tests.cases, 'tests', () => ({
      ...test,
      key: test.key ?? `${test.suite}\u203a${test.name}`,
    }));
  }

  enableFindings(): void {
    this.findings ??= {
      counts: { critical: 0, high: 0, medium: 0, low: 0, info: 0, unknown: 0 },
      items: [],
      total: 0,
    };
  }

  /**
   * Adds a finding. Its fingerprint is formed by `findingFingerprint` (core/model/fingerprint.ts)
   * from this file's format, which is the tool family, and `identity`: the fields that stay the
   * same while the problem is unfixed (by default kind, rule, location and component).
   */
  addFinding(
    finding: Omit<Finding, 'fingerprint' | 'identity'> & { identity?: FingerprintIdentity },
  ): void {
    this.enableFindings();
    const findings = this.findings!;
    findings.total += 1;
    findings.counts[finding.severity] += 1;
    this.push(findings.items, 'findings', () => {
      const { identity: named, ...rest } = finding;
      const identity = findingIdentity(this.format, named, rest);
      return { ...rest, fingerprint: findingFingerprint(this.format, identity), identity };
    });
  }

  addHost(host: Host): void {
    this.hosts ??= [];
    this.push(this.hosts, 'hosts', () => host);
  }

  enableComponents(): void {
    this.components ??= { items: [], total: 0 };
  }

  addComponent(component: Omit<Component, 'key'> & { key?: string }): void {
    this.enableComponents();
    this.components!.total += 1;
    this.push(this.components!.items, 'components', () => ({
      ...component,
      key: component.key ?? componentKey(component),
    }));
  }

  enableChecks(): void {
    this.checks ??= {
      counts: { pass: 0, fail: 0, notApplicable: 0, error: 0, notChecked: 0, informational: 0 },
      items: [],
    };
  }

  addCheck(check: Check): void {
    this.enableChecks();
    this.checks!.counts[check.status] += 1;
    this.push(this.checks!.items, 'checks', () => check);
  }

  private readonly cut = new Set<string>();

  /** Builds and keeps the item only while the list has room (the counts are kept apart). */
  private push<T>(list: T[], what: string, item: () => T): void {
    if (list.length < this.listLimit) list.push(item());
    else if (!this.cut.has(what)) {
      this.cut.add(what);
      this.note(
        `Only the first ${this.listLimit} ${what} are listed; the counts include all of them.`,
      );
    }
  }

  build(): EvidenceSummary {
    const tests = this.tests;
    const checks = this.checks;
    return {
      format: this.format,
      variant: this.variant,
      tool: this.tool,
      producedAt: this.producedAt,
      target: this.target,
      origin: this.origin,
      tests: tests && {
        total: Object.values(tests.counts).reduce((sum, count) => sum + count, 0),
        ...tests.counts,
        suites: tests.suites,
        durationSeconds: tests.duration === null ? null : Math.round(tests.duration * 1000) / 1000,
        cases: tests.cases,
      },
      findings: this.findings && {
        total: this.findings.total,
        bySeverity: this.findings.counts,
        items: this.findings.items,
      },
      hosts: this.hosts,
      components: this.components && { total: this.components.total, items: this.components.items },
      checks: checks && {
        total: Object.values(checks.counts).reduce((sum, count) => sum + count, 0),
        ...checks.counts,
        items: checks.items,
      },
      chart: this.chart,
      changes: this.changes,
      details: this.details,
      notes: [...this.notes],
      recognised: true,
      scan: this.scan,
      scannerKeys: [],
      reader: null,
    };
  }
}

export function componentKey(component: {
  name: string;
  type?: string | null;
  purl?: string | null;
}): string {
  if (component.purl) {
    // The purl without its version (and qualifiers) names the package across upgrades.
    const withoutQualifiers = component.purl.split(/[?#]/)[0] ?? component.purl;
    const at = withoutQualifiers.lastIndexOf('@');
    return at > withoutQualifiers.indexOf('/') ? withoutQualifiers.slice(0, at) : withoutQualifiers;
  }
  return `${component.type ?? 'component'}:${component.name}`;
}

const SEVERITY_WORDS: Record<string, Severity> = {
  critical: 'critical',
  crit: 'critical',
  high: 'high',
  error: 'high',
  important: 'high',
  medium: 'medium',
  moderate: 'medium',
  warning: 'medium',
  warn: 'medium',
  low: 'low',
  note: 'low',
  minor: 'low',
  negligible: 'info',
  info: 'info',
  informational: 'info',
  none: 'info',
  ok: 'info',
  unknown: 'unknown',
};

/** Maps a tool's severity word to ours; anything unrecognised is `unknown`, never dropped. */
export function severityFromWord(word: string | undefined | null): Severity {
  if (!word) return 'unknown';
  return SEVERITY_WORDS[word.trim().toLowerCase()] ?? 'unknown';
}

/** CVSS-style score (0–10) to a severity band. */
export function severityFromScore(score: number | undefined | null): Severity {
  if (score === undefined || score === null || !Number.isFinite(score)) return 'unknown';
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}

/** Reads a value as text, for fields that tools write as strings, numbers or nothing. */
export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

export function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

export function numberOrNull(value: unknown): number | null {
  const parsed =
    typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(parsed) ? parsed : null;
}

/** Cuts long tool messages for lists; the raw file keeps the whole text. */
export function shorten(value: string, max = 500): string {
  const flat = value.trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/**
 * An ISO date-time from the many forms tools write, or null when it cannot be read: the one
 * rule of core/evidence/dates.ts (a time without a zone is UTC), the same in the app and the CLI.
 */
export function isoDate(value: unknown): string | null {
  return toolTime(value)?.iso ?? null;
}
