import type { ByteChunks, ByteSource } from './bytes';
import { EvidenceParseError, gunzip, isGzip, readHead } from './bytes';
import { SummaryBuilder, withListLimit } from './builder';
import type { Detection } from './detect';
import { DETECT_BYTES, detectFormat } from './detect';
import type { EvidenceSummary, FindingSummary, InspectOutcome } from './model';
import { parseChangeReport } from './parsers/changes';
import { parseChart } from './parsers/chart';
import { parseCucumber } from './parsers/cucumber';
import { parseGenericJson, parseJira, parseNpmManifest, parseOscal } from './parsers/documents';
import { parseInspec } from './parsers/inspec';
import { parseJunit } from './parsers/junit';
import { parseLynis } from './parsers/lynis';
import { parseMetasploit } from './parsers/metasploit';
import { parseNmap } from './parsers/nmap';
import { parseSarif } from './parsers/sarif';
import { parseCycloneDx, parseSpdx } from './parsers/sbom';
import { parseSslscan } from './parsers/sslscan';
import { parseTestssl } from './parsers/testssl';
import { opaqueSummary, parseCiLog, parsePlainText } from './parsers/text';
import { parseCycloneDxXml } from './parsers/cyclonedx-xml';
import { parseTrivy } from './parsers/trivy';
import { parseGrype, parseNpmAudit, parseXeol } from './parsers/vulnerabilities';
import { parseXccdf } from './parsers/xccdf';
import { parseZapJson, parseZapXml } from './parsers/zap';
import { currentReader, isRecognisedFormat } from './readers';
import { Utf8Repair, repairedUtf8, replacementNote } from './utf8';
import { readXml } from './xml';

/**
 * Reads one evidence file end to end: detects its format from the head, then streams the whole
 * file through that format's parser. A parse failure is an outcome, not an exception, so the
 * caller can still store the raw file and show why it could not be read.
 */

export interface InspectResult {
  detection: Detection;
  outcome: InspectOutcome;
}

export async function detectSource(source: ByteSource): Promise<Detection> {
  const head = await readHead(source.open(), DETECT_BYTES);
  if (!isGzip(head)) return detectFormat(head);
  try {
    const inner = await readHead(gunzip(source.open()), DETECT_BYTES);
    return { ...detectFormat(inner), gzip: true, mediaType: 'application/gzip' };
  } catch {
    return { format: 'binary', variant: 'gzip (corrupt)', mediaType: 'application/gzip' };
  }
}

/** Formats read as bytes, never as text. */
const OPAQUE = new Set(['image', 'pdf', 'binary']);

export interface InspectOptions {
  /** Items listed per list; MAX_ITEMS unless a caller needs more (the counts are exact either way). */
  listLimit?: number;
}

export async function inspectSource(
  source: ByteSource,
  options: InspectOptions = {},
): Promise<InspectResult> {
  const detection = await detectSource(source);
  // Text is read as UTF-8 (unless an XML declaration names another encoding): stray invalid
  // bytes become U+FFFD and are counted, so one bad byte never makes a file unreadable.
  const asText = !OPAQUE.has(detection.format) && detection.charset === undefined;
  let repair: Utf8Repair | null = null;
  const open = (): ByteChunks => {
    const bytes = detection.gzip ? gunzip(source.open()) : source.open();
    if (!asText) return bytes;
    repair = new Utf8Repair();
    return repairedUtf8(bytes, repair);
  };
  try {
    const parse = () => parseDetected(detection, open, source.size);
    const summary = await (options.listLimit === undefined
      ? parse()
      : withListLimit(options.listLimit, parse));
    if (detection.gzip) {
      summary.variant = `${summary.variant} (gzip)`;
      summary.details['compressed'] = 'gzip';
    }
    const replaced = (repair as Utf8Repair | null)?.replaced ?? 0;
    if (replaced > 0) summary.notes.push(replacementNote(replaced));
    summary.recognised = isRecognisedFormat(summary.format);
    if (!summary.recognised) summary.scannerKeys = detection.scannerKeys ?? [];
    summary.reader = currentReader(detection.format);
    return { detection, outcome: { ok: true, summary } };
  } catch (error) {
    return {
      detection,
      outcome: { ok: false, format: detection.format, error: describeError(error) },
    };
  }
}

/**
 * A file's findings alone, listing up to `listLimit` of them (the counts are exact): null when
 * the file lists none, `error` when it cannot be read.
 */
export async function inspectFindings(
  source: ByteSource,
  listLimit: number,
): Promise<{ findings: FindingSummary | null; error: string | null }> {
  const { outcome } = await inspectSource(source, { listLimit });
  return outcome.ok
    ? { findings: outcome.summary.findings, error: null }
    : { findings: null, error: outcome.error };
}

export function describeError(error: unknown): string {
  if (error instanceof EvidenceParseError) return error.message;
  if (error instanceof Error) return `The file could not be read: ${error.message}`;
  return 'The file could not be read.';
}

async function parseDetected(
  detection: Detection,
  open: () => ByteChunks,
  size: number,
): Promise<EvidenceSummary> {
  const { format, variant } = detection;
  switch (format) {
    case 'junit':
      return parseJunit(open());
    case 'sarif':
      return parseSarif(open());
    case 'nmap':
      return parseNmap(open());
    case 'metasploit':
      return parseMetasploit(open());
    case 'zap':
      return variant === 'json' ? parseZapJson(open()) : parseZapXml(open());
    case 'trivy':
      return parseTrivy(open(), variant);
    case 'grype':
      return parseGrype(open());
    case 'xeol':
      return parseXeol(open());
    case 'npm-audit':
      return parseNpmAudit(open());
    case 'cyclonedx':
      return variant === 'xml' ? parseCycloneDxXml(open()) : parseCycloneDx(open());
    case 'spdx':
      return parseSpdx(open(), variant);
    case 'xccdf':
    case 'arf':
      return parseXccdf(open(), format);
    case 'lynis':
      return parseLynis(open());
    case 'cucumber':
      return parseCucumber(open());
    case 'inspec':
    case 'hdf':
      return parseInspec(open(), format, variant);
    case 'sslscan':
      return parseSslscan(open());
    case 'testssl':
      return parseTestssl(open(), variant);
    case 'ci-log':
      return parseCiLog(open(), variant);
    case 'oscal':
      return parseOscal(open());
    case 'jira':
      return parseJira(open(), variant);
    case 'npm-manifest':
      return parseNpmManifest(open(), variant);
    case 'chart':
      return parseChart(open());
    case 'puppet':
    case 'chef-infra':
    case 'aide':
    case 'tripwire':
    case 'ossec':
      return parseChangeReport(open(), variant);
    case 'json':
    case 'json-schema':
      return parseGenericJson(open(), format, variant);
    case 'xml':
      return parseGenericXml(open(), variant);
    case 'gherkin':
    case 'text':
      return parsePlainText(open(), format, variant);
    case 'image':
      return variant === 'SVG' ? parseSvg(open(), size) : opaqueSummary(format, variant, size);
    case 'pdf':
    case 'binary':
      return opaqueSummary(format, variant, size);
  }
}

/**
 * An SVG image is shown as an image (an <img> from a blob: URL runs no script and loads
 * nothing), but only once it has passed the safe XML parser: a DTD or an entity is refused.
 */
async function parseSvg(chunks: ByteChunks, size: number): Promise<EvidenceSummary> {
  let elements = 0;
  await readXml(chunks, {
    open() {
      elements += 1;
    },
  });
  const summary = opaqueSummary('image', 'SVG', size);
  summary.details['elements'] = elements;
  return summary;
}

/** Unknown XML is still read through the safe parser, so hostile documents are refused. */
async function parseGenericXml(chunks: ByteChunks, variant: string): Promise<EvidenceSummary> {
  const summary = new SummaryBuilder('xml', variant);
  let elements = 0;
  await readXml(chunks, {
    open() {
      elements += 1;
    },
  });
  summary.details['elements'] = elements;
  return summary.build();
}

export { EvidenceParseError };
