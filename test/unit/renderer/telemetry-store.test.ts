import { beforeEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../../core/audit/chain';
import { DEFAULT_RULES } from '../../../core/telemetry/alerts';
import { AuthLogScenario, changeEventsCsv } from '../../../core/telemetry/generate';
import { importText } from '../../../core/telemetry/importer';
import { issueDraftFromAlert } from '../../../core/telemetry/issue-draft';
import { CHUNK_POINTS } from '../../../core/telemetry/records';
import { db } from '../../../renderer/src/db';
import {
  deleteWorkspace,
  createWorkspace,
} from '../../../renderer/src/features/workspaces/commands';
import {
  deleteImport,
  readRules,
  recordIssueDraft,
  reevaluateAlerts,
  saveRules,
  setSourceCadence,
  storeImport,
} from '../../../renderer/src/features/telemetry/commands';
import { readImportSeries, readTelemetry } from '../../../renderer/src/features/telemetry/queries';
import { unrecordedNote } from '../../../renderer/src/features/telemetry/SourcesPanel';

const SHA = 'a'.repeat(64);

function authImport() {
  const scenario = new AuthLogScenario({ seed: 3 });
  return {
    scenario,
    result: importText([...scenario.generate()].join('\n'), {
      kind: 'auth-log',
      format: 'text',
      year: 2026,
    }),
  };
}

beforeEach(async () => {
  db.close();
  await db.delete();
  await db.open();
});

describe('storing telemetry', () => {
  it('stores an import with its series, events and alerts in one audited transaction', async () => {
    const workspace = await createWorkspace({ name: 'Telemetry' });
    const { scenario, result } = authImport();
    const stored = await storeImport(
      workspace.id,
      { name: 'auth.log', size: 1000, sha256: SHA },
      result,
    );
    expect(stored.alerts).toBe(1);
    const changes = importText(changeEventsCsv(), { kind: 'changes', format: 'csv' });
    await storeImport(workspace.id, { name: 'changes.csv', size: 600, sha256: SHA }, changes);

    const view = await readTelemetry(workspace.id);
    expect(view.imports.map((item) => item.fileName)).toEqual(['changes.csv', 'auth.log']);
    const failed = view.dataset.series.find((series) => series.key === 'auth.failed');
    expect(Array.from(failed?.v ?? []).reduce((sum, value) => sum + value, 0)).toBe(
      scenario.truth.failedLogins,
    );
    expect(view.dataset.events).toHaveLength(6);
    expect(view.alerts[0]).toMatchObject({
      ruleId: 'brute-force-logins',
      status: 'open',
      fileName: 'auth.log',
    });

    const entries = await db.auditLog.orderBy('seq').toArray();
    expect(verifyChain(entries).ok).toBe(true);
    const imported = entries.filter((entry) => entry.action === 'import');
    expect(new Set(imported.map((entry) => entry.entity))).toEqual(
      new Set(['telemetryImports', 'telemetryChunks', 'telemetryAlerts']),
    );
    const chunkEntry = imported.find((entry) => entry.entity === 'telemetryChunks');
    expect(chunkEntry?.diff).toEqual({});
    expect(chunkEntry?.stateHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('splits long series into chunks and reads them back in order, bit for bit', async () => {
    const workspace = await createWorkspace({ name: 'Long' });
    const lines = ['timestamp,value'];
    const start = Date.UTC(2026, 0, 1);
    for (let index = 0; index < CHUNK_POINTS * 2 + 10; index += 1) {
      lines.push(`${new Date(start + index * 1000).toISOString()},${(index * 0.1).toFixed(1)}`);
    }
    const result = importText(lines.join('\n'), {
      kind: 'metrics',
      format: 'csv',
      mapping: { timestamp: 'timestamp', value: 'value', fixedMetric: 'latency' },
    });
    const { importId } = await storeImport(
      workspace.id,
      { name: 'latency.csv', size: 1, sha256: SHA },
      result,
    );
    // Three series chunks and the one source's arrival record.
    expect(await db.telemetryChunks.where('importId').equals(importId).count()).toBe(4);
    const [series] = await readImportSeries(importId);
    expect(series?.t.length).toBe(CHUNK_POINTS * 2 + 10);
    expect(Array.from(series?.v ?? [])).toEqual(Array.from(result.series[0]?.v ?? []));
  });

  it('removes an import with its chunks and alerts, and a workspace with all of its telemetry', async () => {
    const workspace = await createWorkspace({ name: 'Gone' });
    const { importId } = await storeImport(
      workspace.id,
      { name: 'auth.log', size: 1, sha256: SHA },
      authImport().result,
    );
    await storeImport(
      workspace.id,
      { name: 'again.log', size: 1, sha256: SHA },
      authImport().result,
    );
    await deleteImport(importId);
    expect(await db.telemetryChunks.where('importId').equals(importId).count()).toBe(0);
    expect(await db.telemetryAlerts.where('importId').equals(importId).count()).toBe(0);
    expect(await db.telemetryImports.count()).toBe(1);
    await deleteWorkspace(workspace.id);
    expect(await db.telemetryImports.count()).toBe(0);
    expect(await db.telemetryChunks.count()).toBe(0);
    expect(await db.telemetryAlerts.count()).toBe(0);
  });

  it('refuses to store into a workspace that no longer exists, leaving nothing behind', async () => {
    await expect(
      storeImport(
        '00000000-0000-4000-8000-000000000000',
        { name: 'x', size: 1, sha256: SHA },
        authImport().result,
      ),
    ).rejects.toThrow('This workspace no longer exists.');
    expect(await db.telemetryChunks.count()).toBe(0);
  });
});

describe('alerts and rules', () => {
  it('keeps a confirmed issue draft with its alert', async () => {
    const workspace = await createWorkspace({ name: 'Drafts' });
    const { importId } = await storeImport(
      workspace.id,
      { name: 'auth.log', size: 1, sha256: SHA },
      authImport().result,
    );
    const [alert] = await db.telemetryAlerts.where('importId').equals(importId).toArray();
    if (!alert) throw new Error('expected an alert');
    const draft = issueDraftFromAlert(alert, { alertId: alert.id, importId, fileName: 'auth.log' });
    await recordIssueDraft(alert.id, { ...draft, priority: 'P2' }, false);
    expect(await db.telemetryAlerts.get(alert.id)).toMatchObject({
      status: 'issue-drafted',
      issueDraft: { priority: 'P2' },
    });
    await expect(recordIssueDraft(alert.id, { ...draft, title: '' }, false)).rejects.toThrow(
      /title/,
    );
  });

  it('uses the defaults until the workspace saves its own rules, then re-evaluates with them', async () => {
    const workspace = await createWorkspace({ name: 'Rules' });
    expect(await readRules(workspace.id)).toEqual(DEFAULT_RULES);
    const { importId } = await storeImport(
      workspace.id,
      { name: 'auth.log', size: 1, sha256: SHA },
      authImport().result,
    );
    const strict = DEFAULT_RULES.map((rule) =>
      rule.id === 'brute-force-logins' ? { ...rule, above: 100_000 } : rule,
    );
    await saveRules(workspace.id, strict);
    expect(
      (await readRules(workspace.id)).find((rule) => rule.id === 'brute-force-logins'),
    ).toMatchObject({ above: 100_000 });
    expect(await reevaluateAlerts(workspace.id, readImportSeries)).toBe(0);
    expect(await db.telemetryAlerts.where('importId').equals(importId).count()).toBe(0);
    await expect(
      saveRules(workspace.id, [{ ...strict[0], name: '' } as (typeof strict)[number]]),
    ).rejects.toThrow(/name/);
  });
});

describe('silent sources across imports', () => {
  const START = Date.UTC(2026, 10, 24, 6, 0);
  /** One host's auth log over a span of the day, written as its own file. */
  function hostLog(host: string, fromMinute: number, toMinute: number) {
    const lines: string[] = [];
    for (let minute = fromMinute; minute <= toMinute; minute += 5) {
      const at = new Date(START + minute * 60_000);
      const stamp = `Nov ${at.getUTCDate()} ${at.toISOString().slice(11, 19)}`;
      lines.push(`${stamp} ${host} CRON[${minute}]: pam_unix(cron:session): session opened`);
    }
    return importText(lines.join('\n'), { kind: 'auth-log', format: 'text', year: 2026 });
  }

  it('raises a silence for a host that stops, drops it when a later file fills the gap, keeps it once raised', async () => {
    const workspace = await createWorkspace({ name: 'Silences' });
    await storeImport(
      workspace.id,
      { name: 'web-1.log', size: 1, sha256: SHA },
      hostLog('web-1', 0, 360),
    );
    const early = await storeImport(
      workspace.id,
      { name: 'web-2.log.1', size: 1, sha256: SHA },
      hostLog('web-2', 0, 180),
    );
    expect(early).toMatchObject({ alerts: 1, silences: 1 });
    let view = await readTelemetry(workspace.id);
    const [silence] = view.alerts.filter((alert) => alert.source !== undefined);
    expect(silence).toMatchObject({
      ruleId: 'silent-source',
      importId: early.importId,
      fileName: 'web-2.log.1',
      from: START + 180 * 60_000,
      to: START + 360 * 60_000,
      source: { host: 'web-2', kind: 'auth-log' },
      status: 'open',
    });
    expect(view.sources.sources.map((one) => [one.source.host, one.silences.length])).toEqual([
      ['web-1', 0],
      ['web-2', 1],
    ]);
    // Another file that changes nothing about web-2 leaves the open silence as it was.
    await storeImport(
      workspace.id,
      { name: 'changes.csv', size: 1, sha256: SHA },
      importText(changeEventsCsv(), { kind: 'changes', format: 'csv' }),
    );
    view = await readTelemetry(workspace.id);
    expect(
      view.alerts.filter((alert) => alert.source !== undefined).map((alert) => alert.id),
    ).toEqual([silence?.id]);

    // The rest of web-2's log arrives: the open silence goes.
    const later = await storeImport(
      workspace.id,
      { name: 'web-2.log', size: 1, sha256: SHA },
      hostLog('web-2', 185, 360),
    );
    view = await readTelemetry(workspace.id);
    expect(view.alerts.filter((alert) => alert.source !== undefined)).toEqual([]);

    // Removing it brings the silence back; once raised as an issue it stays whatever comes.
    await deleteImport(later.importId);
    view = await readTelemetry(workspace.id);
    const [back] = view.alerts.filter((alert) => alert.source !== undefined);
    expect(back?.from).toBe(START + 180 * 60_000);
    const draft = issueDraftFromAlert(back as NonNullable<typeof back>, {
      alertId: back?.id ?? '',
      importId: back?.importId ?? '',
      fileName: back?.fileName ?? '',
    });
    await recordIssueDraft(back?.id ?? '', draft, true);
    await storeImport(
      workspace.id,
      { name: 'web-2.log', size: 1, sha256: SHA },
      hostLog('web-2', 185, 360),
    );
    expect(await reevaluateAlerts(workspace.id, readImportSeries)).toBe(0);
    view = await readTelemetry(workspace.id);
    expect(
      view.alerts.filter((alert) => alert.source !== undefined).map((alert) => alert.status),
    ).toEqual(['issue-raised']);
  });

  it('counts a silence that a later file of another host shows as that import’s alert', async () => {
    const workspace = await createWorkspace({ name: 'Order' });
    await storeImport(
      workspace.id,
      { name: 'web-2.log', size: 1, sha256: SHA },
      hostLog('web-2', 0, 180),
    );
    const web1 = await storeImport(
      workspace.id,
      { name: 'web-1.log', size: 1, sha256: SHA },
      hostLog('web-1', 0, 360),
    );
    expect(web1).toMatchObject({ alerts: 1, silences: 1 });
    const view = await readTelemetry(workspace.id);
    expect(view.alerts.find((alert) => alert.source !== undefined)?.fileName).toBe('web-2.log');
  });

  it('names the files imported before arrival was recorded, rather than leave their sources out unsaid', async () => {
    const workspace = await createWorkspace({ name: 'Older' });
    const older = await storeImport(
      workspace.id,
      { name: 'web-2.log', size: 1, sha256: SHA },
      hostLog('web-2', 0, 180),
    );
    await storeImport(
      workspace.id,
      { name: 'web-1.log', size: 1, sha256: SHA },
      hostLog('web-1', 0, 360),
    );
    // As a file stored before the app kept arrival records: no mark and no activity chunks.
    await db.telemetryImports.update(older.importId, { arrivalRecorded: undefined });
    await db.telemetryChunks
      .where('importId')
      .equals(older.importId)
      .filter((chunk) => chunk.kind === 'activity')
      .delete();
    const view = await readTelemetry(workspace.id);
    expect(view.unrecorded).toEqual(['web-2.log']);
    expect(view.imports.find((item) => item.id !== older.importId)?.arrivalRecorded).toBe(true);
    expect(view.sources.sources.map((one) => one.source.host)).toEqual(['web-1']);
    expect(unrecordedNote(view.unrecorded)).toBe(
      'One file was imported before the app recorded when sources send lines (web-2.log): its sources are not listed here and not judged for silences. Remove it and import it again to judge its sources.',
    );
    expect(unrecordedNote(['a', 'b', 'c', 'd', 'e', 'f', 'g'])).toMatch(
      /^7 files were imported .* \(a, b, c, d, e and 2 more\): their sources/,
    );
  });

  it('judges a source by the cadence the user sets, and learns it again when cleared', async () => {
    const workspace = await createWorkspace({ name: 'Cadence' });
    await storeImport(
      workspace.id,
      { name: 'web-1.log', size: 1, sha256: SHA },
      hostLog('web-1', 0, 360),
    );
    await storeImport(
      workspace.id,
      { name: 'web-2.log', size: 1, sha256: SHA },
      hostLog('web-2', 0, 300),
    );
    let view = await readTelemetry(workspace.id);
    expect(view.alerts.filter((alert) => alert.source !== undefined)).toHaveLength(1);

    await setSourceCadence(workspace.id, 'auth-log|web-2', 60);
    expect(await reevaluateAlerts(workspace.id, readImportSeries)).toBe(0);
    view = await readTelemetry(workspace.id);
    expect(view.sources.sources[1]?.cadence).toEqual({ ms: 3_600_000, origin: 'set' });
    expect(view.silenceRule?.cadences).toEqual({ 'auth-log|web-2': 60 });

    await setSourceCadence(workspace.id, 'auth-log|web-2', null);
    expect(await reevaluateAlerts(workspace.id, readImportSeries)).toBe(1);
    view = await readTelemetry(workspace.id);
    expect(view.sources.sources[1]?.cadence?.origin).toBe('learned');
  });

  it('adds the silent-source rule when a cadence is set in a workspace that dropped it', async () => {
    const workspace = await createWorkspace({ name: 'No silence rule' });
    await saveRules(
      workspace.id,
      DEFAULT_RULES.filter((rule) => rule.kind !== 'silence'),
    );
    await setSourceCadence(workspace.id, 'access-log|', 15);
    const rules = await readRules(workspace.id);
    expect(rules.at(-1)).toMatchObject({ kind: 'silence', cadences: { 'access-log|': 15 } });
  });
});
