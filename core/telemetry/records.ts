import { z } from 'zod';
import type { SourceActivity } from './activity';
import type { ChangeEvent } from './model';
import {
  AlertFinding,
  LineProblem,
  SourceStat,
  TelemetryFormat,
  TelemetryKind,
  Totals,
} from './model';
import { SecurityIssueDraft } from './issue-draft';

/**
 * What the app stores per import. Series are stored in chunks of at most `CHUNK_POINTS` points,
 * as the bytes of Float64Arrays, so a file with hundreds of thousands of points is a few dozen rows
 * (and a few dozen audit entries) rather than one row per point.
 */
export const CHUNK_POINTS = 16_384;
export const EVENTS_PER_CHUNK = 1_000;

export const TelemetryImportRecord = z.object({
  id: z.string(),
  workspaceId: z.string(),
  fileName: z.string().max(300),
  fileSize: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  kind: TelemetryKind,
  format: TelemetryFormat,
  importedAt: z.string(),
  lines: z.number().int().nonnegative(),
  records: z.number().int().nonnegative(),
  ignored: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  problems: z.array(LineProblem),
  from: z.number().nullable(),
  to: z.number().nullable(),
  bucketMs: z.number().int().positive(),
  totals: Totals,
  sources: z.array(SourceStat),
  ruleHits: z.record(z.string(), z.number()),
  /** The host named at import for lines that name none. */
  host: z.string().max(200).optional(),
  /** What the reader noticed about the file (a report's notes, hosts not tracked). */
  notes: z.array(z.string().max(500)).max(50).optional(),
  /**
   * Set when the import's arrival record (its `activity` chunks) was kept: absent on files
   * imported before that, whose sources cannot be judged until they are imported again.
   */
  arrivalRecorded: z.literal(true).optional(),
});
export type TelemetryImportRecord = z.infer<typeof TelemetryImportRecord>;

export type TelemetryChunkRecord =
  | {
      id: string;
      importId: string;
      workspaceId: string;
      seq: number;
      kind: 'count' | 'gauge';
      seriesKey: string;
      metric: string;
      labels: Record<string, string>;
      /** Float64Array bytes of the times (epoch ms) and values. */
      t: Uint8Array;
      v: Uint8Array;
    }
  | {
      id: string;
      importId: string;
      workspaceId: string;
      seq: number;
      kind: 'events';
      events: ChangeEvent[];
    }
  | {
      id: string;
      importId: string;
      workspaceId: string;
      seq: number;
      /** When one source's lines arrived (activity.ts); `runs` as Float64Array bytes. */
      kind: 'activity';
      host: string;
      sourceKind: string;
      lines: number;
      first: number;
      last: number;
      resolutionMs: number;
      runs: Uint8Array;
    };

export type ActivityChunkRecord = Extract<TelemetryChunkRecord, { kind: 'activity' }>;

export function activityOfChunk(chunk: ActivityChunkRecord): SourceActivity {
  return {
    host: chunk.host,
    kind: chunk.sourceKind,
    lines: chunk.lines,
    first: chunk.first,
    last: chunk.last,
    resolutionMs: chunk.resolutionMs,
    runs: [...bytesToFloats(chunk.runs)],
  };
}

export const ALERT_STATUSES = ['open', 'issue-drafted', 'issue-raised', 'dismissed'] as const;

export const TelemetryAlertRecord = AlertFinding.extend({
  id: z.string(),
  workspaceId: z.string(),
  importId: z.string(),
  fileName: z.string(),
  createdAt: z.string(),
  status: z.enum(ALERT_STATUSES),
  issueDraft: SecurityIssueDraft.nullable(),
});
export type TelemetryAlertRecord = z.infer<typeof TelemetryAlertRecord>;

export function floatBytes(values: ArrayLike<number>): Uint8Array {
  const floats = Float64Array.from(values);
  return new Uint8Array(floats.buffer, floats.byteOffset, floats.byteLength);
}

export function bytesToFloats(bytes: Uint8Array): Float64Array {
  // Copy: stored bytes may not be 8-byte aligned inside their buffer.
  const copy = bytes.slice();
  return new Float64Array(copy.buffer, copy.byteOffset, copy.byteLength / 8);
}
