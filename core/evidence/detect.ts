import { CHART_FORMAT } from '../charts/series';
import { stripAnsi } from './ansi';
import { detectChangeReportFormat } from './detect-changes';
import type { JsonShape, WorkMeter } from './head-json';
import { jsonShape } from './head-json';
import type { XmlHead } from './head-xml';
import { xmlHead } from './head-xml';
import type { FormatId } from './model';
import { looksBinary } from './utf8';

/**
 * Format detection by content, never by file name: magic numbers for binary files, the root
 * element for XML, the shape of the first part of a JSON document (which keys occur where),
 * and characteristic lines for text formats. Only the head of the file is examined, by
 * hand-written scanners that visit each character once (head-json.ts, head-xml.ts), so a
 * hostile head costs no more than an ordinary one.
 */

export const DETECT_BYTES = 256 * 1024;

export interface Detection {
  format: FormatId;
  /** Dialect that changes how the file is read (`csv`, `pretty`, `json lines`, `lockfile`). */
  variant: string;
  /** The content is gzip-compressed; `format` describes what is inside. */
  gzip?: boolean;
  mediaType: string;
  /** The text encoding an XML declaration names, when it is not UTF-8. */
  charset?: string;
  /**
   * Key or element names in the head that scanner reports use (vulnerabilities, findings,
   * severity …), for a file no reader recognised: it may be a report we cannot read.
   */
  scannerKeys?: string[];
}

const MEDIA: Partial<Record<FormatId, string>> = {
  image: 'image/*',
  pdf: 'application/pdf',
  binary: 'application/octet-stream',
  text: 'text/plain',
  'ci-log': 'text/plain',
  gherkin: 'text/plain',
  lynis: 'text/plain',
};

function result(format: FormatId, variant = '', mediaType?: string): Detection {
  return { format, variant, mediaType: mediaType ?? MEDIA[format] ?? 'application/json' };
}

const IMAGE_MAGIC: readonly [string, number[]][] = [
  ['image/png', [0x89, 0x50, 0x4e, 0x47]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/gif', [0x47, 0x49, 0x46, 0x38]],
  ['image/webp', [0x52, 0x49, 0x46, 0x46]],
];

function startsWith(head: Uint8Array, bytes: readonly number[]): boolean {
  return bytes.every((byte, index) => head[index] === byte);
}

/** Detects the format of a file from its first bytes (already gunzipped when `gzip` is set). */
export function detectFormat(head: Uint8Array, meter?: WorkMeter): Detection {
  const bytes = head.subarray(0, DETECT_BYTES);
  for (const [mediaType, magic] of IMAGE_MAGIC) {
    if (startsWith(bytes, magic)) {
      if (
        mediaType !== 'image/webp' ||
        new TextDecoder().decode(bytes.subarray(8, 12)) === 'WEBP'
      ) {
        return result('image', mediaType.slice(6).toUpperCase(), mediaType);
      }
    }
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return result('pdf', 'PDF');
  if (looksBinary(bytes)) return result('binary', 'binary');
  // Stray invalid bytes become U+FFFD; the readers do the same and say so in the summary.
  const text = new TextDecoder('utf-8').decode(bytes);
  const changes = detectChangeReportFormat(text);
  if (changes) return changes;
  const start = firstNonSpace(text);
  const first = text[start];
  if (first === '<') {
    if (isHtml(text, start)) return result('text', 'HTML', 'text/html');
    return detectXml(xmlHead(text, meter));
  }
  if (first === '{' || first === '[') return detectJson(jsonShape(text, meter));
  return detectText(text, meter);
}

/** Index of the first character that is not white space or a byte-order mark (native search). */
function firstNonSpace(text: string): number {
  const found = text.search(/[^\t\n\r \ufeff]/);
  return found === -1 ? text.length : found;
}

// HTML is kept as text and shown escaped; it is never rendered.
function isHtml(text: string, start: number): boolean {
  const opening = text.slice(start, start + 15).toLowerCase();
  return opening.startsWith('<!doctype html') || /^<html[\s>]/.test(opening);
}

const xmlResult = (format: FormatId, variant = ''): Detection =>
  result(format, variant, 'application/xml');

function detectXml(head: XmlHead): Detection {
  const detection = xmlFormat(head);
  if (head.encoding && head.encoding !== 'utf-8' && head.encoding !== 'utf8')
    detection.charset = head.encoding;
  if (detection.format === 'xml') {
    const keys = scannerKeyNames([...head.names]);
    if (keys.length > 0) detection.scannerKeys = keys;
  }
  return detection;
}

function xmlFormat(head: XmlHead): Detection {
  const root = head.root;
  const has = (name: string): boolean => head.names.has(name);
  switch (root?.name) {
    case 'testsuites':
    case 'testsuite':
      return xmlResult('junit');
    case 'nmaprun':
      return xmlResult('nmap');
    case 'OWASPZAPReport':
      return xmlResult('zap', 'xml');
    case 'document':
      return has('ssltest') || (root.attrs['title'] ?? '').includes('SSLScan')
        ? xmlResult('sslscan')
        : xmlResult('xml', 'XML (document)');
    case 'Benchmark':
    case 'TestResult':
      return namespaceOf(root).includes('xccdf') || has('rule-result')
        ? xmlResult('xccdf')
        : xmlResult('xml', `XML (${root.name})`);
    case 'asset-report-collection':
      return xmlResult('arf');
    case 'bom':
      return namespaceOf(root).includes('cyclonedx.org/schema/bom')
        ? xmlResult('cyclonedx', 'xml')
        : xmlResult('xml', 'XML (bom)');
    case 'svg':
      return result('image', 'SVG', 'image/svg+xml');
    default:
      return xmlResult('xml', root ? `XML (${root.name})` : 'XML');
  }
}

function namespaceOf(root: { attrs: Record<string, string> }): string {
  return Object.entries(root.attrs)
    .filter(([name]) => name === 'xmlns' || name.startsWith('xmlns:'))
    .map(([, value]) => value.toLowerCase())
    .join(' ');
}

function detectJson(shape: JsonShape): Detection {
  const detection = jsonFormat(shape);
  if (detection.format === 'json') {
    const keys = scannerKeyNames(
      [...shape.paths].map((path) => path.slice(path.lastIndexOf('.') + 1)),
    );
    if (keys.length > 0) detection.scannerKeys = keys;
  }
  return detection;
}

function jsonFormat(shape: JsonShape): Detection {
  const has = (path: string): boolean => shape.paths.has(path);
  const value = (path: string): string => shape.values.get(path) ?? '';
  const rootKey = (key: string): boolean => shape.rootKeys.includes(key);
  // InSpec's JSON-lines log: one control result per line, however many lines.
  if (
    !shape.rootIsArray &&
    rootKey('status') &&
    rootKey('id') &&
    (rootKey('impact') || rootKey('title'))
  )
    return result('inspec', 'json lines');
  if (shape.documents > 1 && shape.firstComplete && !shape.rootIsArray)
    return result('json', 'JSON Lines');
  if (!shape.rootIsArray && value('format') === CHART_FORMAT) return result('chart', CHART_FORMAT);
  if (shape.rootIsArray) return jsonArrayFormat(has);
  if (/sarif/i.test(value('$schema')) || (value('version') === '2.1.0' && has('runs')))
    return result('sarif');
  if (value('bomFormat') === 'CycloneDX') return result('cyclonedx');
  if (value('spdxVersion').startsWith('SPDX-3') || /spdx\.org\/rdf\/3/.test(value('@context')))
    return result('spdx', 'SPDX 3');
  if (has('spdxVersion')) return result('spdx');
  // `trivy k8s`: `--report all` lists Resources (Vulnerabilities and Misconfigurations before
  // 0.40), the default `--report summary` lists the same resources under Findings.
  if (
    has('ClusterName') &&
    (has('Resources') || has('Findings') || has('Vulnerabilities') || has('Misconfigurations'))
  )
    return result('trivy', 'k8s');
  if (has('SchemaVersion') && (has('ArtifactName') || has('Results'))) return result('trivy');
  if (has('matches.*.Cycle') || value('descriptor.name') === 'xeol') return result('xeol');
  if (
    has('matches.*.vulnerability') ||
    has('matches.*.artifact') ||
    (has('matches') && has('descriptor'))
  )
    return result('grype');
  if (
    has('auditReportVersion') ||
    (has('advisories') && (has('muted') || has('actions') || has('metadata')))
  )
    return result('npm-audit');
  if (has('statusCode') && /\/-\/npm\/v1\/security\//.test(value('uri')))
    return result('npm-audit', 'error');
  if (value('error.code').startsWith('E') && has('error.summary') && shape.rootKeys.length === 1)
    return result('npm-audit', 'error');
  if (has('site') && (has('@version') || has('@generated'))) return result('zap', 'json');
  if (has('profiles') && (has('platform') || has('statistics'))) {
    const heimdall = has('passthrough') || /heimdall/i.test(value('platform.name'));
    return result(heimdall ? 'hdf' : 'inspec');
  }
  // InSpec 1.x writes a flat list of results before its profiles.
  if (has('controls.*.code_desc') && has('controls.*.status')) return result('inspec');
  if (has('scanResult') && (has('Invocation') || has('startTime')))
    return result('testssl', 'pretty');
  if (
    has('catalog') ||
    has('assessment-results') ||
    has('assessment-plan') ||
    has('system-security-plan') ||
    has('profile.imports') ||
    has('component-definition')
  )
    return result('oscal');
  if (has('results.*.reviewed-controls') || has('results.*.findings'))
    return result('oscal', 'results');
  if (has('issues') && has('startAt') && has('maxResults')) return result('jira', 'issues');
  if (
    /json-schema\.org/.test(value('$schema')) ||
    (has('definitions') && has('properties') && has('type'))
  )
    return result('json-schema', 'JSON Schema');
  if (has('lockfileVersion') && has('packages')) return result('npm-manifest', 'lockfile');
  if (has('name') && (has('dependencies') || has('devDependencies')) && !has('packages'))
    return result('npm-manifest', 'package');
  return result('json', 'JSON');
}

function jsonArrayFormat(has: (path: string) => boolean): Detection {
  if (has('*.elements') || (has('*.keyword') && has('*.uri'))) return result('cucumber');
  if (has('*.severity') && has('*.finding') && has('*.id')) return result('testssl', 'json');
  if (has('*.clauseNames') && has('*.custom')) return result('jira', 'fields');
  // Trivy before schema 2 wrote its results as a bare array.
  if (has('*.Target') && (has('*.Vulnerabilities') || has('*.Type') || has('*.Misconfigurations')))
    return result('trivy', 'legacy');
  return result('json', 'JSON array');
}

/**
 * Names that scanner reports use for what they found. A file no reader recognised that uses
 * them is probably a report in a format or version we cannot read, which must be said loudly
 * rather than stored as if it showed nothing.
 */
const SCANNER_WORDS = [
  'vulnerabilit',
  'finding',
  'severity',
  'cve',
  'cwe',
  'advisor',
  'misconfiguration',
  'violation',
  'weakness',
  'alert',
  'issue',
  'secret',
  'exploit',
  'scanresult',
  'ruleid',
  'rule-result',
  'controls',
  'checks',
];

export function scannerKeyNames(names: readonly string[]): string[] {
  const found = new Set<string>();
  for (const name of names) {
    const lower = name.toLowerCase();
    if (lower.length > 60) continue;
    if (SCANNER_WORDS.some((word) => lower.includes(word))) found.add(name);
    if (found.size >= 5) break;
  }
  return [...found];
}

/** Line checks below: each is anchored or looks for a fixed string, so linear in the line. */
const TEXT_CHECKS = 8;
/**
 * Every marker a text format is known by sits at the start of a line (after a time stamp or a
 * few ANSI codes at most), so only this much of each line is examined: one 256 KiB line costs
 * no more than an ordinary log.
 */
const TEXT_LINE_CHARS = 4096;

function detectText(text: string, meter?: WorkMeter): Detection {
  const lines = text
    .split('\n', 200)
    .map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line).slice(0, TEXT_LINE_CHARS));
  if (meter) meter.steps += lines.reduce((sum, line) => sum + line.length + 1, 0) * TEXT_CHECKS;
  if (
    lines.some((line) => line.startsWith('# Lynis Report')) ||
    lines.some(
      (line) => line.startsWith('lynis_version=') || line.startsWith('report_version_major='),
    )
  )
    return result('lynis');
  if (/^"?id"?,"?fqdn\/ip"?,"?port"?,"?severity"?,"?finding"?/.test(lines[0] ?? ''))
    return result('testssl', 'csv', 'text/csv');
  const plain = lines.map(withoutTimestamp);
  if (
    plain.some(
      (line) =>
        /^##\[(?:group|section|command|error|warning)\]/.test(line) ||
        line.startsWith("Current runner version: '"),
    )
  )
    return result('ci-log', 'GitHub Actions');
  if (
    lines.some((line) => {
      const bare = stripAnsi(line);
      return bare.includes('Running with gitlab-runner') || /section_start:\d/.test(bare);
    })
  )
    return result('ci-log', 'GitLab CI');
  if (
    lines.some((line) => /^\s*(?:Feature|Ability|Business Need):/.test(line)) &&
    lines.some((line) => /^\s*(?:Scenario|Scenario Outline|Example|Background):/.test(line))
  )
    return result('gherkin', 'Gherkin feature');
  if (lines[0]?.startsWith('SPDXVersion:')) return result('spdx', 'tag-value');
  return result('text', 'text');
}

/** GitHub Actions prefixes each line with an ISO time stamp and a space. */
function withoutTimestamp(line: string): string {
  if (line.length < 21 || line[4] !== '-' || line[10] !== 'T') return line;
  const space = line.indexOf(' ');
  return space > 19 && space < 40 && line[space - 1] === 'Z' ? line.slice(space + 1) : line;
}
