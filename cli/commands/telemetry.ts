import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { DEFAULT_RULES, evaluateRules, silenceRuleOf } from '../../core/telemetry/alerts';
import { SNIFF_BYTES, detectTelemetry, previewRecords } from '../../core/telemetry/detect';
import type { ImportResult } from '../../core/telemetry/importer';
import { TelemetryImporter } from '../../core/telemetry/importer';
import { guessMapping } from '../../core/telemetry/metrics';
import type { SourcesAssessment } from '../../core/telemetry/silence';
import { assessSources, describeSource, silenceFindings } from '../../core/telemetry/silence';
import type { AlertFinding, TelemetryFormat, TelemetryKind } from '../../core/telemetry/model';
import {
  TelemetryFormat as FormatSchema,
  TelemetryKind as KindSchema,
} from '../../core/telemetry/model';
import type { CliCommand, CliIo } from '../command';
import { parseCliArgs, positionals } from '../args';
import { EXIT, UsageError } from '../command';

const USAGE = `Usage: demo-ledger telemetry FILE [options]

Reads a web server access log, an authentication log, JSON login events, a metric export or a
change log (CSV/JSON rows, CloudTrail, dpkg.log, Puppet or Chef Infra run reports, AIDE or
Tripwire reports, OSSEC/Wazuh alerts.json), prints the totals (requests, 4xx, 5xx, XSS attempts,
SQL-injection attempts, failed and successful logins), the sources (host × kind) with their
cadence and silences, and the alerts the default rules raise. The kind is detected from the file.

Options:
  --json             Print the result as JSON
  --kind KIND        access-log, auth-log, auth-events, metrics or changes
  --format FORMAT    text, csv, json, ndjson or report (a tool's report read whole)
  --year YEAR        Year of syslog time stamps without one (default: this year)
  --interval MIN     Minutes per time bucket (default 1)
  --fail-on-alert    Exit with status 1 when any alert is raised`;

interface Options {
  file: string;
  json: boolean;
  kind?: TelemetryKind;
  format?: TelemetryFormat;
  year?: number;
  intervalMinutes: number;
  failOnAlert: boolean;
}

function parseOptions(args: string[]): Options {
  const { values, positionals: given } = parseCliArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      'fail-on-alert': { type: 'boolean', default: false },
      kind: { type: 'string' },
      format: { type: 'string' },
      year: { type: 'string' },
      interval: { type: 'string', default: '1' },
    },
  });
  const [file = ''] = positionals(given, 1, 'the FILE to read');
  const options: Options = {
    file,
    json: values.json,
    failOnAlert: values['fail-on-alert'],
    intervalMinutes: Number(values.interval),
  };
  if (values.kind !== undefined) {
    const kind = KindSchema.safeParse(values.kind);
    if (!kind.success)
      throw new UsageError(`--kind must be one of ${KindSchema.options.join(', ')}`);
    options.kind = kind.data;
  }
  if (values.format !== undefined) {
    const format = FormatSchema.safeParse(values.format);
    if (!format.success)
      throw new UsageError(`--format must be one of ${FormatSchema.options.join(', ')}`);
    options.format = format.data;
  }
  if (values.year !== undefined) {
    const year = Number(values.year);
    if (!Number.isInteger(year) || year < 1970 || year > 9999)
      throw new UsageError('--year must be a year such as 2026');
    options.year = year;
  }
  if (
    !Number.isInteger(options.intervalMinutes) ||
    options.intervalMinutes < 1 ||
    options.intervalMinutes > 1440
  )
    throw new UsageError('--interval must be 1 to 1440 minutes');
  return options;
}

async function readSample(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return new TextDecoder().decode(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/** Streams `file` through the importer; the same code path as the app's worker. */
export async function importFile(options: Options): Promise<ImportResult> {
  const sample = await readSample(options.file);
  const detected = detectTelemetry(sample);
  const kind = options.kind ?? detected?.kind;
  const format =
    options.format ??
    (options.kind === undefined ? detected?.format : undefined) ??
    defaultFormat(kind);
  if (kind === undefined || format === undefined) {
    throw new Error(`cannot tell what ${options.file} holds; give --kind (and --format)`);
  }
  const preview = kind === 'metrics' ? previewRecords(sample, format) : null;
  const importer = new TelemetryImporter({
    kind,
    format,
    bucketMs: options.intervalMinutes * 60_000,
    ...(options.year === undefined ? {} : { year: options.year }),
    ...(preview ? { mapping: guessMapping(preview.columns, preview.rows) } : {}),
  });
  for await (const chunk of createReadStream(options.file, { highWaterMark: 1024 * 1024 })) {
    importer.push(chunk as Uint8Array);
  }
  return importer.finish();
}

function defaultFormat(kind: TelemetryKind | undefined): TelemetryFormat | undefined {
  if (kind === 'access-log' || kind === 'auth-log') return 'text';
  if (kind === 'auth-events') return 'ndjson';
  return undefined;
}

const iso = (time: number | null): string | null =>
  time === null ? null : new Date(time).toISOString();

export function telemetryReport(
  file: string,
  result: ImportResult,
  alerts: readonly AlertFinding[],
  sources: SourcesAssessment,
) {
  return {
    file,
    kind: result.kind,
    format: result.format,
    lines: result.lines,
    records: result.records,
    ignored: result.ignored,
    rejected: result.rejected,
    from: iso(result.from),
    to: iso(result.to),
    intervalSeconds: result.bucketMs / 1000,
    totals: {
      requests: result.totals.requests,
      status4xx: result.totals.status4xx,
      status5xx: result.totals.status5xx,
      xssAttempts: result.totals.xssAttempts,
      sqlInjectionAttempts: result.totals.sqlInjectionAttempts,
      failedLogins: result.totals.failedLogins,
      successfulLogins: result.totals.successfulLogins,
      metricPoints: result.totals.metricPoints,
      changeEvents: result.totals.changeEvents,
    },
    alerts: alerts.map((alert) => ({
      rule: alert.ruleId,
      name: alert.ruleName,
      from: iso(alert.from),
      to: iso(alert.to),
      metric: alert.metric,
      threshold: alert.threshold,
      windowMinutes: alert.windowMinutes,
      peak: Number(alert.peak.toFixed(3)),
      peakAt: iso(alert.peakAt),
      values: alert.values,
      suggestedPriority: alert.suggestedPriority,
      controls: alert.controls,
    })),
    topSources: result.sources.slice(0, 10),
    sources: sources.sources.map((one) => ({
      host: one.source.host,
      kind: one.source.kind,
      first: iso(one.source.first),
      last: iso(one.source.last),
      lines: one.source.lines,
      linesPerHour: one.linesPerHour === null ? null : Number(one.linesPerHour.toFixed(3)),
      cadenceSeconds: one.cadence === null ? null : one.cadence.ms / 1000,
      cadenceOrigin: one.cadence?.origin ?? null,
      silentAfterSeconds: one.allowedMs === null ? null : one.allowedMs / 1000,
      silences: one.silences.map((silence) => ({
        from: iso(silence.from),
        to: iso(silence.to),
        ending: silence.ending,
      })),
    })),
    notes: result.notes,
    problems: result.problems,
  };
}

function printText(report: ReturnType<typeof telemetryReport>, io: CliIo): void {
  const number = (value: number) => value.toLocaleString('en');
  const lines = [
    `${report.file}: ${report.kind} (${report.format}), ${number(report.lines)} lines, ${report.from ?? '—'} to ${report.to ?? '—'}`,
    '',
    `  Requests                 ${number(report.totals.requests)}`,
    `  4xx responses            ${number(report.totals.status4xx)}`,
    `  5xx responses            ${number(report.totals.status5xx)}`,
    `  XSS attempts             ${number(report.totals.xssAttempts)}`,
    `  SQL-injection attempts   ${number(report.totals.sqlInjectionAttempts)}`,
    `  Failed logins            ${number(report.totals.failedLogins)}`,
    `  Successful logins        ${number(report.totals.successfulLogins)}`,
  ];
  if (report.totals.metricPoints > 0)
    lines.push(`  Metric points            ${number(report.totals.metricPoints)}`);
  if (report.totals.changeEvents > 0)
    lines.push(`  Change events            ${number(report.totals.changeEvents)}`);
  if (report.rejected > 0) {
    lines.push('', `  ${number(report.rejected)} lines could not be read, e.g.:`);
    for (const problem of report.problems.slice(0, 5))
      lines.push(`    line ${problem.line}: ${problem.reason}`);
  }
  if (report.sources.length > 0) lines.push('', 'Sources:');
  for (const source of report.sources) {
    const cadence =
      source.cadenceSeconds === null
        ? 'not enough history to judge'
        : `cadence ${source.cadenceSeconds / 60} min (${source.cadenceOrigin ?? ''}), silent after ${(source.silentAfterSeconds ?? 0) / 60} min`;
    lines.push(
      `  ${describeSource(source)}: ${number(source.lines)} lines, ${source.first ?? ''} to ${source.last ?? ''}; ${cadence}; ${source.silences.length} silence${source.silences.length === 1 ? '' : 's'}`,
    );
  }
  for (const note of report.notes) lines.push(`  note: ${note}`);
  lines.push(
    '',
    report.alerts.length === 0
      ? 'No alerts.'
      : `${report.alerts.length} alert${report.alerts.length === 1 ? '' : 's'}:`,
  );
  for (const alert of report.alerts) {
    lines.push(
      `  ${alert.suggestedPriority}  ${alert.name}: ${alert.from ?? ''} to ${alert.to ?? ''}, peak ${alert.peak} (limit ${alert.threshold} within ${alert.windowMinutes} min); ${Object.entries(
        alert.values,
      )
        .map(([metric, value]) => `${metric} ${value}`)
        .join(', ')}`,
    );
  }
  io.stdout(`${lines.join('\n')}\n`);
}

export const telemetryCommand: CliCommand = {
  name: 'telemetry',
  summary: 'Totals and alerts of an access, auth, metric or change log',
  usage: USAGE,
  async run(args, io) {
    const options = parseOptions(args);
    const result = await importFile(options);
    const rule = silenceRuleOf(DEFAULT_RULES);
    const sources = assessSources(result.activity, rule);
    const alerts = [
      ...evaluateRules(DEFAULT_RULES, result.series, result.bucketMs),
      ...(rule === null ? [] : silenceFindings(sources, rule)),
    ].sort((a, b) => a.from - b.from);
    const report = telemetryReport(options.file, result, alerts, sources);
    if (options.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    else printText(report, io);
    return options.failOnAlert && alerts.length > 0 ? EXIT.failed : EXIT.ok;
  },
};
