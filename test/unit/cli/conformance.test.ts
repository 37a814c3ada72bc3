import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { InspectJson } from '../../../cli/commands/evidence-json';
import { sourceFromBytes } from '../../../core/evidence/bytes';
import { diffSummaries } from '../../../core/evidence/diff';
import { driftGroups } from '../../../core/evidence/drift-groups';
import { inspectSource } from '../../../core/evidence/inspect';
import type { EvidenceSummary } from '../../../core/evidence/model';
import { findingFingerprint } from '../../../core/model/fingerprint';
import {
  conformanceDir,
  conformanceFile,
  localFixture,
  repoFile,
  sharedFixture,
} from '../../fixtures';
import {
  OPENSSH_CVES,
  SARIF_SUPPRESSION_CASES,
  exploitsFor,
  nmapVulners,
  sarifWithSuppressions,
  zapWithout,
} from '../../support/identity-samples';
import { DIFFERENCES, EXPECTED, LOCAL_EXPECTED } from './conformance-table';
import { runCommand } from './run';

/**
 * DefectDojo's parser-test samples (conformance/defectdojo) through `demo-ledger inspect
 * --json`: every file is recognised, a failed scan, or flagged as not understood, exactly as the
 * checked-in table says; where our count differs from the one DefectDojo's tests assert, the
 * table names the difference of definition, and the README lists every one of them.
 */

interface Expectation {
  file: string;
  defectdojo_findings: number;
}

/** The number comparable with DefectDojo's: findings, else failed checks, else open ports. */
function comparableCount(json: InspectJson): number {
  return json.findings?.total ?? json.checks?.fail ?? json.ports?.length ?? 0;
}

async function corpusFiles(): Promise<string[]> {
  const root = conformanceFile('defectdojo');
  const tools = (await readdir(root)).sort();
  const files = await Promise.all(
    tools.map(async (tool) =>
      (await readdir(path.join(root, tool))).sort().map((name) => `defectdojo/${tool}/${name}`),
    ),
  );
  return files.flat();
}

async function defectDojoCounts(): Promise<Map<string, number>> {
  const text = await readFile(path.join(conformanceDir(), 'defectdojo-expectations.json'), 'utf8');
  return new Map(
    (JSON.parse(text) as Expectation[]).map((entry) => [entry.file, entry.defectdojo_findings]),
  );
}
const defectDojo = defectDojoCounts();

describe('the conformance corpus', { timeout: 60_000 }, () => {
  test('every sample is in the table, and the table names no other file', async () => {
    expect(await corpusFiles()).toEqual(Object.keys(EXPECTED).sort());
  });

  test.each(Object.entries(EXPECTED))('%s', async (file, expected) => {
    const { code, out, err } = await runCommand(['inspect', conformanceFile(file), '--json']);
    expect(err).toBe('');
    const json = JSON.parse(out) as InspectJson;
    const count = comparableCount(json);
    expect({
      format: json.format,
      recognised: json.recognised,
      scan: json.scan.status,
      count,
    }).toEqual({
      format: expected.format,
      recognised: expected.recognised,
      scan: expected.scan,
      count: expected.count,
    });
    // A failed scan is said in the exit status and in the tool's words; never a clean result.
    expect(code).toBe(json.scan.status === 'failed' || !json.ok ? 1 : 0);
    if (json.scan.status !== 'complete') expect(json.scan.reason).toMatch(/\w/);
    // A file no reader understood that looks like a report says so first.
    if (!json.recognised && json.format === 'json' && expected.differs === 'trivy-operator')
      expect(json.notes[0]).toMatch(/^NOT UNDERSTOOD/);
    const theirs = (await defectDojo).get(file);
    if (theirs !== undefined && theirs !== count)
      expect(expected.differs, `DefectDojo counts ${theirs}, we count ${count}`).toBeDefined();
    if (theirs === undefined || theirs === count) expect(expected.differs).toBeUndefined();
  });

  test('the README lists every difference of definition', async () => {
    const readme = await readFile(repoFile('README.md'), 'utf8');
    for (const text of Object.values(DIFFERENCES)) expect(readme).toContain(text);
  });
});

/**
 * Formats DefectDojo's corpus has no sample of: the real files we have (with their source in
 * test/fixtures/SOURCES.md) and files generated from the tool's documented shape, each with the
 * counts its reader must give through `demo-ledger inspect --json`.
 */
describe('the local conformance files', { timeout: 60_000 }, () => {
  test.each(Object.entries(LOCAL_EXPECTED))('%s', async (file, expected) => {
    const { code, out, err } = await runCommand(['inspect', localFixture(file), '--json']);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const json = JSON.parse(out) as InspectJson;
    expect({
      format: json.format,
      recognised: json.recognised,
      scan: json.scan.status,
      count: comparableCount(json),
      ports: json.ports?.length ?? 0,
    }).toEqual(expected);
  });
});

async function summaryOf(name: string, bytes: Uint8Array): Promise<EvidenceSummary> {
  const { outcome } = await inspectSource(sourceFromBytes(name, bytes));
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error}`);
  return outcome.summary;
}

const distinct = (summary: EvidenceSummary): number =>
  new Set(summary.findings!.items.map((finding) => finding.fingerprint)).size;

/**
 * What identifies a finding, case by case: drift and issue deduplication compare fingerprints,
 * so two different findings must never share one.
 */
describe('what identifies a finding', { timeout: 60_000 }, () => {
  const webgoat = readFile(sharedFixture('zap/zap-webgoat.json'));

  test('ZAP without alertRef: each alert of a plugin keeps its own fingerprint', async () => {
    const summary = await summaryOf('webgoat.json', await webgoat);
    const items = summary.findings!.items;
    expect(summary.findings!.total).toBe(28);
    // By site and plugin id alone (the rule before) the 28 alerts were 18 fingerprints: the nine
    // "Insecure HTTP Method - …" alerts of plugin 90028 were one.
    const byPlugin = new Set(
      items.map((finding) =>
        findingFingerprint('zap', {
          site: finding.identity!['site']!,
          alertRef: finding.identity!['pluginId']!,
        }),
      ),
    );
    expect(byPlugin.size).toBe(18);
    // Now 26: the report repeats "Information Disclosure - Debug Error Messages" three times,
    // byte for byte (same plugin, name and instances), and an identical alert is one finding's
    // identity.
    expect(distinct(summary)).toBe(26);
    const methods = items.filter((finding) => finding.rule === '90028');
    expect(methods).toHaveLength(9);
    expect(new Set(methods.map((finding) => finding.fingerprint)).size).toBe(9);
  });

  test('ZAP reports with one alert item per URI: the URI and parameter tell them apart', async () => {
    const item = (uri: string, param: string) =>
      `<alertitem><pluginid>10010</pluginid><alert>Cookie No HttpOnly Flag</alert><riskcode>1</riskcode><uri>${uri}</uri><param>${param}</param></alertitem>`;
    const xml = `<?xml version="1.0"?><OWASPZAPReport version="2.4.0" generated="Mon, 2 Mar 2015 10:00:00"><site name="http://app.test"><alerts>${item('http://app.test/a', 'JSESSIONID')}${item('http://app.test/a', 'remember')}${item('http://app.test/b', 'JSESSIONID')}</alerts></site></OWASPZAPReport>`;
    const summary = await summaryOf('old-zap.xml', new TextEncoder().encode(xml));
    expect(summary.findings!.total).toBe(3);
    expect(distinct(summary)).toBe(3);
    expect(summary.findings!.items.map((finding) => finding.location)).toEqual([
      'http://app.test/a',
      'http://app.test/a',
      'http://app.test/b',
    ]);
  });

  test('a ZAP pair that differs by one alert is drift, and diff --fail-on-drift exits 1', async () => {
    const current = await webgoat;
    const previous = zapWithout(current, 'Insecure HTTP Method - PUT');
    const drift = diffSummaries(
      await summaryOf('before.json', previous),
      await summaryOf('after.json', current),
    );
    expect(drift.findings!.new.map((finding) => [finding.title, finding.severity])).toEqual([
      ['Insecure HTTP Method - PUT', 'medium'],
    ]);
    expect(drift.findings!.fixed).toEqual([]);
    // The app's drift view says the same.
    expect(
      driftGroups(drift).find((group) => group.title.startsWith('New findings'))?.items,
    ).toHaveLength(1);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zap-drift-'));
    try {
      await writeFile(path.join(dir, 'before.json'), previous);
      await writeFile(path.join(dir, 'after.json'), current);
      const files = [path.join(dir, 'before.json'), path.join(dir, 'after.json')];
      const worse = await runCommand(['diff', ...files, '--fail-on-drift']);
      expect(worse.out).toContain(
        '[medium] 90028 — http://mymac.com:8191/WebGoat/service/ixvsrz0hz5',
      );
      expect(worse.code).toBe(1);
      const same = await runCommand(['diff', files[1]!, files[1]!, '--fail-on-drift']);
      expect(same.code).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('SARIF: only an accepted suppression (or one without a status) hides a result', async () => {
    const summary = await summaryOf('suppressions.sarif', sarifWithSuppressions());
    const shown = SARIF_SUPPRESSION_CASES.filter((entry) => !entry.hidden);
    expect(summary.findings!.total).toBe(shown.length);
    expect(summary.details['suppressed']).toBe(SARIF_SUPPRESSION_CASES.length - shown.length);
    expect(summary.findings!.items.map((finding) => finding.message)).toEqual([
      'no suppression information',
      'an empty suppressions array',
      'Suppression under review. under review',
      'Suppression rejected. rejected',
      'Suppression under review. under review and rejected',
    ]);
    expect(summary.details['suppression.underReview']).toBe(2);
    expect(summary.details['suppression.rejected']).toBe(1);
  });

  test('Nmap vulners: one finding per CVE per port, exploit references attached', async () => {
    const exploits = exploitsFor(OPENSSH_CVES, 4).slice(0, 33);
    const summary = await summaryOf('vulners.xml', nmapVulners([...OPENSSH_CVES, ...exploits]));
    // 42 entries for 9 CVEs: 9 findings.
    expect(summary.findings!.total).toBe(9);
    const items = summary.findings!.items;
    expect(items.map((finding) => finding.rule).sort()).toEqual(
      OPENSSH_CVES.map((cve) => cve.id).sort(),
    );
    const attached = new Set(
      items.flatMap((finding) => finding.exploits?.items.map((ref) => ref.id) ?? []),
    );
    expect([...attached].sort()).toEqual(exploits.map((exploit) => exploit.id).sort());
    const byRule = new Map(items.map((finding) => [finding.rule, finding]));
    // vulners names no CVE for an exploit; both CVEs scored 9.8 carry the eight references of that score.
    expect(byRule.get('CVE-2023-38408')!.exploits!.total).toBe(8);
    expect(byRule.get('CVE-2016-1908')!.exploits!.total).toBe(8);
    expect(byRule.get('CVE-2020-15778')!.exploits!.total).toBe(4);
    expect(byRule.get('CVE-2020-15778')!.exploits!.basis).toContain('same CVSS score');
    expect(byRule.get('CVE-2020-15778')!.exploits!.items[0]!.url).toMatch(
      /^https:\/\/vulners\.com\/(metasploit|exploitdb|packetstorm|githubexploit)\//,
    );
    expect(byRule.get('CVE-2020-15778')!.message).toMatch(/^4 public exploit references/);
    expect(distinct(summary)).toBe(9);
  });

  test('Nmap vulners: an exploit whose score no CVE shares stays a finding that says so', async () => {
    const lone = { id: 'EDB-ID:45233', type: 'exploitdb', cvss: '6.1' };
    const summary = await summaryOf('vulners.xml', nmapVulners([OPENSSH_CVES[0]!, lone]));
    expect(summary.findings!.items.map((finding) => finding.rule)).toEqual([
      'CVE-2023-38408',
      'EDB-ID:45233',
    ]);
    expect(summary.findings!.items[1]!.message).toContain('no advisory of its CVSS score');
  });
});
