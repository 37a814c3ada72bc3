import type { ScanOutcome, StoredSummary } from '../../core/evidence-bundle/manifest';
import type { InspectJson } from '../commands/evidence-json';

/**
 * What an evidence bundle stores about each file: `inspect --json` as the same reader made it,
 * without the file's name and hash (the bundle's item carries them) and without a chart's
 * series and figures. Strings are clipped to the manifest's limits, saying so, so a tool's
 * overlong message cannot make a bundle its own verifier refuses.
 */

const GENERIC_FORMATS: ReadonlySet<string> = new Set(['json', 'xml', 'text', 'binary']);

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 12)}… (clipped)`;
}

function clipOrNull(text: string | null, max: number): string | null {
  return text === null ? null : clip(text, max);
}

/**
 * The reading's scan outcome and whether a reader recognised the file, as `inspect --json`
 * reports them; a file that could not be parsed is an incomplete scan.
 */
function readingOf(json: InspectJson): { recognised: boolean; scan: ScanOutcome } {
  const reported = json as Partial<{ recognised: boolean; scan: ScanOutcome }>;
  const scan: ScanOutcome = reported.scan ?? {
    status: json.ok ? 'complete' : 'incomplete',
    reason: json.ok ? null : json.error,
  };
  return {
    recognised: reported.recognised ?? (json.ok && !GENERIC_FORMATS.has(json.format)),
    scan: { status: scan.status, reason: clipOrNull(scan.reason, 2000) },
  };
}

export function storedSummaryOf(json: InspectJson): StoredSummary {
  const reading = readingOf(json);
  const notes = json.notes.slice(0, 199).map((note) => clip(note, 2000));
  if (json.notes.length > 199) notes.push(`${json.notes.length - 199} more notes not stored`);
  return {
    format: clip(json.format, 50),
    variant: clip(json.variant, 500),
    mediaType: clip(json.mediaType, 200),
    ok: json.ok,
    error: clipOrNull(json.error, 2000),
    recognised: reading.recognised,
    scan: reading.scan,
    tool: json.tool && { name: clip(json.tool.name, 500), version: clip(json.tool.version, 200) },
    producedAt: clipOrNull(json.producedAt, 100),
    target: clipOrNull(json.target, 2000),
    origin: Object.fromEntries(
      Object.entries(json.origin).map(([key, value]) => [clip(key, 50), clip(value, 2048)]),
    ),
    tests: json.tests,
    findings: json.findings,
    ports:
      json.ports?.map((port) => ({
        host: clip(port.host, 500),
        protocol: clip(port.protocol, 20),
        port: port.port,
        service: clip(port.service, 1000),
      })) ?? null,
    components: json.components,
    checks: json.checks,
    details: Object.fromEntries(
      Object.entries(json.details).map(([key, value]) => [
        clip(key, 200),
        typeof value === 'string' ? clip(value, 2000) : value,
      ]),
    ),
    notes,
  };
}
