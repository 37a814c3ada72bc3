import JSONParser from '@streamparser/json/jsonparser.js';
import { CHART_FORMAT } from '../charts/series';
import { stripAnsi } from './ansi';
import { detectChangeReportFormat } from './detect-changes';
import type { FormatId } from './model';

/**
 * Format detection by content, never by file name: magic numbers for binary files, the root
 * element for XML, the shape of the first part of a JSON document (which keys occur where),
 * and characteristic lines for text formats. Only the head of the file is examined.
 */

export const DETECT_BYTES = 256 * 1024;

export interface Detection {
  format: FormatId;
  /** Dialect that changes how the file is read (`csv`, `pretty`, `json lines`, `lockfile`). */
  variant: string;
  /** The content is gzip-compressed; `format` describes what is inside. */
  gzip?: boolean;
  mediaType: string;
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
export function detectFormat(head: Uint8Array): Detection {
  for (const [mediaType, magic] of IMAGE_MAGIC) {
    if (startsWith(head, magic)) {
      if (mediaType !== 'image/webp' || new TextDecoder().decode(head.subarray(8, 12)) === 'WEBP') {
        return result('image', mediaType.slice(6).toUpperCase(), mediaType);
      }
    }
  }
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) return result('pdf', 'PDF');
  if (looksBinary(head)) return result('binary', 'binary');
  const text = new TextDecoder('utf-8').decode(head).replace(/^\uFEFF/, '');
  const trimmed = text.trimStart();
  const changes = detectChangeReportFormat(text);
  if (changes) return changes;
  // HTML is kept as text and shown escaped; it is never rendered.
  if (/^<!doctype html|^<html[\s>]/i.test(trimmed)) return result('text', 'HTML', 'text/html');
  if (trimmed.startsWith('<')) return detectXml(trimmed);
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return detectJson(trimmed);
  return detectText(text);
}

/** NUL bytes or invalid UTF-8 in the head mean binary (a cut multi-byte character at the end is fine). */
function looksBinary(head: Uint8Array): boolean {
  if (head.includes(0)) return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(
      head.subarray(0, Math.max(0, head.byteLength - 4)),
    );
    return false;
  } catch {
    return true;
  }
}

function rootElement(xml: string): { name: string; tag: string } | null {
  // Skip the declaration, processing instructions, comments and a DOCTYPE.
  // Lazy quantifiers over a bounded head (DETECT_BYTES), so backtracking stays bounded too.
  const pattern =
    // eslint-disable-next-line security/detect-unsafe-regex -- see above
    /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>|<([A-Za-z_][\w.:-]*)([^>]*)>/g;
  for (let match = pattern.exec(xml); match; match = pattern.exec(xml)) {
    if (match[1]) return { name: match[1].replace(/^[\w.-]+:/, ''), tag: match[0] };
  }
  return null;
}

function detectXml(xml: string): Detection {
  const root = rootElement(xml);
  const xmlResult = (format: FormatId, variant = ''): Detection =>
    result(format, variant, 'application/xml');
  switch (root?.name) {
    case 'testsuites':
    case 'testsuite':
      return xmlResult('junit');
    case 'nmaprun':
      return xmlResult('nmap');
    case 'OWASPZAPReport':
      return xmlResult('zap', 'xml');
    case 'document':
      return /SSLScan|<ssltest/i.test(xml) ? xmlResult('sslscan') : xmlResult('xml', 'XML');
    case 'Benchmark':
    case 'TestResult':
      return /xccdf/i.test(xml) || /<[\w:]*rule-result/.test(xml)
        ? xmlResult('xccdf')
        : xmlResult('xml', 'XML');
    case 'asset-report-collection':
      return xmlResult('arf');
    case 'svg':
      return result('image', 'SVG', 'image/svg+xml');
    default:
      return xmlResult('xml', root ? `XML (${root.name})` : 'XML');
  }
}

/** What the head of a JSON document looks like: key paths (`*` for array items) and top values. */
export interface JsonShape {
  rootIsArray: boolean;
  paths: Set<string>;
  values: Map<string, string>;
}

export function jsonShape(text: string): JsonShape {
  const shape: JsonShape = {
    rootIsArray: text.trimStart().startsWith('['),
    paths: new Set(),
    values: new Map(),
  };
  const parser = new JSONParser({ keepStack: false });
  parser.onValue = ({ key, stack, value }) => {
    const keys = [...stack.slice(1).map((entry) => entry.key), key].filter(
      (part) => part !== undefined,
    );
    if (keys.length > 4) return;
    const parts = keys.map((part) => (typeof part === 'number' ? '*' : String(part)));
    const path = parts.join('.');
    // Containers are reported only once complete, which may be past the head: record every
    // ancestor of each value seen, so a key counts as soon as anything inside it was read.
    for (let length = 1; length <= parts.length; length += 1)
      shape.paths.add(parts.slice(0, length).join('.'));
    if (keys.length <= 2 && (typeof value === 'string' || typeof value === 'number')) {
      if (!shape.values.has(path)) shape.values.set(path, String(value).slice(0, 200));
    }
  };
  parser.onError = () => undefined;
  try {
    parser.write(text);
  } catch {
    // The head ends mid-document: what was read so far is the shape.
  }
  return shape;
}

function detectJson(text: string): Detection {
  const lines = text.split('\n');
  const firstLine = lines[0]?.trim() ?? '';
  if (
    firstLine.startsWith('{') &&
    firstLine.endsWith('}') &&
    (lines[1] ?? '').trim().startsWith('{')
  ) {
    try {
      const first = JSON.parse(firstLine) as Record<string, unknown>;
      if ('status' in first && 'id' in first && ('impact' in first || 'title' in first))
        return result('inspec', 'json lines');
      return result('json', 'JSON Lines');
    } catch {
      // Not JSON Lines after all; read as one document.
    }
  }
  const shape = jsonShape(text);
  const has = (path: string): boolean => shape.paths.has(path);
  const value = (path: string): string => shape.values.get(path) ?? '';
  if (!shape.rootIsArray && value('format') === CHART_FORMAT) return result('chart', CHART_FORMAT);
  if (shape.rootIsArray) {
    if (has('*.elements') || (has('*.keyword') && has('*.uri'))) return result('cucumber');
    if (has('*.severity') && has('*.finding') && has('*.id')) return result('testssl', 'json');
    if (has('*.clauseNames') && has('*.custom')) return result('jira', 'fields');
    return result('json', 'JSON array');
  }
  if (/sarif/i.test(value('$schema')) || (value('version') === '2.1.0' && has('runs')))
    return result('sarif');
  if (value('bomFormat') === 'CycloneDX') return result('cyclonedx');
  if (has('spdxVersion')) return result('spdx');
  if (has('SchemaVersion') && (has('ArtifactName') || has('Results'))) return result('trivy');
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

function detectText(text: string): Detection {
  const lines = text.split('\n', 200).map((line) => line.replace(/\r$/, ''));
  if (
    lines.some((line) => /^# Lynis Report/.test(line)) ||
    lines.some((line) => /^(lynis_version|report_version_major)=/.test(line))
  )
    return result('lynis');
  if (/^"?id"?,"?fqdn\/ip"?,"?port"?,"?severity"?,"?finding"?/.test(lines[0] ?? ''))
    return result('testssl', 'csv', 'text/csv');
  const plain = lines.map((line) => line.replace(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z /, ''));
  if (
    plain.some(
      (line) =>
        /^##\[(group|section|command|error|warning)\]/.test(line) ||
        /^Current runner version: '/.test(line),
    )
  )
    return result('ci-log', 'GitHub Actions');
  if (lines.some((line) => /Running with gitlab-runner|section_start:\d+:/.test(stripAnsi(line))))
    return result('ci-log', 'GitLab CI');
  if (
    lines.some((line) => /^\s*(Feature|Ability|Business Need):/.test(line)) &&
    lines.some((line) => /^\s*(Scenario|Scenario Outline|Example|Background):/.test(line))
  )
    return result('gherkin', 'Gherkin feature');
  return result('text', 'text');
}
