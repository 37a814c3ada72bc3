import { z } from 'zod';
import { ChangeItem } from '../change-reports/model';
import { FiguresTable } from '../charts/series';
import { Fingerprint } from '../model/fingerprint';

/**
 * The normalised evidence summary: one shape for every pipeline format, so lists, comparisons,
 * control suggestions and reports work the same whatever produced the file. Each format keeps
 * its own specifics in `details`. Lists are capped (`MAX_ITEMS`) so a hostile or enormous file
 * cannot exhaust memory or the database; the counts are always exact.
 */

export const MAX_ITEMS = 5000;

export const FORMAT_IDS = [
  'junit',
  'sarif',
  'nmap',
  'metasploit',
  'zap',
  'trivy',
  'grype',
  'xeol',
  'npm-audit',
  'cyclonedx',
  'spdx',
  'xccdf',
  'arf',
  'lynis',
  'cucumber',
  'inspec',
  'hdf',
  'sslscan',
  'testssl',
  'ci-log',
  'oscal',
  'jira',
  'json-schema',
  'npm-manifest',
  'gherkin',
  'puppet',
  'chef-infra',
  'aide',
  'tripwire',
  'ossec',
  'chart',
  'json',
  'xml',
  'text',
  'image',
  'pdf',
  'binary',
] as const;
export const FormatId = z.enum(FORMAT_IDS);
export type FormatId = z.infer<typeof FormatId>;

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info', 'unknown'] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

export const TestStatus = z.enum(['passed', 'failed', 'errored', 'skipped', 'flaky']);
export type TestStatus = z.infer<typeof TestStatus>;

export const TestCase = z.object({
  /** Stable identity across runs: suite/class and name. */
  key: z.string(),
  suite: z.string(),
  name: z.string(),
  status: TestStatus,
  durationSeconds: z.number().nullable(),
  message: z.string().nullable(),
});
export type TestCase = z.infer<typeof TestCase>;

export const TestSummary = z.object({
  total: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  errored: z.number().int(),
  skipped: z.number().int(),
  flaky: z.number().int(),
  suites: z.number().int(),
  durationSeconds: z.number().nullable(),
  cases: z.array(TestCase),
});
export type TestSummary = z.infer<typeof TestSummary>;

export const FindingKind = z.enum([
  'weakness',
  'vulnerability',
  'secret',
  'misconfiguration',
  'alert',
  'tls',
  'port',
  'hardening',
  'end-of-life',
  'license',
  /** A session an exploit opened on a host: the host was compromised. */
  'session',
]);
export type FindingKind = z.infer<typeof FindingKind>;

export const Finding = z.object({
  /**
   * Stable across runs of the same tool on the same code: compares findings between scans and
   * is what security issues raised from the finding store (`<format>:<sha256>`).
   */
  fingerprint: Fingerprint,
  kind: FindingKind,
  rule: z.string(),
  title: z.string(),
  severity: Severity,
  /** File and line, URL, host:port or package, as the tool reports it. */
  location: z.string(),
  /** The affected package, for dependency findings (`name@version`). */
  component: z.string().nullable(),
  message: z.string().nullable(),
  /**
   * A suppression the tool recorded that is not in force, so the finding stands (SARIF: one
   * under review, rejected, or of a status SARIF does not define). Absent when there is none.
   */
  suppression: z.enum(['underReview', 'rejected', 'unknown']).optional(),
  /**
   * The fields the fingerprint is the hash of (core/evidence/fingerprints.ts lists them per
   * format). Absent in summaries stored before it was recorded.
   */
  identity: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).optional(),
  /** Public exploit references the tool lists for this finding (Nmap's vulners script). */
  exploits: z
    .object({
      total: z.number().int(),
      /** How they were tied to the finding, in words (the tool may not say it outright). */
      basis: z.string(),
      items: z.array(z.object({ id: z.string(), type: z.string(), url: z.string() })),
    })
    .optional(),
});
export type Finding = z.infer<typeof Finding>;

export const SeverityCounts = z.object({
  critical: z.number().int(),
  high: z.number().int(),
  medium: z.number().int(),
  low: z.number().int(),
  info: z.number().int(),
  unknown: z.number().int(),
});
export type SeverityCounts = z.infer<typeof SeverityCounts>;

export const FindingSummary = z.object({
  total: z.number().int(),
  bySeverity: SeverityCounts,
  items: z.array(Finding),
});
export type FindingSummary = z.infer<typeof FindingSummary>;

export const Port = z.object({
  protocol: z.string(),
  port: z.number().int(),
  state: z.string(),
  service: z.string(),
  product: z.string().nullable(),
  version: z.string().nullable(),
  tunnel: z.string().nullable(),
});
export type Port = z.infer<typeof Port>;

export const Host = z.object({
  address: z.string(),
  hostnames: z.array(z.string()),
  status: z.string(),
  /** Every port the scan reported individually (open, closed, filtered). */
  ports: z.array(Port),
});
export type Host = z.infer<typeof Host>;

export const Component = z.object({
  /** Identity without the version, so upgrades are recognised. */
  key: z.string(),
  name: z.string(),
  version: z.string(),
  type: z.string().nullable(),
  purl: z.string().nullable(),
  licenses: z.array(z.string()),
});
export type Component = z.infer<typeof Component>;

export const ComponentSummary = z.object({
  total: z.number().int(),
  items: z.array(Component),
});
export type ComponentSummary = z.infer<typeof ComponentSummary>;

export const CheckStatus = z.enum([
  'pass',
  'fail',
  'notApplicable',
  'error',
  'notChecked',
  'informational',
]);
export type CheckStatus = z.infer<typeof CheckStatus>;

export const Check = z.object({
  id: z.string(),
  title: z.string(),
  status: CheckStatus,
  severity: Severity,
});
export type Check = z.infer<typeof Check>;

export const CheckSummary = z.object({
  total: z.number().int(),
  pass: z.number().int(),
  fail: z.number().int(),
  notApplicable: z.number().int(),
  error: z.number().int(),
  notChecked: z.number().int(),
  informational: z.number().int(),
  items: z.array(Check),
});
export type CheckSummary = z.infer<typeof CheckSummary>;

/**
 * A chart stored as evidence (`demo-ledger.chart/v1`, core/charts/series.ts): what it shows and
 * the figures behind it. The points themselves stay in the stored file, which parses as a
 * `ChartSpec` for drawing (the signed PDF draws chart evidence from it).
 */
export const ChartSummary = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  /** The period drawn, epoch milliseconds (UTC). */
  from: z.number(),
  to: z.number(),
  series: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      unit: z.string(),
      /** Points drawn, and points in the full series the figures were computed from. */
      points: z.number().int(),
      sourcePoints: z.number().int(),
    }),
  ),
  /** Shaded time ranges (alert windows) and markers (change events). */
  ranges: z.number().int(),
  markers: z.number().int(),
  figures: FiguresTable,
});
export type ChartSummary = z.infer<typeof ChartSummary>;

/**
 * Configuration and integrity changes a tool reported (core/change-reports): a Puppet or Chef
 * Infra run, an AIDE or Tripwire check, OSSEC/Wazuh syscheck alerts. Counts are exact; `items`
 * lists at most MAX_ITEMS. `corrective` counts changes that put back drifted state.
 */
export const ChangeSummary = z.object({
  total: z.number().int(),
  added: z.number().int(),
  removed: z.number().int(),
  changed: z.number().int(),
  failed: z.number().int(),
  corrective: z.number().int(),
  /** The run's outcome in the tool's words (`changed`, `failed`, `no violations` …). */
  status: z.string(),
  items: z.array(ChangeItem),
});
export type ChangeSummary = z.infer<typeof ChangeSummary>;

/** Where the evidence came from, as far as the file says (editable by the user afterwards). */
export const EvidenceOrigin = z.object({
  pipeline: z.string().max(200).default(''),
  job: z.string().max(200).default(''),
  runUrl: z.string().max(2048).default(''),
  commit: z.string().max(200).default(''),
  branch: z.string().max(200).default(''),
});
export type EvidenceOrigin = z.infer<typeof EvidenceOrigin>;

export const DetailValue = z.union([z.string(), z.number(), z.boolean()]);

export const SCAN_STATUSES = ['complete', 'failed', 'incomplete'] as const;
export const ScanStatus = z.enum(SCAN_STATUSES);
export type ScanStatus = z.infer<typeof ScanStatus>;

/**
 * Whether the run the file records went through: `failed` when the tool itself says its scan
 * failed (npm audit could not reach its registry, testssl.sh could not connect), `incomplete`
 * when the file could not be read to its end or says the run stopped early. `reason` is the
 * tool's own words where it gives them.
 */
export const ScanOutcome = z.object({
  status: ScanStatus,
  reason: z.string().max(2000).nullable(),
});
export type ScanOutcome = z.infer<typeof ScanOutcome>;

/** Which reader made a summary, so summaries made by an older reader can be made again. */
export const ReaderStamp = z.object({
  /** The format the reader read (detection may have chosen another one since). */
  format: FormatId,
  version: z.number().int().nonnegative(),
  /** Version of format detection when the file was read. */
  detection: z.number().int().nonnegative(),
});
export type ReaderStamp = z.infer<typeof ReaderStamp>;

export const EvidenceSummary = z.object({
  format: FormatId,
  /** Dialect or version within the format (`surefire`, `npm v7+`, `2.1.0`, `GitHub Actions`). */
  variant: z.string(),
  tool: z.object({ name: z.string(), version: z.string() }).nullable(),
  /** When the tool ran, if the file says (ISO 8601). */
  producedAt: z.string().nullable(),
  /** What was examined: host, image, repository, profile. */
  target: z.string().nullable(),
  origin: EvidenceOrigin.partial(),
  tests: TestSummary.nullable(),
  findings: FindingSummary.nullable(),
  hosts: z.array(Host).nullable(),
  components: ComponentSummary.nullable(),
  checks: CheckSummary.nullable(),
  /** A chart's title, period, series and figures; null for every other format. */
  chart: ChartSummary.nullable().default(null),
  /** Changes a configuration or integrity tool reported; null for every other format. */
  changes: ChangeSummary.nullable().default(null),
  /** Format specifics worth showing (profile, counts of suggestions, schema version). */
  details: z.record(z.string(), DetailValue),
  /** Non-fatal notes: lists cut at MAX_ITEMS, unknown values mapped to a default. */
  notes: z.array(z.string()),
  /**
   * False when no reader understood the file: it was stored as generic JSON, XML, text or
   * bytes, or could not be read at all. Summaries stored before this was recorded are re-read.
   */
  recognised: z.boolean().default(true),
  scan: ScanOutcome.default({ status: 'complete', reason: null }),
  /**
   * For a file no reader recognised: names in it that scanner reports use (vulnerabilities,
   * severity …). Such a file may be a report we cannot read, and never counts as a clean one.
   */
  scannerKeys: z.array(z.string().max(100)).max(10).default([]),
  /** Null for summaries stored before readers were versioned. */
  reader: ReaderStamp.nullable().default(null),
});
export type EvidenceSummary = z.infer<typeof EvidenceSummary>;

/** The outcome of reading a file: a summary, or the reason none could be made. */
export type InspectOutcome =
  { ok: true; summary: EvidenceSummary } | { ok: false; format: FormatId; error: string };
