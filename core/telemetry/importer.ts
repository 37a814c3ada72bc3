import { z } from 'zod';
import { createAccessLineParser } from './access-log';
import type { SeriesData } from './aggregate';
import { SeriesStore } from './aggregate';
import { classifyRequestTarget } from './attack-rules';
import type { LoginRecord } from './auth-log';
import { createSyslogParser, loginFromJson } from './auth-log';
import { changeFromDpkgLine, changeFromRecord } from './changes';
import { CsvError, CsvRecordReader, detectDelimiter, splitRecord } from './csv';
import { isRecord } from './fields';
import { LineSplitter } from './lines';
import type { MetricMapping } from './metrics';
import { MetricMapping as MetricMappingSchema, pointsFromRow, seriesKey } from './metrics';
import type {
  ChangeEvent,
  LineProblem,
  SourceStat,
  TelemetryFormat,
  TelemetryKind,
  Totals,
} from './model';
import {
  METRIC,
  TelemetryFormat as FormatSchema,
  TelemetryKind as KindSchema,
  emptyTotals,
} from './model';

/**
 * One streaming import: bytes in (any chunk size), figures out. The same code runs in the app's
 * Web Worker, in the CLI and in the benchmark. Memory stays bounded by the number of time buckets,
 * metric points and change events, never by the size of the file.
 */
export const ImportOptions = z.object({
  kind: KindSchema,
  format: FormatSchema,
  /** Width of a time bucket for counts, in milliseconds (default one minute). */
  bucketMs: z.number().int().min(1000).max(86_400_000).default(60_000),
  /** Year of syslog time stamps that have none. */
  year: z.number().int().min(1970).max(9999).optional(),
  utcOffsetMinutes: z.number().int().min(-840).max(840).default(0),
  mapping: MetricMappingSchema.optional(),
});
export type ImportOptions = z.input<typeof ImportOptions>;

export const MAX_WHOLE_JSON_CHARS = 64 * 1024 * 1024;
export const MAX_CHANGE_EVENTS = 20_000;
const MAX_PROBLEM_SAMPLES = 20;

export interface ImportResult {
  kind: TelemetryKind;
  format: TelemetryFormat;
  lines: number;
  /** Lines or records that counted towards the figures. */
  records: number;
  /** Lines of other programs or kinds, read and not counted (e.g. cron lines in auth.log). */
  ignored: number;
  /** Lines that could not be read, with the first few for the user to check. */
  rejected: number;
  problems: LineProblem[];
  from: number | null;
  to: number | null;
  bucketMs: number;
  totals: Totals;
  series: SeriesData[];
  events: ChangeEvent[];
  sources: SourceStat[];
  /** How often each attack-detection rule matched. */
  ruleHits: Record<string, number>;
}

/** The formats each kind can be read from. */
export const FORMATS_OF: Readonly<Record<TelemetryKind, readonly TelemetryFormat[]>> = {
  'access-log': ['text'],
  'auth-log': ['text'],
  'auth-events': ['ndjson', 'json', 'csv'],
  metrics: ['csv', 'ndjson', 'json'],
  changes: ['csv', 'ndjson', 'json', 'text'],
};

export class ImportError extends Error {
  override readonly name = 'ImportError';
}

export class TelemetryImporter {
  readonly options: z.output<typeof ImportOptions>;
  private readonly store: SeriesStore;
  private readonly splitter: LineSplitter;
  private readonly totals = emptyTotals();
  private readonly events: ChangeEvent[] = [];
  private readonly problems: LineProblem[] = [];
  private readonly ruleHits: Record<string, number> = {};
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
    } else this.splitter.push(chunk);
  }

  pushText(text: string): void {
    this.bytes += text.length;
    if (this.options.format === 'json') this.collectJson(text);
    else this.splitter.pushText(text);
  }

  finish(): ImportResult {
    if (this.options.format === 'json') {
      this.collectJson(this.jsonDecoder.decode());
      this.readWholeJson();
    } else this.splitter.finish();
    this.csv?.finish();
    if (this.records === 0) {
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
    return {
      kind: this.options.kind,
      format: this.options.format,
      lines: this.options.format === 'json' ? this.records + this.rejected : this.splitter.lines,
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
    if (format === 'json') return () => undefined;
    if (kind === 'access-log') return this.accessLine();
    if (kind === 'auth-log') {
      const parse = createSyslogParser({
        year: this.options.year ?? new Date().getUTCFullYear(),
        utcOffsetMinutes: this.options.utcOffsetMinutes,
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
    return (line, lineNumber) => {
      const record = parse(line);
      if (typeof record === 'string') {
        this.reject(lineNumber, record);
        return;
      }
      this.records += 1;
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
      else this.login(login);
    } else if (kind === 'changes') {
      const change = changeFromRecord(value);
      if (typeof change === 'string') this.reject(lineNumber, change);
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
    this.events.push(event);
    this.store.extend(event.at);
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

const ARRAY_KEYS = [
  'events',
  'records',
  'Records',
  'data',
  'items',
  'logins',
  'changes',
  'metrics',
  'points',
];

function itemsOf(document: unknown): unknown[] | null {
  if (Array.isArray(document)) return document as unknown[];
  if (typeof document !== 'object' || document === null) return null;
  for (const key of ARRAY_KEYS) {
    const value: unknown = (document as Record<string, unknown>)[key];
    if (Array.isArray(value)) return value as unknown[];
  }
  return null;
}

/** Imports a whole text at once (tests, small files). */
export function importText(text: string, options: ImportOptions): ImportResult {
  const importer = new TelemetryImporter(options);
  importer.pushText(text);
  return importer.finish();
}
