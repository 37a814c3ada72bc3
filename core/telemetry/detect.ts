import { detectChangeReport } from '../change-reports/detect';
import { looksLikeAccessLog } from './access-log';
import { loginFromJson, looksLikeSyslog } from './auth-log';
import { isRecord, pick } from './fields';
import { looksLikeDpkgLog } from './changes';
import { detectDelimiter, splitRecord } from './csv';
import type { TelemetryFormat, TelemetryKind } from './model';

/**
 * Recognises what a telemetry file holds from its first bytes (the caller passes about 64 KiB):
 * the format from its shape (JSON document, one JSON object per line, CSV header, text lines),
 * the kind from the lines or fields it finds. The user can always override the result.
 */
export interface Detection {
  kind: TelemetryKind;
  format: TelemetryFormat;
  /** Why: shown to the user next to the choice. */
  reason: string;
}

export const SNIFF_BYTES = 64 * 1024;

export function detectTelemetry(sample: string): Detection | null {
  const text = sample.replace(/^\uFEFF/, '');
  // The last line of a sample may be cut short: leave it out.
  const lines = text.split(/\r?\n/).slice(0, 200);
  if (text.length >= SNIFF_BYTES - 4 && lines.length > 1) lines.pop();
  const nonEmpty = lines.filter((line) => line.trim() !== '');
  const report = detectChangeReport(text);
  if (report !== null) {
    // An alert stream is read record by record; a run or check report as one document.
    const format = report.dialect === 'ossec-alerts' ? 'ndjson' : 'report';
    return { kind: 'changes', format, reason: report.reason };
  }
  const first = text.trimStart()[0];
  if (first === '[' || (first === '{' && !isNdjson(nonEmpty))) {
    return { ...kindOfObjects(firstObjects(text)), format: 'json' };
  }
  if (first === '{') {
    const objects = nonEmpty.slice(0, 20).map(safeParse);
    return { ...kindOfObjects(objects), format: 'ndjson' };
  }
  if (looksLikeAccessLog(nonEmpty)) {
    return {
      kind: 'access-log',
      format: 'text',
      reason: 'lines in nginx/Apache access-log format',
    };
  }
  if (looksLikeSyslog(nonEmpty)) {
    return { kind: 'auth-log', format: 'text', reason: 'syslog lines (auth.log)' };
  }
  if (looksLikeDpkgLog(nonEmpty)) {
    return { kind: 'changes', format: 'text', reason: 'Debian dpkg.log lines' };
  }
  const header = nonEmpty[0];
  if (header !== undefined && nonEmpty.length >= 2) {
    const delimiter = detectDelimiter(header);
    const columns = splitRecord(header, delimiter).map((column) => column.trim());
    if (columns.length >= 2) {
      const rows = nonEmpty.slice(1, 21).map((line) => {
        const fields = splitRecord(line, delimiter);
        return Object.fromEntries(columns.map((column, index) => [column, fields[index] ?? '']));
      });
      return { ...kindOfObjects(rows), format: 'csv' };
    }
  }
  return null;
}

function isNdjson(lines: readonly string[]): boolean {
  const candidates = lines.slice(0, 5);
  return candidates.length > 0 && candidates.every((line) => isRecord(safeParse(line)));
}

function firstObjects(text: string): unknown[] {
  const parsed = safeParse(text);
  if (Array.isArray(parsed)) return parsed.slice(0, 20);
  if (isRecord(parsed)) {
    for (const value of Object.values(parsed)) if (Array.isArray(value)) return value.slice(0, 20);
    return [parsed];
  }
  // A sample cut mid-document: read the objects of the first array by hand.
  const objects: unknown[] = [];
  for (const match of text.matchAll(/\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}/g)) {
    const value = safeParse(match[0]);
    if (isRecord(value)) objects.push(value);
    if (objects.length >= 20) break;
  }
  return objects;
}

function kindOfObjects(objects: readonly unknown[]): { kind: TelemetryKind; reason: string } {
  const records = objects.filter(isRecord);
  if (records.length === 0)
    return { kind: 'metrics', reason: 'no records recognised; treated as metrics' };
  const share = (test: (record: Record<string, unknown>) => boolean) =>
    records.filter(test).length / records.length;
  if (share((record) => typeof loginFromJson(record) !== 'string') >= 0.6) {
    return { kind: 'auth-events', reason: 'records with a timestamp and a login outcome' };
  }
  const changeFields = ['category', 'summary', 'change', 'eventName', 'description'];
  if (share((record) => changeFields.some((field) => pick(record, [field]) !== undefined)) >= 0.6) {
    return { kind: 'changes', reason: 'records describing changes (category, summary)' };
  }
  return { kind: 'metrics', reason: 'records with timestamps and values' };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Column names and the first rows of a CSV or JSON sample, for the mapping step. */
export function previewRecords(
  sample: string,
  format: TelemetryFormat,
  limit = 10,
): { columns: string[]; rows: Record<string, unknown>[] } {
  const text = sample.replace(/^\uFEFF/, '');
  let rows: Record<string, unknown>[];
  if (format === 'csv') {
    const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
    const header = lines[0] ?? '';
    const delimiter = detectDelimiter(header);
    const columns = splitRecord(header, delimiter).map((column) => column.trim());
    rows = lines.slice(1, limit + 1).map((line) => {
      const fields = splitRecord(line, delimiter);
      return Object.fromEntries(columns.map((column, index) => [column, fields[index] ?? '']));
    });
    return { columns, rows };
  }
  const objects =
    format === 'ndjson'
      ? text.split(/\r?\n/).slice(0, limit).map(safeParse)
      : firstObjects(text).slice(0, limit);
  rows = objects.filter(isRecord);
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return { columns, rows };
}
