import { ChangeReportError } from '../change-reports/model';
import { ossecAlertOf } from '../change-reports/ossec';
import { ChangeReportReader } from '../change-reports/reader';
import { createAccessLineParser } from './access-log';
import { ActivityTracker } from './activity';
import { SeriesStore } from './aggregate';
import { classifyRequestTarget } from './attack-rules';
import type { LoginRecord } from './auth-log';
import { createSyslogParser, loginFromJson } from './auth-log';
import { changeFromDpkgLine, changeFromRecord, eventOfReport } from './changes';
import { CsvError, CsvRecordReader, detectDelimiter, splitRecord } from './csv';
import { hostOf, isRecord, itemsOf } from './fields';
import type { ImportResult, ParsedImportOptions } from './import-types';
import {
  FORMATS_OF,
  ImportError,
  ImportOptions,
  MAX_CHANGE_EVENTS,
  MAX_WHOLE_JSON_CHARS,
} from './import-types';
import { LineSplitter } from '../util/lines';
import type { MetricMapping } from './metrics';
import { pointsFromRow, seriesKey } from './metrics';
import type { ChangeEvent, LineProblem } from './model';
import { METRIC, emptyTotals } from './model';

export type { ImportResult } from './import-types';
export { FORMATS_OF, ImportError, ImportOptions } from './import-types';

const MAX_PROBLEM_SAMPLES = 20;

/**
 * One streaming import: bytes in (any chunk size), figures out. The same code runs in the app's
 * Web Worker, in the CLI and in the benchmark. Memory stays bounded by the number of time buckets,
 * metric points and change events, never by the size of the file.
 */
export class TelemetryImporter {
  readonly options: ParsedImportOptions;
  private readonly store: SeriesStore;
  private readonly splitter: LineSplitter;
  private readonly totals = emptyTotals();
  private readonly events: ChangeEvent[] = [];
  private readonly problems: LineProblem[] = [];
  private readonly ruleHits: Record<string, number> = {};
  private readonly activity = new ActivityTracker();
  private readonly notes: string[] = [];
  private report: ChangeReportReader | null = null;
  private reportLines = 0;
  private reportEndsLine = true;
  private readonly handleLine: (line: string, lineNumber: number) => void;
  private readonly jsonDecoder = new TextDecoder('utf-8');
  private wholeJson: string[] = [];
  private wholeJsonLength = 0;
  private records = 0;
  private ignored = 0;
  private rejected = 0;
  bytes = 0;

  constructor(options: ImportOptions) {
    const parsed = ImportOptions.safeParse(options);
    if (!parsed.success) {
      throw new ImportError(
        `invalid import options: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`,
      );
    }
    this.options = parsed.data;
    this.store = new SeriesStore(this.options.bucketMs);
    this.handleLine = this.lineHandler();
    this.splitter = new LineSplitter((line, lineNumber) => {
      if (line === null) this.reject(lineNumber, 'line longer than 64 KiB, skipped');
      else if (line.trim() !== '') this.handleLine(line, lineNumber);
    });
  }

  get lines(): number {
    return this.splitter.lines;
  }

  push(chunk: Uint8Array): void {
    this.bytes += chunk.byteLength;
    if (this.options.format === 'json') {
      this.collectJson(this.jsonDecoder.decode(chunk, { stream: true }));
    } else if (this.options.format === 'report') {
      this.pushReport(this.jsonDecoder.decode(chunk, { stream: true }));
    } else this.splitter.push(chunk);
  }

  pushText(text: string): void {
    this.bytes += text.length;
    if (this.options.format === 'json') this.collectJson(text);
    else if (this.options.format === 'report') this.pushReport(text);
    else this.splitter.pushText(text);
  }

  finish(): ImportResult {
    if (this.options.format === 'json') {
      this.collectJson(this.jsonDecoder.decode());
      this.readWholeJson();
    } else if (this.options.format === 'report') {
      this.pushReport(this.jsonDecoder.decode());
      this.readReport();
    } else this.splitter.finish();
    this.csv?.finish();
    // Lines read and not counted (cron lines of an auth.log) still show the source is alive.
    if (this.records === 0 && this.ignored === 0) {
      const first = this.problems[0];
      throw new ImportError(
        first
          ? `nothing in this file could be read as ${this.options.kind} (${this.options.format}); line ${first.line}: ${first.reason}`
          : `the file holds no ${this.options.kind} records`,
      );
    }
    this.totals.metricPoints = this.store.metricPoints;
    this.totals.changeEvents = this.events.length;
    this.events.sort((a, b) => a.at - b.at);
    const lines =
      this.options.format === 'json'
        ? this.records + this.rejected
        : this.options.format === 'report'
          ? this.reportLines
          : this.splitter.lines;
    if (this.activity.dropped > 0)
      this.notes.push(
        `${this.activity.dropped.toLocaleString('en')} more hosts were not tracked for silences.`,
      );
    return {
      kind: this.options.kind,
      format: this.options.format,
      lines,
      records: this.records,
      ignored: this.ignored,
      rejected: this.rejected,
      problems: this.problems,
      from: Number.isFinite(this.store.from) ? this.store.from : null,
      to: Number.isFinite(this.store.to) ? this.store.to : null,
      bucketMs: this.store.effectiveBucketMs,
      totals: { ...this.totals },
      series: this.store.series(),
      events: this.events,
      sources: this.store.topSources(50),
      ruleHits: { ...this.ruleHits },
      activity: this.activity.activity(),
      activityDropped: this.activity.dropped,
      notes: this.notes,
    };
  }

  private reject(line: number, reason: string): void {
    this.rejected += 1;
    if (this.problems.length < MAX_PROBLEM_SAMPLES) this.problems.push({ line, reason });
  }

  private csv: CsvRecordReader | null = null;

  private lineHandler(): (line: string, lineNumber: number) => void {
    const { kind, format } = this.options;
    if (!FORMATS_OF[kind].includes(format)) {
      throw new ImportError(
        `${kind} files cannot be read as ${format}; expected ${FORMATS_OF[kind].join(', ')}`,
      );
    }
    if (format === 'json' || format === 'report') return () => undefined;
    if (kind === 'access-log') return this.accessLine();
    if (kind === 'auth-log') {
      const fallback = this.options.host;
      const parse = createSyslogParser({
        year: this.options.year ?? new Date().getUTCFullYear(),
        utcOffsetMinutes: this.options.utcOffsetMinutes,
        onLine: (at, host) => this.activity.add(host || fallback, 'auth-log', at),
      });
      this.store.declare(METRIC.failedLogins);
      this.store.declare(METRIC.successfulLogins);
      return (line, lineNumber) => {
        const result = parse(line);
        if (result === null) this.ignored += 1;
        else if (typeof result === 'string') this.reject(lineNumber, result);
        else this.login(result);
      };
    }
    if (kind === 'changes' && format === 'text') {
      return (line, lineNumber) => {
        const result = changeFromDpkgLine(line);
        if (result === null) this.ignored += 1;
        else if (typeof result === 'string') this.reject(lineNumber, result);
        else this.change(result);
      };
    }
    if (format === 'csv') return this.csvLine();
    if (format === 'ndjson') {
      return (line, lineNumber) => {
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch (error) {
          this.reject(
            lineNumber,
            `invalid JSON: ${error instanceof Error ? error.message : 'parse error'}`,
          );
          return;
        }
        this.record(value, lineNumber);
      };
    }
    throw new ImportError(`${kind} files cannot be read as ${format}`);
  }

  private accessLine(): (line: string, lineNumber: number) => void {
    const parse = createAccessLineParser();
    const store = this.store;
    const totals = this.totals;
    const requests = store.counter(METRIC.requests);
    const clientErrors = store.counter(METRIC.clientErrors);
    const serverErrors = store.counter(METRIC.serverErrors);
    const xss = store.counter(METRIC.xss);
    const sqli = store.counter(METRIC.sqli);
    const activity = this.activity;
    const host = this.options.host;
    return (line, lineNumber) => {
      const record = parse(line);
      if (typeof record === 'string') {
        this.reject(lineNumber, record);
        return;
      }
      this.records += 1;
      activity.add(host, 'access-log', record.at);
      totals.requests += 1;
      requests.add(record.at);
      const status = record.status;
      const clientError = status >= 400 && status < 500;
      const serverError = status >= 500 && status < 600;
      if (clientError) {
        totals.status4xx += 1;
        clientErrors.add(record.at);
      } else if (serverError) {
        totals.status5xx += 1;
        serverErrors.add(record.at);
      }
      const verdict = classifyRequestTarget(record.target);
      if (verdict.xss) {
        totals.xssAttempts += 1;
        xss.add(record.at);
      }
      if (verdict.sqli) {
        totals.sqlInjectionAttempts += 1;
        sqli.add(record.at);
      }
      for (const rule of verdict.rules) this.ruleHits[rule] = (this.ruleHits[rule] ?? 0) + 1;
      const source = store.source(record.source);
      source.requests += 1;
      if (verdict.xss) source.xss += 1;
      if (verdict.sqli) source.sqli += 1;
    };
  }

  private csvLine(): (line: string, lineNumber: number) => void {
    let header: string[] | null = null;
    return (line, lineNumber) => {
      if (header === null) {
        const delimiter = detectDelimiter(line);
        header = splitRecord(line, delimiter).map((column) => column.trim());
        this.csv = new CsvRecordReader(delimiter);
        return;
      }
      let fields: string[] | null;
      try {
        fields = (this.csv as CsvRecordReader).pushLine(line, lineNumber);
      } catch (error) {
        if (error instanceof CsvError) throw new ImportError(error.message);
        throw error;
      }
      if (fields === null) return;
      const row: Record<string, string> = {};
      header.forEach((column, index) => {
        row[column] = fields?.[index] ?? '';
      });
      this.record(row, lineNumber);
    };
  }

  private record(value: unknown, lineNumber: number): void {
    const { kind } = this.options;
    if (kind === 'auth-events') {
      const login = loginFromJson(value);
      if (typeof login === 'string') this.reject(lineNumber, login);
      else {
        this.login(login);
        this.activity.add(
          (isRecord(value) ? hostOf(value) : '') || this.options.host,
          'auth-events',
          login.at,
        );
      }
    } else if (kind === 'changes') {
      const change = changeFromRecord(value);
      if (change === null) {
        this.ignored += 1;
        // An OSSEC/Wazuh alert that is not a file change still shows its agent is reporting.
        const alert = ossecAlertOf(value);
        if (alert !== null && alert.at !== null)
          this.activity.add(alert.host || this.options.host, 'ossec', alert.at);
      } else if (typeof change === 'string') this.reject(lineNumber, change);
      else this.change(change);
    } else if (kind === 'metrics') {
      const mapping = this.mapping();
      if (!isRecord(value)) {
        this.reject(lineNumber, 'expected an object per metric point');
        return;
      }
      const points = pointsFromRow(value, mapping);
      if (typeof points === 'string') {
        this.reject(lineNumber, points);
        return;
      }
      this.records += 1;
      const first = points[0];
      if (first !== undefined)
        this.activity.add(
          first.labels['host'] ?? first.labels['instance'] ?? this.options.host,
          'metrics',
          first.at,
        );
      for (const point of points) {
        this.store.point(
          seriesKey(point.metric, point.labels),
          point.metric,
          point.labels,
          point.at,
          point.value,
        );
      }
    } else this.reject(lineNumber, `${kind} records are not JSON objects`);
  }

  private mapping(): MetricMapping {
    if (this.options.mapping === undefined) {
      throw new ImportError('a metric export needs a column mapping (timestamp, metric, value)');
    }
    return this.options.mapping;
  }

  private login(login: LoginRecord): void {
    this.records += 1;
    if (login.outcome === 'failure') {
      this.totals.failedLogins += login.count;
      this.store.count(METRIC.failedLogins, login.at, login.count);
    } else {
      this.totals.successfulLogins += login.count;
      this.store.count(METRIC.successfulLogins, login.at, login.count);
    }
    const source = this.store.source(login.source);
    if (login.outcome === 'failure') source.failed += login.count;
    else source.success += login.count;
  }

  private change(event: ChangeEvent): void {
    this.records += 1;
    if (this.events.length >= MAX_CHANGE_EVENTS) {
      throw new ImportError(
        `more than ${MAX_CHANGE_EVENTS.toLocaleString('en')} change events in one file`,
      );
    }
    const host = event.host || this.options.host;
    this.events.push(host === (event.host ?? '') ? event : { ...event, host });
    this.store.extend(event.at);
    this.activity.add(host, event.tool ?? 'changes', event.at);
  }

  private pushReport(text: string): void {
    if (text === '') return;
    this.report ??= new ChangeReportReader({ utcOffsetMinutes: this.options.utcOffsetMinutes });
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1))
      this.reportLines += 1;
    this.reportEndsLine = text.endsWith('\n');
    try {
      this.report.push(text);
    } catch (error) {
      throw reportError(error);
    }
  }

  /** A whole tool report: one change event at the tool's own time, standing for its changes. */
  private readReport(): void {
    if (this.report === null) throw new ImportError('the file is empty');
    let report;
    try {
      report = this.report.finish();
    } catch (error) {
      throw reportError(error);
    }
    if (!this.reportEndsLine) this.reportLines += 1;
    if (report.producedAt === null)
      throw new ImportError(
        'the report does not say when the tool ran, so its changes cannot be placed in time',
      );
    const host = report.host || this.options.host;
    this.notes.push(...report.notes);
    if (report.zoneAssumed)
      this.notes.push(
        `the report's time has no zone; it was read at UTC${this.options.utcOffsetMinutes === 0 ? '' : `${this.options.utcOffsetMinutes > 0 ? '+' : '-'}${Math.abs(this.options.utcOffsetMinutes)} min`}`,
      );
    this.change({ at: report.producedAt, ...eventOfReport(report, host) });
  }

  private collectJson(text: string): void {
    this.wholeJsonLength += text.length;
    if (this.wholeJsonLength > MAX_WHOLE_JSON_CHARS) {
      throw new ImportError(
        `a single JSON document is limited to ${MAX_WHOLE_JSON_CHARS / 1024 / 1024} MiB; export larger files as NDJSON (one object per line)`,
      );
    }
    this.wholeJson.push(text);
  }

  private readWholeJson(): void {
    const text = this.wholeJson.join('');
    this.wholeJson = [];
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      throw new ImportError(
        `invalid JSON: ${error instanceof Error ? error.message : 'parse error'}`,
      );
    }
    const items = itemsOf(document);
    if (items === null) {
      throw new ImportError(
        'expected a JSON array, or an object with an array under "events", "records" or "data"',
      );
    }
    items.forEach((item, index) => this.record(item, index + 1));
  }
}

function reportError(error: unknown): unknown {
  return error instanceof ChangeReportError ? new ImportError(error.message) : error;
}

/** Imports a whole text at once (tests, small files). */
export function importText(text: string, options: ImportOptions): ImportResult {
  const importer = new TelemetryImporter(options);
  importer.pushText(text);
  return importer.finish();
}
