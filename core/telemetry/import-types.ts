import { z } from 'zod';
import type { SourceActivity } from './activity';
import type { SeriesData } from './aggregate';
import { MetricMapping as MetricMappingSchema } from './metrics';
import type {
  ChangeEvent,
  LineProblem,
  SourceStat,
  TelemetryFormat,
  TelemetryKind,
  Totals,
} from './model';
import { TelemetryFormat as FormatSchema, TelemetryKind as KindSchema } from './model';

/** What an import is told (options, validated) and what it gives back (the figures). */
export const ImportOptions = z.object({
  kind: KindSchema,
  format: FormatSchema,
  /** Width of a time bucket for counts, in milliseconds (default one minute). */
  bucketMs: z.number().int().min(1000).max(86_400_000).default(60_000),
  /** Year of syslog time stamps that have none. */
  year: z.number().int().min(1970).max(9999).optional(),
  utcOffsetMinutes: z.number().int().min(-840).max(840).default(0),
  mapping: MetricMappingSchema.optional(),
  /** The host of lines and reports that name none (access logs, AIDE reports). */
  host: z.string().trim().max(200).default(''),
});
export type ImportOptions = z.input<typeof ImportOptions>;
export type ParsedImportOptions = z.output<typeof ImportOptions>;

export const MAX_WHOLE_JSON_CHARS = 64 * 1024 * 1024;
export const MAX_CHANGE_EVENTS = 20_000;

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
  /** When each source's (host × kind) lines arrived: what silence detection reads. */
  activity: SourceActivity[];
  /** Sources beyond the tracked number, whose arrival was not recorded. */
  activityDropped: number;
  /** What the reader noticed about the file as a whole (a report's own notes). */
  notes: string[];
}

/** The formats each kind can be read from. */
export const FORMATS_OF: Readonly<Record<TelemetryKind, readonly TelemetryFormat[]>> = {
  'access-log': ['text'],
  'auth-log': ['text'],
  'auth-events': ['ndjson', 'json', 'csv'],
  metrics: ['csv', 'ndjson', 'json'],
  changes: ['csv', 'ndjson', 'json', 'text', 'report'],
};

export class ImportError extends Error {
  override readonly name = 'ImportError';
}
