import type { Detection } from './detect';
import { z } from 'zod';
import type { EvidenceSummary, FormatId, InspectOutcome, ReaderStamp } from './model';

/**
 * Versions of format detection and of each format's reader. A stored summary carries the
 * versions that made it (`summary.reader`); when a reader changes what it makes of a file, its
 * version goes up and stored evidence of that format is read again (the app's data upgrade),
 * so a misreading does not outlive the reader that made it. When detection changes which format
 * a file gets, DETECTION_VERSION goes up, since files of any format may move.
 */
export const DETECTION_VERSION = 2;

export const READER_VERSIONS: Readonly<Record<FormatId, number>> = {
  junit: 1,
  sarif: 3,
  nmap: 2,
  metasploit: 1,
  zap: 2,
  trivy: 1,
  grype: 1,
  xeol: 1,
  'npm-audit': 1,
  cyclonedx: 1,
  spdx: 1,
  xccdf: 1,
  arf: 1,
  lynis: 1,
  cucumber: 1,
  inspec: 1,
  hdf: 1,
  sslscan: 1,
  testssl: 1,
  'ci-log': 1,
  oscal: 1,
  jira: 1,
  'json-schema': 1,
  'npm-manifest': 1,
  gherkin: 1,
  puppet: 1,
  'chef-infra': 1,
  aide: 1,
  tripwire: 1,
  ossec: 1,
  chart: 1,
  json: 1,
  xml: 1,
  text: 1,
  image: 1,
  pdf: 1,
  binary: 1,
};

/**
 * One word for the readers as they are now: it grows whenever detection or any reader's version
 * goes up (versions only ever go up), so an upgrade named after it runs again after each change.
 */
export const READINGS_VERSION = `${DETECTION_VERSION}.${Object.values(READER_VERSIONS).reduce(
  (sum, version) => sum + version,
  0,
)}`;

export function currentReader(format: FormatId): ReaderStamp {
  return { format, version: READER_VERSIONS[format], detection: DETECTION_VERSION };
}

/** Whether a stored summary was made by today's detection and reader. */
export function isCurrentReading(summary: Pick<EvidenceSummary, 'reader'>): boolean {
  const stamp = summary.reader;
  return (
    stamp !== null &&
    stamp.detection === DETECTION_VERSION &&
    stamp.version === READER_VERSIONS[stamp.format]
  );
}

/**
 * Formats that mean "no reader understood this file": it is kept and shown, but nothing in it
 * was read as findings, tests, checks or components.
 */
const GENERIC: ReadonlySet<FormatId> = new Set(['json', 'xml', 'text', 'binary']);

export function isRecognisedFormat(format: FormatId): boolean {
  return !GENERIC.has(format);
}

/**
 * The summary to store for a reading, including one that failed: a file that could not be read
 * is recorded as not recognised and incomplete, with the reason.
 */
export function summaryOfOutcome(detection: Detection, outcome: InspectOutcome): EvidenceSummary {
  if (outcome.ok) return outcome.summary;
  return {
    format: outcome.format,
    variant: detection.variant,
    tool: null,
    producedAt: null,
    target: null,
    origin: {},
    tests: null,
    findings: null,
    hosts: null,
    components: null,
    checks: null,
    chart: null,
    changes: null,
    details: {},
    notes: [],
    recognised: false,
    scan: { status: 'incomplete', reason: outcome.error.slice(0, 2000) },
    scannerKeys: detection.scannerKeys ?? [],
    reader: currentReader(outcome.format),
  };
}

/**
 * The warning a file gets when it looks like a scanner report that no reader understood: said
 * first wherever the file is shown, since its findings were not read.
 */
export function unrecognisedNote(
  summary: Pick<EvidenceSummary, 'recognised' | 'scannerKeys' | 'format'>,
): string | null {
  if (summary.recognised || summary.scannerKeys.length === 0) return null;
  return `NOT UNDERSTOOD: this looks like a scanner report (it uses ${summary.scannerKeys.map((key) => `"${key}"`).join(', ')}) but no reader recognised its format. Its findings were not read or counted, and it does not show that a control was demonstrated.`;
}

/** What a reviewer must be told before anything else about a file: why it shows nothing. */
export const ReadingFlag = z.enum(['failed', 'incomplete', 'not-understood']);
export type ReadingFlag = z.infer<typeof ReadingFlag>;

export const READING_FLAG_LABELS: Readonly<Record<ReadingFlag, string>> = {
  failed: 'Scan failed',
  incomplete: 'Scan incomplete',
  'not-understood': 'Not understood',
};

/**
 * The flag a summary earns, with the reason to show; null for a recognised, complete file. A
 * flagged file never counts as evidence that a control was demonstrated.
 */
export function readingFlagOf(
  summary: Pick<EvidenceSummary, 'recognised' | 'scan' | 'scannerKeys' | 'format'>,
): { flag: ReadingFlag; label: string; reason: string } | null {
  if (summary.scan.status !== 'complete') {
    const flag = summary.scan.status;
    return { flag, label: READING_FLAG_LABELS[flag], reason: summary.scan.reason ?? '' };
  }
  if (!summary.recognised && summary.scannerKeys.length > 0) {
    return {
      flag: 'not-understood',
      label: READING_FLAG_LABELS['not-understood'],
      reason: `looks like a scanner report (${summary.scannerKeys.map((key) => `"${key}"`).join(', ')}) but no reader recognised it; its findings were not read`,
    };
  }
  return null;
}
