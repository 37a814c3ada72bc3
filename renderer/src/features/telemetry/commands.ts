import type { SourceActivity } from '../../../../core/telemetry/activity';
import type { SeriesLike } from '../../../../core/telemetry/alerts';
import { DEFAULT_RULES, evaluateRules, silenceRuleOf } from '../../../../core/telemetry/alerts';
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
  activityOfChunk,
  floatBytes,
} from '../../../../core/telemetry/records';
import type { ImportActivity } from '../../../../core/telemetry/sources';
import { alertIdentity, workspaceSilences } from '../../../../core/telemetry/sources';
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
  /** The host named at import for lines that name none. */
  host?: string;
}

/** The workspace's rules, or the defaults while it has none of its own. */
export async function readRules(workspaceId: string): Promise<AlertRule[]> {
  const rows = await db.telemetryRules.where('workspaceId').equals(workspaceId).sortBy('position');
  return rows.length > 0 ? rows.map((row) => row.rule) : [...DEFAULT_RULES];
}

/**
 * Stores one import atomically: the import, its series and events in chunks, and the alerts the
 * workspace's rules raise on it. Either all of it is stored or none of it. `alerts` counts every
 * alert this import raised, `silences` those of them that are silent sources (possibly in another
 * file's source, one this import shows ended early).
 */
export async function storeImport(
  workspaceId: string,
  file: ImportedFile,
  result: ImportResult,
): Promise<{ importId: string; alerts: number; silences: number }> {
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
    host: file.host ?? '',
    notes: result.notes.slice(0, 50).map((note) => note.slice(0, 500)),
    arrivalRecorded: true,
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
    // Silences this file shows, in it or in another file's source (one that now ends early).
    const silences = await replaceSilenceAlerts(workspaceId, rules, createdAt);
    return { importId, alerts: alerts.length + silences.length, silences: silences.length };
  });
}

/** Every import's arrival record in the workspace, read through the [workspaceId+kind] index. */
async function importActivity(workspaceId: string): Promise<ImportActivity[]> {
  const [imports, chunks] = await Promise.all([
    db.telemetryImports.where('workspaceId').equals(workspaceId).toArray(),
    db.telemetryChunks.where('[workspaceId+kind]').equals([workspaceId, 'activity']).toArray(),
  ]);
  const byImport = new Map<string, SourceActivity[]>();
  for (const chunk of chunks) {
    if (chunk.kind !== 'activity') continue;
    byImport.set(chunk.importId, [...(byImport.get(chunk.importId) ?? []), activityOfChunk(chunk)]);
  }
  return imports.map((item) => ({
    importId: item.id,
    fileName: item.fileName,
    activity: byImport.get(item.id) ?? [],
  }));
}

/** The silence alerts the workspace's sources raise now, as records to store. */
async function silenceAlertRecords(
  workspaceId: string,
  rules: readonly AlertRule[],
  createdAt: string,
): Promise<TelemetryAlertRecord[]> {
  const rule = silenceRuleOf(rules);
  if (rule === null || !rule.enabled) return [];
  return workspaceSilences(await importActivity(workspaceId), rule).map((finding) => ({
    ...finding,
    id: newId(),
    workspaceId,
    createdAt,
    status: 'open' as const,
    issueDraft: null,
  }));
}

/**
 * Silences depend on every import (a later file may fill a gap or show that a source ended
 * early), so they are judged again whenever an import is stored or removed. An open silence
 * that still holds keeps its id (its end and length brought up to date), one that no longer
 * holds goes; one already drafted, raised or dismissed stays as it is. Returns the silences
 * raised anew.
 */
async function replaceSilenceAlerts(
  workspaceId: string,
  rules: readonly AlertRule[],
  createdAt: string,
): Promise<TelemetryAlertRecord[]> {
  const fresh = await silenceAlertRecords(workspaceId, rules, createdAt);
  const existing = await db.telemetryAlerts
    .where('workspaceId')
    .equals(workspaceId)
    .filter((alert) => alert.source !== undefined)
    .toArray();
  const stored = new Map(existing.map((alert) => [alertIdentity(alert), alert]));
  const holding = new Set(fresh.map((alert) => alertIdentity(alert)));
  await db.telemetryAlerts.bulkDelete(
    existing
      .filter((alert) => alert.status === 'open' && !holding.has(alertIdentity(alert)))
      .map((alert) => alert.id),
  );
  const added: TelemetryAlertRecord[] = [];
  const updated: TelemetryAlertRecord[] = [];
  for (const alert of fresh) {
    const before = stored.get(alertIdentity(alert));
    if (before === undefined) added.push(alert);
    else if (before.status === 'open')
      updated.push({ ...alert, id: before.id, createdAt: before.createdAt });
  }
  await db.telemetryAlerts.bulkAdd(added);
  await db.telemetryAlerts.bulkPut(updated);
  return added;
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
  result.activity.forEach((source, seq) =>
    chunks.push({
      id: newId(),
      importId,
      workspaceId,
      seq,
      kind: 'activity',
      host: source.host,
      sourceKind: source.kind,
      lines: source.lines,
      first: source.first,
      last: source.last,
      resolutionMs: source.resolutionMs,
      runs: floatBytes(source.runs),
    }),
  );
  return chunks;
}

/** Removes an import with its series, events and alerts; the workspace's silences are judged again. */
export async function deleteImport(importId: string): Promise<void> {
  await db.transaction(
    'rw',
    [db.telemetryImports, db.telemetryChunks, db.telemetryAlerts, db.telemetryRules],
    async () => {
      const item = await db.telemetryImports.get(importId);
      await db.telemetryChunks.where('importId').equals(importId).delete();
      await db.telemetryAlerts.where('importId').equals(importId).delete();
      await db.telemetryImports.delete(importId);
      if (item)
        await replaceSilenceAlerts(item.workspaceId, await readRules(item.workspaceId), nowIso());
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

/**
 * Sets the cadence of one source (`kind|host`) on the workspace's silence rule, or clears it to
 * learn from history again (null). Without a silence rule, the default one is added.
 */
export async function setSourceCadence(
  workspaceId: string,
  key: string,
  minutes: number | null,
): Promise<void> {
  const rules = await readRules(workspaceId);
  const current = silenceRuleOf(rules);
  const fallback = silenceRuleOf(DEFAULT_RULES);
  const rule = current ?? fallback;
  if (rule === null) throw new Error('There is no silent-source rule to set a cadence on.');
  const cadences = { ...rule.cadences };
  if (minutes === null) delete cadences[key];
  else cadences[key] = minutes;
  const next = { ...rule, cadences };
  await saveRules(
    workspaceId,
    current === null ? [...rules, next] : rules.map((one) => (one === current ? next : one)),
  );
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
  const createdAt = nowIso();
  const fresh: TelemetryAlertRecord[] = await silenceAlertRecords(workspaceId, rules, createdAt);
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
    const stored = await db.telemetryAlerts.where('workspaceId').equals(workspaceId).toArray();
    const keep = stored.filter((alert) => alert.status !== 'open');
    await db.telemetryAlerts
      .where('workspaceId')
      .equals(workspaceId)
      .filter((alert) => alert.status === 'open')
      .delete();
    const kept = new Set(keep.map((alert) => alertIdentity(alert)));
    await db.telemetryAlerts.bulkAdd(fresh.filter((alert) => !kept.has(alertIdentity(alert))));
  });
  return fresh.length;
}
