import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { readChangeReport } from '../../../../core/change-reports/reader';
import { sourceFromBytes } from '../../../../core/evidence/bytes';
import { inspectSource } from '../../../../core/evidence/inspect';
import type { EvidenceSummary } from '../../../../core/evidence/model';
import { headlineOf } from '../../../../core/evidence/source';
import { dashboardCharts, datasetRange } from '../../../../core/telemetry/charts';
import { detectTelemetry } from '../../../../core/telemetry/detect';
import { importText } from '../../../../core/telemetry/importer';
import { AuthLogScenario } from '../../../../core/telemetry/generate';
import type { ImportResult } from '../../../../core/telemetry/importer';
import type { IntegrityRun, PuppetRun } from '../../../tools/change-tools';
import {
  HAS_AIDE,
  HAS_PUPPET,
  HAS_TRIPWIRE,
  aideCheck,
  gnuDate,
  puppetApply,
  tripwireCheck,
} from '../../../tools/change-tools';

/**
 * Reports made fresh by Debian's puppet, aide and tripwire on a scratch tree (test/tools/
 * change-tools.ts), read three ways: by the change-report reader, as evidence (summary, dated by
 * the tool), and as telemetry (a change marker on the charts). The judges are the tools' own
 * outputs: Puppet's last_run_summary.yaml, AIDE's summary counts and its JSON report,
 * Tripwire's level 0 line, and GNU date for the times the reports print.
 */

async function evidenceOf(name: string, text: string): Promise<EvidenceSummary> {
  const { outcome } = await inspectSource(
    sourceFromBytes(name, new TextEncoder().encode(text), 4096),
  );
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.summary;
}

/** Imports a report into telemetry as detected, beside an auth log of the same period. */
function telemetryOf(text: string, host = ''): { result: ImportResult; markers: string[] } {
  const detection = detectTelemetry(text.slice(0, 64 * 1024));
  if (detection === null) throw new Error('not detected as telemetry');
  const result = importText(text, { kind: detection.kind, format: detection.format, host });
  const event = result.events[0];
  if (event === undefined) throw new Error('no change event');
  const auth = new AuthLogScenario({ start: event.at - 60 * 60_000, minutes: 120 });
  const logins = importText([...auth.generate()].join('\n'), {
    kind: 'auth-log',
    format: 'text',
    year: new Date(event.at).getUTCFullYear(),
  });
  const dataset = {
    bucketMs: 60_000,
    series: logins.series,
    events: result.events,
    alerts: [],
  };
  const range = datasetRange(dataset);
  if (range === null) throw new Error('empty dataset');
  const charts = dashboardCharts(dataset, { ...range, maxPoints: 600 });
  const markers = (charts[0]?.annotations ?? []).flatMap((annotation) =>
    annotation.kind === 'marker' ? [annotation.label] : [],
  );
  return { result, markers };
}

const scratch: string[] = [];
function scratchDir(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `demo-ledger-${name}-`));
  scratch.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!HAS_PUPPET)('Puppet run reports made by puppet apply (Debian puppet)', () => {
  let run: PuppetRun;
  let summary: {
    resources: { changed: number; failed: number; corrective_change: number; total: number };
    time: { last_run: number };
  };
  beforeAll(() => {
    run = puppetApply(scratchDir('puppet'));
    summary = parseYaml(run.summary) as typeof summary;
  }, 180_000);

  it('reads last_run_report.yaml with the counts of Puppet’s own summary', () => {
    const report = readChangeReport(run.yaml);
    expect(report.tool).toBe('puppet');
    const changed = report.counts.added + report.counts.removed + report.counts.changed;
    expect(changed).toBe(summary.resources.changed);
    expect(report.counts.failed).toBe(summary.resources.failed);
    expect(report.counts.corrective).toBe(summary.resources.corrective_change);
    expect(report.details['resources']).toBe(summary.resources.total);
    expect(report.notes).toEqual([]);
    // The report's own time: the run Puppet summarised (within its few seconds).
    expect(Math.abs((report.producedAt ?? 0) - summary.time.last_run * 1000)).toBeLessThan(60_000);
    expect(report.host.split('.')[0]?.toLowerCase()).toBe(hostname().split('.')[0]?.toLowerCase());
    const byName = Object.fromEntries(report.items.map((item) => [item.name, item.action]));
    expect(byName).toEqual({
      [`File[${run.tree}/motd]`]: 'added',
      [`File[${run.tree}/sshd_config]`]: 'changed',
      [`File[${run.tree}/obsolete.conf]`]: 'removed',
      'Exec[reload-broken-service]': 'failed',
    });
  });

  it('reads the same report as Puppet’s JSON alike', () => {
    const yaml = readChangeReport(run.yaml);
    const json = readChangeReport(run.json);
    expect(json.variant).toBe('JSON report');
    expect({ ...json, variant: '' }).toEqual({ ...yaml, variant: '' });
  });

  it('is evidence dated by Puppet’s own time, with its changes listed', async () => {
    const evidence = await evidenceOf('last_run_report.yaml', run.yaml);
    expect(evidence.format).toBe('puppet');
    expect(evidence.tool?.name).toBe('Puppet');
    expect(evidence.producedAt).toBe(
      new Date(readChangeReport(run.yaml).producedAt ?? 0).toISOString(),
    );
    expect(evidence.changes).toMatchObject({ total: 4, added: 1, removed: 1, changed: 1 });
    expect(headlineOf(evidence)).toBe('3 changes: 1 added, 1 removed, 1 changed; 1 failed');
  });

  it('is a change marker on the charts, counted for its host', () => {
    const { result, markers } = telemetryOf(run.yaml);
    expect(result.format).toBe('report');
    expect(result.events).toHaveLength(1);
    expect(result.events[0]).toMatchObject({ tool: 'puppet', count: 4, category: 'configuration' });
    expect(markers).toHaveLength(1);
    expect(markers[0]).toMatch(
      /^configuration change: Puppet run on \S+: 3 changes \(1 added, 1 removed, 1 changed\), 1 failed/,
    );
    expect(result.activity).toEqual([
      expect.objectContaining({ kind: 'puppet', lines: 1 }) as unknown,
    ]);
  });
});

describe.skipIf(!HAS_AIDE)('AIDE reports made by aide --check (Debian aide)', () => {
  let run: IntegrityRun & { json: string };
  /** AIDE's own summary line, e.g. `  Changed entries:<TAB><TAB>2`. */
  const declared = (label: 'Added' | 'Removed' | 'Changed') => {
    const line = run.report.split('\n').find((text) => text.startsWith(`  ${label} entries:`));
    return Number(line?.split(':')[1]?.trim());
  };
  beforeAll(() => {
    run = aideCheck(scratchDir('aide'));
  }, 120_000);

  it('reads the plain report: added, removed and changed files, at AIDE’s start time', () => {
    const report = readChangeReport(run.report);
    expect(report.tool).toBe('aide');
    expect(report.counts).toMatchObject({
      added: declared('Added'),
      removed: declared('Removed'),
      changed: declared('Changed'),
      failed: 0,
    });
    expect(report.notes).toEqual([]);
    const start = /^Start timestamp: (.+) \(AIDE/m.exec(run.report)?.[1] ?? '';
    expect(report.producedAt).toBe(gnuDate(start));
    const seen = report.items.map((item) => [item.action, item.name]);
    expect(seen).toContainEqual(['added', `${run.tree}/authorized_keys`]);
    expect(seen).toContainEqual(['removed', `${run.tree}/cron.allow`]);
    expect(seen).toContainEqual(['changed', `${run.tree}/passwd`]);
    expect(report.items.find((item) => item.name.endsWith('/passwd'))?.detail).toMatch(
      /^size \d+ → \d+/,
    );
  });

  it('reads AIDE’s JSON report to the same changes', () => {
    const plain = readChangeReport(run.report);
    const json = readChangeReport(run.json);
    const entries = (JSON.parse(run.json) as { number_of_entries: Record<string, number> })
      .number_of_entries;
    expect(json.counts).toMatchObject({
      added: entries['added'],
      removed: entries['removed'],
      changed: entries['changed'],
    });
    expect(json.items.map((item) => [item.action, item.name])).toEqual(
      plain.items.map((item) => [item.action, item.name]),
    );
  });

  it('is evidence and a change marker; the host comes from the import, as AIDE names none', async () => {
    const evidence = await evidenceOf('aide.log', run.report);
    expect(evidence).toMatchObject({ format: 'aide', target: null });
    const total = declared('Added') + declared('Removed') + declared('Changed');
    expect(evidence.changes).toMatchObject({ total, added: 1, removed: 1 });
    const { result, markers } = telemetryOf(run.report, 'db-1');
    expect(result.events[0]).toMatchObject({
      host: 'db-1',
      tool: 'aide',
      category: 'integrity',
      count: total,
    });
    expect(markers[0]).toContain(
      `file integrity change: AIDE check on db-1: ${total} changes (1 added, 1 removed`,
    );
  });
});

describe.skipIf(!HAS_TRIPWIRE)(
  'Tripwire reports made by tripwire --check (Debian tripwire)',
  () => {
    let run: IntegrityRun & { levelZero: string; levelOne: string };
    beforeAll(() => {
      run = tripwireCheck(scratchDir('tripwire'));
    }, 180_000);

    it('reads the check report with the counts of Tripwire’s own level 0 line', () => {
      const report = readChangeReport(run.report);
      const zero = readChangeReport(run.levelZero);
      const line = /^TWReport (\S+) (\d{14}) V:(\d+) S:\d+ A:(\d+) R:(\d+) C:(\d+)$/m.exec(
        run.levelZero,
      );
      expect(line).not.toBeNull();
      expect(report.counts).toMatchObject({
        added: Number(line?.[4]),
        removed: Number(line?.[5]),
        changed: Number(line?.[6]),
      });
      expect(zero.counts).toEqual(report.counts);
      expect(report.host).toBe(line?.[1]);
      // The time Tripwire prints (local, no zone; made in UTC here), read as GNU date reads it.
      const created = /^Report created on:\s+(\S.*)$/m.exec(run.report)?.[1] ?? '';
      expect(report.producedAt).toBe(gnuDate(created));
      expect(zero.producedAt).toBe(report.producedAt);
      expect(report.zoneAssumed).toBe(true);
      expect(report.notes).toEqual([]);
      expect(
        report.items.filter((item) => item.name.startsWith(run.tree)).map((item) => item.action),
      ).toContain('removed');
    });

    it('reads the level 1 listing to the same objects', () => {
      const report = readChangeReport(run.report);
      const one = readChangeReport(run.levelOne);
      expect(one.variant).toBe('text report (level 1)');
      expect(one.items.map((item) => [item.action, item.name])).toEqual(
        report.items.map((item) => [item.action, item.name]),
      );
    });

    it('is evidence (noting the zone it assumed) and a change marker for its host', async () => {
      const evidence = await evidenceOf('tripwire-check.txt', run.report);
      expect(evidence.format).toBe('tripwire');
      expect(evidence.target).toBe(readChangeReport(run.report).host);
      expect(evidence.notes.join(' ')).toMatch(/without a time zone; it was read as UTC/);
      const { result, markers } = telemetryOf(run.report);
      expect(result.events[0]).toMatchObject({ tool: 'tripwire', category: 'integrity' });
      expect(markers[0]).toMatch(/^file integrity change: Tripwire check on /);
    });
  },
);
