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
  storeImport,
} from '../../../renderer/src/features/telemetry/commands';
import { readImportSeries, readTelemetry } from '../../../renderer/src/features/telemetry/queries';

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
    expect(await db.telemetryChunks.where('importId').equals(importId).count()).toBe(3);
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
      (await readRules(workspace.id)).find((rule) => rule.id === 'brute-force-logins')?.above,
    ).toBe(100_000);
    expect(await reevaluateAlerts(workspace.id, readImportSeries)).toBe(0);
    expect(await db.telemetryAlerts.where('importId').equals(importId).count()).toBe(0);
    await expect(
      saveRules(workspace.id, [{ ...strict[0], name: '' } as (typeof strict)[number]]),
    ).rejects.toThrow(/name/);
  });
});
