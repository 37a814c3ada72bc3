import type { SourceActivity } from '../../../../core/telemetry/activity';
import type { SeriesLike } from '../../../../core/telemetry/alerts';
import { silenceRuleOf } from '../../../../core/telemetry/alerts';
import type { TelemetryDataset } from '../../../../core/telemetry/charts';
import { mergeSeries } from '../../../../core/telemetry/charts';
import type { AlertRule, ChangeEvent, SilenceRule } from '../../../../core/telemetry/model';
import type {
  TelemetryAlertRecord,
  TelemetryChunkRecord,
  TelemetryImportRecord,
} from '../../../../core/telemetry/records';
import { activityOfChunk, bytesToFloats } from '../../../../core/telemetry/records';
import type { SourcesAssessment } from '../../../../core/telemetry/silence';
import { workspaceSources } from '../../../../core/telemetry/sources';
import { db } from '../../db';
import type { QueryState } from '../../lib/useQuery';
import { useQuery } from '../../lib/useQuery';
import { readRules } from './commands';

export interface TelemetryView {
  imports: TelemetryImportRecord[];
  alerts: TelemetryAlertRecord[];
  dataset: TelemetryDataset;
  /** Every source (host × kind) with its cadence and silences under the current rule. */
  sources: SourcesAssessment;
  /** The rule the Sources table judges by, if the workspace has one. */
  silenceRule: SilenceRule | null;
  /**
   * Files imported before the app recorded when sources sent lines: they hold records but no
   * arrival record, so their sources are neither listed nor judged until imported again.
   */
  unrecorded: string[];
}

/** Series of each import, rebuilt from their stored chunks in order. */
export function seriesFromChunks(chunks: readonly TelemetryChunkRecord[]): {
  series: Map<string, SeriesLike[]>;
  events: ChangeEvent[];
  activity: Map<string, SourceActivity[]>;
} {
  const sorted = [...chunks].sort((a, b) => a.seq - b.seq);
  const parts = new Map<string, { base: SeriesLike; t: Float64Array[]; v: Float64Array[] }>();
  const events: ChangeEvent[] = [];
  const activity = new Map<string, SourceActivity[]>();
  for (const chunk of sorted) {
    if (chunk.kind === 'events') {
      events.push(...chunk.events);
      continue;
    }
    if (chunk.kind === 'activity') {
      activity.set(chunk.importId, [
        ...(activity.get(chunk.importId) ?? []),
        activityOfChunk(chunk),
      ]);
      continue;
    }
    const key = `${chunk.importId}\u0000${chunk.seriesKey}`;
    let entry = parts.get(key);
    if (entry === undefined) {
      entry = {
        base: { key: chunk.seriesKey, metric: chunk.metric, kind: chunk.kind, t: [], v: [] },
        t: [],
        v: [],
      };
      parts.set(key, entry);
    }
    entry.t.push(bytesToFloats(chunk.t));
    entry.v.push(bytesToFloats(chunk.v));
  }
  const series = new Map<string, SeriesLike[]>();
  for (const [key, entry] of parts) {
    const importId = key.split('\u0000')[0] ?? '';
    const joined = { ...entry.base, t: concat(entry.t), v: concat(entry.v) };
    series.set(importId, [...(series.get(importId) ?? []), joined]);
  }
  return { series, events: events.sort((a, b) => a.at - b.at), activity };
}

function concat(parts: readonly Float64Array[]): Float64Array {
  if (parts.length === 1) return parts[0] as Float64Array;
  const out = new Float64Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export async function readTelemetry(workspaceId: string): Promise<TelemetryView> {
  const [imports, alerts, chunks, rules] = await Promise.all([
    db.telemetryImports.where('workspaceId').equals(workspaceId).sortBy('importedAt'),
    db.telemetryAlerts.where('workspaceId').equals(workspaceId).sortBy('from'),
    db.telemetryChunks.where('workspaceId').equals(workspaceId).toArray(),
    readRules(workspaceId),
  ]);
  const { series, events, activity } = seriesFromChunks(chunks);
  const bucketMs = Math.max(60_000, ...imports.map((item) => item.bucketMs));
  const silenceRule = silenceRuleOf(rules);
  const sources = workspaceSources(
    imports.map((item) => ({
      importId: item.id,
      fileName: item.fileName,
      activity: activity.get(item.id) ?? [],
    })),
    silenceRule,
  );
  const unrecorded = imports
    .filter((item) => item.arrivalRecorded !== true)
    .map((item) => item.fileName);
  return {
    imports: imports.reverse(),
    alerts,
    sources,
    silenceRule,
    unrecorded,
    dataset: {
      bucketMs,
      series: mergeSeries([...series.values()].flat(), bucketMs),
      events,
      alerts: alerts.filter((alert) => alert.status !== 'dismissed'),
    },
  };
}

/** Everything the dashboard shows for one workspace, live. */
export function useTelemetry(workspaceId: string): QueryState<TelemetryView> {
  return useQuery(() => readTelemetry(workspaceId), [workspaceId]);
}

/** The series of one import, for re-evaluating rules. */
export async function readImportSeries(importId: string): Promise<SeriesLike[]> {
  const chunks = await db.telemetryChunks.where('importId').equals(importId).toArray();
  return seriesFromChunks(chunks).series.get(importId) ?? [];
}

export function useRules(workspaceId: string): QueryState<AlertRule[]> {
  return useQuery(() => readRules(workspaceId), [workspaceId]);
}
