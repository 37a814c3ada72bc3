import type { SeriesLike } from '../../../../core/telemetry/alerts';
import { DEFAULT_RULES, evaluateRules } from '../../../../core/telemetry/alerts';
import type { ImportResult } from '../../../../core/telemetry/importer';
import type { SecurityIssueDraft } from '../../../../core/telemetry/issue-draft';
import { SecurityIssueDraft as DraftSchema } from '../../../../core/telemetry/issue-draft';
import type { AlertRule, AlertRuleInput } from '../../../../core/telemetry/model';
import { AlertRule as AlertRuleSchema } from '../../../../core/telemetry/model';
import type {
  TelemetryAlertRecord,
  TelemetryChunkRecord,
  TelemetryImportRecord,
} from '../../../../core/telemetry/records';
import {
  CHUNK_POINTS,
  EVENTS_PER_CHUNK,
  TelemetryImportRecord as ImportSchema,
  floatBytes,
} from '../../../../core/telemetry/records';
import { newId, nowIso } from '../../../../core/model';
import { db } from '../../db';
import { parseOrThrow } from '../../lib/validation';

/** Writes for the telemetry area. Every write is validated and recorded in the audit log. */

const TABLES = [
  'workspaces',
  'telemetryImports',
  'telemetryChunks',
  'telemetryAlerts',
  'telemetryRules',
];

export interface ImportedFile {
  name: string;
  size: number;
  sha256: string;
}

/** The workspace's rules, or the defaults while it has none of its own. */
export async function readRules(workspaceId: string): Promise<AlertRule[]> {
  const rows = await db.telemetryRules.where('workspaceId').equals(workspaceId).sortBy('position');
  return rows.length > 0 ? rows.map((row) => row.rule) : [...DEFAULT_RULES];
}

/**
 * Stores one import atomically: the import, its series and events in chunks, and the alerts the
 * workspace's rules raise on it. Either all of it is stored or none of it.
 */
export async function storeImport(
  workspaceId: string,
  file: ImportedFile,
  result: ImportResult,
): Promise<{ importId: string; alerts: number }> {
  const importId = newId();
  const record: TelemetryImportRecord = parseOrThrow(ImportSchema, {
    id: importId,
    workspaceId,
    fileName: file.name.slice(0, 300),
    fileSize: file.size,
    sha256: file.sha256,
    kind: result.kind,
    format: result.format,
    importedAt: nowIso(),
    lines: result.lines,
    records: result.records,
    ignored: result.ignored,
    rejected: result.rejected,
    problems: result.problems,
    from: result.from,
    to: result.to,
    bucketMs: result.bucketMs,
    totals: result.totals,
    sources: result.sources.slice(0, 20),
    ruleHits: result.ruleHits,
  });
  const chunks = chunksOf(workspaceId, importId, result);
  return db.audited('import', TABLES, async () => {
    if (!(await db.workspaces.get(workspaceId)))
      throw new Error('This workspace no longer exists.');
    const rules = await readRules(workspaceId);
    const createdAt = nowIso();
    const alerts: TelemetryAlertRecord[] = evaluateRules(rules, result.series, result.bucketMs).map(
      (finding) => ({
        ...finding,
        id: newId(),
        workspaceId,
        importId,
        fileName: record.fileName,
        createdAt,
        status: 'open',
        issueDraft: null,
      }),
    );
    await db.telemetryImports.add(record);
    await db.telemetryChunks.bulkAdd(chunks);
    await db.telemetryAlerts.bulkAdd(alerts);
    return { importId, alerts: alerts.length };
  });
}

function chunksOf(
  workspaceId: string,
  importId: string,
  result: ImportResult,
): TelemetryChunkRecord[] {
  const chunks: TelemetryChunkRecord[] = [];
  for (const series of result.series) {
    for (
      let start = 0, seq = 0;
      start < series.t.length || seq === 0;
      start += CHUNK_POINTS, seq += 1
    ) {
      chunks.push({
        id: newId(),
        importId,
        workspaceId,
        seq,
        kind: series.kind,
        seriesKey: series.key,
        metric: series.metric,
        labels: series.labels,
        t: floatBytes(series.t.subarray(start, start + CHUNK_POINTS)),
        v: floatBytes(series.v.subarray(start, start + CHUNK_POINTS)),
      });
    }
  }
  for (let start = 0, seq = 0; start < result.events.length; start += EVENTS_PER_CHUNK, seq += 1) {
    chunks.push({
      id: newId(),
      importId,
      workspaceId,
      seq,
      kind: 'events',
      events: result.events.slice(start, start + EVENTS_PER_CHUNK),
    });
  }
  return chunks;
}

/** Removes an import with its series, events and alerts. */
export async function deleteImport(importId: string): Promise<void> {
  await db.transaction(
    'rw',
    db.telemetryImports,
    db.telemetryChunks,
    db.telemetryAlerts,
    async () => {
      await db.telemetryChunks.where('importId').equals(importId).delete();
      await db.telemetryAlerts.where('importId').equals(importId).delete();
      await db.telemetryImports.delete(importId);
    },
  );
}

async function updateAlert(alertId: string, change: Partial<TelemetryAlertRecord>): Promise<void> {
  await db.transaction('rw', db.telemetryAlerts, async () => {
    const alert = await db.telemetryAlerts.get(alertId);
    if (!alert) throw new Error('This alert no longer exists.');
    await db.telemetryAlerts.put({ ...alert, ...change });
  });
}

/** Keeps the confirmed issue draft with its alert, raised or waiting for the issue tracker. */
export async function recordIssueDraft(
  alertId: string,
  draft: SecurityIssueDraft,
  raised: boolean,
): Promise<void> {
  const checked = parseOrThrow(DraftSchema, draft);
  await updateAlert(alertId, {
    issueDraft: checked,
    status: raised ? 'issue-raised' : 'issue-drafted',
  });
}

export async function setAlertDismissed(alertId: string, dismissed: boolean): Promise<void> {
  await updateAlert(alertId, { status: dismissed ? 'dismissed' : 'open' });
}

/** Saves the workspace's rules (all of them, in order), replacing the defaults on first save. */
export async function saveRules(
  workspaceId: string,
  rules: readonly AlertRuleInput[],
): Promise<void> {
  const parsed = rules.map((rule) => parseOrThrow(AlertRuleSchema, rule));
  const ids = new Set(parsed.map((rule) => rule.id));
  if (ids.size !== parsed.length) throw new Error('Two rules have the same id.');
  await db.transaction('rw', db.telemetryRules, async () => {
    await db.telemetryRules.where('workspaceId').equals(workspaceId).delete();
    await db.telemetryRules.bulkAdd(
      parsed.map((rule, position) => ({
        id: `${workspaceId}:${rule.id}`,
        workspaceId,
        position,
        rule,
      })),
    );
  });
}

/** Evaluates the current rules again over every import of the workspace; open alerts are replaced. */
export async function reevaluateAlerts(
  workspaceId: string,
  seriesOf: (importId: string) => Promise<SeriesLike[]>,
): Promise<number> {
  const imports = await db.telemetryImports.where('workspaceId').equals(workspaceId).toArray();
  const rules = await readRules(workspaceId);
  const fresh: TelemetryAlertRecord[] = [];
  const createdAt = nowIso();
  for (const item of imports) {
    const findings = evaluateRules(rules, await seriesOf(item.id), item.bucketMs);
    fresh.push(
      ...findings.map((finding) => ({
        ...finding,
        id: newId(),
        workspaceId,
        importId: item.id,
        fileName: item.fileName,
        createdAt,
        status: 'open' as const,
        issueDraft: null,
      })),
    );
  }
  await db.audited('re-evaluate', ['telemetryAlerts'], async () => {
    const kept = await db.telemetryAlerts.where('workspaceId').equals(workspaceId).toArray();
    const keep = kept.filter((alert) => alert.status !== 'open');
    await db.telemetryAlerts
      .where('workspaceId')
      .equals(workspaceId)
      .filter((alert) => alert.status === 'open')
      .delete();
    const duplicate = (alert: TelemetryAlertRecord) =>
      keep.some(
        (other) =>
          other.importId === alert.importId &&
          other.ruleId === alert.ruleId &&
          other.from === alert.from,
      );
    await db.telemetryAlerts.bulkAdd(fresh.filter((alert) => !duplicate(alert)));
  });
  return fresh.length;
}
