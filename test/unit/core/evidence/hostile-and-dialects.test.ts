import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { fileSource } from '../../../../cli/file-source';
import { stripAnsi } from '../../../../core/evidence/ansi';
import type { ByteSource } from '../../../../core/evidence/bytes';
import { sourceFromBytes } from '../../../../core/evidence/bytes';
import { detectFormat } from '../../../../core/evidence/detect';
import { inspectSource } from '../../../../core/evidence/inspect';
import type { EvidenceSummary } from '../../../../core/evidence/model';
import { MAX_ITEMS } from '../../../../core/evidence/model';
import { localFixture, sharedFixture } from '../../../fixtures';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

async function inspectText(name: string, text: string) {
  return inspectSource(sourceFromBytes(name, encode(text)));
}

async function summaryOf(source: ByteSource): Promise<EvidenceSummary> {
  const { outcome } = await inspectSource(source);
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.summary;
}

describe('hostile XML is refused with a clear message', { timeout: 30_000 }, () => {
  test('XXE: an external entity reading a local file', async () => {
    const { detection, outcome } = await inspectText(
      'report.xml',
      '<?xml version="1.0"?>\n<!DOCTYPE testsuite [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<testsuite name="x"><testcase name="&xxe;"/></testsuite>',
    );
    expect(detection.format).toBe('junit');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toMatch(/DTD.*refused.*XXE/s);
  });

  test('billion laughs: nested entity expansion', async () => {
    const entities = Array.from(
      { length: 9 },
      (_, index) => `<!ENTITY lol${index + 1} "${`&lol${index};`.repeat(10)}">`,
    ).join('');
    const { outcome } = await inspectText(
      'nmap.xml',
      `<?xml version="1.0"?><!DOCTYPE nmaprun [<!ENTITY lol0 "lol">${entities}]><nmaprun>&lol9;</nmaprun>`,
    );
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toMatch(/billion laughs/);
  });

  test('an external DTD is refused, a bare DOCTYPE name (as Nmap writes) is accepted', async () => {
    const external = await inspectText(
      'scan.xml',
      '<?xml version="1.0"?><!DOCTYPE nmaprun SYSTEM "http://attacker.invalid/x.dtd"><nmaprun/>',
    );
    expect(external.outcome.ok).toBe(false);
    const bare = await inspectText('scan.xml', '<?xml version="1.0"?><!DOCTYPE nmaprun><nmaprun/>');
    expect(bare.outcome.ok).toBe(true);
  });

  test('an undeclared entity is an error, not silently expanded', async () => {
    const { outcome } = await inspectText(
      'a.xml',
      '<testsuite><testcase name="&secret;"/></testsuite>',
    );
    expect(outcome.ok).toBe(false);
  });

  test('truncated XML names the line where the document stops', async () => {
    const text = (await readFile(sharedFixture('junit/jest-junit-16.xml'), 'utf8')).slice(0, 1200);
    const { outcome } = await inspectText('jest.xml', text);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toMatch(/Malformed XML.*line \d+/s);
  });
});

describe('malformed and truncated JSON', { timeout: 30_000 }, () => {
  test('truncated SARIF is reported as truncated', async () => {
    const text = await readFile(sharedFixture('sarif/gitleaks_7.5.0.sarif'), 'utf8');
    const { detection, outcome } = await inspectText('cut.sarif', text.slice(0, 5000));
    expect(detection.format).toBe('sarif');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toMatch(/ends before the document is complete/);
  });

  test('a syntax error names its line', async () => {
    const { outcome } = await inspectText(
      'bad.json',
      '{\n  "bomFormat": "CycloneDX",\n  "specVersion": "1.5",\n  "components": [ { "name": "a" } oops ]\n}',
    );
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toMatch(/Malformed JSON at line 4/);
  });

  test('corrupt gzip is reported, not thrown', async () => {
    const bytes = await readFile(
      sharedFixture('openscap/LARGE-oscap-1.3.7-ssg-debian-anssi-high-arf.xml.gz'),
    );
    const { outcome } = await inspectSource(
      sourceFromBytes('arf.xml.gz', new Uint8Array(bytes.subarray(0, 200_000))),
    );
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toMatch(/gzip|truncated|Malformed/i);
  });
});

describe('bounded memory on large inputs', { timeout: 30_000 }, () => {
  test('a SARIF file with more results than the list cap: exact counts, capped list', async () => {
    const total = MAX_ITEMS + 2500;
    async function* chunks(): AsyncIterable<Uint8Array> {
      yield encode(
        '{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"Synthetic","rules":[{"id":"R1","properties":{"security-severity":"9.5"}}]}},"results":[',
      );
      for (let index = 0; index < total; index += 1) {
        yield encode(
          `${index ? ',' : ''}{"ruleId":"R1","ruleIndex":0,"message":{"text":"m${index}"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"src/f${index}.c"},"region":{"startLine":${index + 1}}}}]}`,
        );
      }
      yield encode(']}]}');
    }
    const summary = await summaryOf({ name: 'big.sarif', size: 0, open: chunks });
    expect(summary.findings?.total).toBe(total);
    expect(summary.findings?.bySeverity.critical).toBe(total);
    expect(summary.findings?.items).toHaveLength(MAX_ITEMS);
    expect(summary.notes.join(' ')).toMatch(/Only the first 5000 findings/);
  });
});

describe('dialects and other evidence', { timeout: 30_000 }, () => {
  test('Surefire reruns: flaky passes after a failure, a failed rerun stays failed', async () => {
    const summary = await summaryOf(await fileSource(localFixture('surefire-flaky.xml')));
    expect(summary.variant).toBe('Maven Surefire');
    expect(summary.tests).toMatchObject({ total: 4, passed: 1, flaky: 2, failed: 1, errored: 0 });
  });

  test('GitHub Actions log: detected, commit and branch picked up, failure noted', async () => {
    const summary = await summaryOf(await fileSource(localFixture('github-actions-job.log')));
    expect(summary.format).toBe('ci-log');
    expect(summary.variant).toBe('GitHub Actions');
    expect(summary.origin).toMatchObject({
      commit: '3f9c2a1',
      branch: 'main',
      job: 'actions/checkout@v4',
    });
    expect(summary.details).toMatchObject({ errors: 1, warnings: 1, result: 'failed', lines: 18 });
    expect(summary.producedAt).toBe('2026-11-20T09:14:02.118Z');
  });

  test('GitLab CI log: detected through its ANSI codes, ref and commit picked up', async () => {
    const summary = await summaryOf(await fileSource(localFixture('gitlab-ci-job.log')));
    expect(summary.variant).toBe('GitLab CI');
    expect(summary.tool).toEqual({ name: 'GitLab Runner', version: '17.5.2' });
    expect(summary.origin).toMatchObject({ commit: '9b1d4e7a', branch: 'release/2.4' });
    expect(summary.details['result']).toBe('failed');
  });

  test('stripAnsi removes colours and cursor codes and keeps the text', () => {
    expect(
      stripAnsi(
        '\u001b[0K\u001b[32;1mChecking out\u001b[0;m done\u001b]8;;http://x\u0007link\u001b]8;;\u0007',
      ),
    ).toBe('Checking out donelink');
  });

  test('detection is by content: names and extensions are ignored', async () => {
    const nmap = await readFile(sharedFixture('nmap/nmap-localhost-current.xml'));
    const { detection } = await inspectSource(sourceFromBytes('report.json', new Uint8Array(nmap)));
    expect(detection.format).toBe('nmap');
    const lynis = await readFile(sharedFixture('lynis/lynis-report-one-warning.dat'));
    expect(detectFormat(new Uint8Array(lynis)).format).toBe('lynis');
  });

  test('images, PDFs and binary files are stored without parsing', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(detectFormat(png)).toMatchObject({ format: 'image', mediaType: 'image/png' });
    expect(detectFormat(encode('%PDF-1.7\n%âãÏÓ\n')).format).toBe('pdf');
    expect(detectFormat(Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2])).format).toBe('binary');
    const html = await inspectText('page.html', '<!doctype html><script>alert(1)</script>');
    expect(html.detection).toMatchObject({ format: 'text', variant: 'HTML' });
    expect(html.outcome.ok).toBe(true);
  });
});

describe('text with bytes that are not UTF-8', { timeout: 30_000 }, () => {
  test('one stray byte in an InSpec report: still InSpec, every control counted, a note', async () => {
    const bytes = new Uint8Array(
      await readFile(sharedFixture('inspec/inspec-4.18-rhel7-stig-bad.json')),
    );
    const clean = await summaryOf(sourceFromBytes('stig.json', bytes));
    // Replace one byte inside a string value with 0xFF (a Latin-1 file name, a cut character).
    const at = new TextDecoder().decode(bytes).indexOf('"title":"') + 12;
    expect(at).toBeGreaterThan(12);
    const damaged = bytes.slice();
    damaged[at] = 0xff;
    const { detection, outcome } = await inspectSource(sourceFromBytes('stig.json', damaged));
    expect(detection.format).toBe('inspec');
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.summary.checks?.total).toBe(clean.checks?.total);
    expect(outcome.summary.checks?.total).toBeGreaterThan(200);
    expect(outcome.summary.notes.join(' ')).toMatch(/1 byte sequence was not valid UTF-8/);
    expect(outcome.summary.recognised).toBe(true);
  });

  test('a file of mostly invalid bytes is still binary', () => {
    const noise = Uint8Array.from({ length: 4096 }, (_, index) => 0x80 + (index % 64));
    expect(detectFormat(noise).format).toBe('binary');
  });

  test('an empty file is not understood, and its scan is incomplete', async () => {
    const { outcome } = await inspectSource(sourceFromBytes('empty.json', new Uint8Array(0)));
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.summary).toMatchObject({
      recognised: false,
      scan: { status: 'incomplete', reason: 'The file is empty.' },
    });
  });
});

describe('CycloneDX XML', { timeout: 30_000 }, () => {
  test('1.6: tools described as components are not components; nested components and vulnerabilities are read', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1">
  <metadata>
    <timestamp>2026-11-20T09:00:00Z</timestamp>
    <tools><components><component type="application"><name>cdxgen</name><version>11.0.0</version></component></components></tools>
    <component type="application" bom-ref="app"><name>shop</name><version>2.4.0</version></component>
  </metadata>
  <components>
    <component type="library" bom-ref="pkg:npm/lodash@4.17.20">
      <name>lodash</name><version>4.17.20</version><purl>pkg:npm/lodash@4.17.20</purl>
      <licenses><license><id>MIT</id></license></licenses>
      <components><component type="library" bom-ref="inner"><group>org.example</group><name>inner</name><version>1.0</version></component></components>
    </component>
  </components>
  <vulnerabilities>
    <vulnerability bom-ref="v1">
      <id>CVE-2021-23337</id>
      <source><name>NVD</name></source>
      <ratings><rating><score>7.2</score><severity>high</severity><method>CVSSv31</method></rating></ratings>
      <description>Command injection in lodash</description>
      <affects><target><ref>pkg:npm/lodash@4.17.20</ref></target></affects>
    </vulnerability>
  </vulnerabilities>
</bom>`;
    const { detection, outcome } = await inspectText('bom.xml', xml);
    expect(detection).toMatchObject({ format: 'cyclonedx', variant: 'xml' });
    if (!outcome.ok) throw new Error(outcome.error);
    const summary = outcome.summary;
    expect(summary.variant).toBe('CycloneDX 1.6 XML');
    expect(summary.tool).toEqual({ name: 'cdxgen', version: '11.0.0' });
    expect(summary.target).toBe('shop@2.4.0');
    expect(summary.producedAt).toBe('2026-11-20T09:00:00.000Z');
    expect(summary.components?.items.map((item) => `${item.name}@${item.version}`)).toEqual([
      'org.example/inner@1.0',
      'lodash@4.17.20',
    ]);
    expect(summary.components?.items[1]?.licenses).toEqual(['MIT']);
    expect(summary.findings?.items).toMatchObject([
      {
        rule: 'CVE-2021-23337',
        severity: 'high',
        component: 'lodash@4.17.20',
        title: 'Command injection in lodash',
      },
    ]);
  });
});

describe('Trivy Kubernetes reports', { timeout: 30_000 }, () => {
  const resource = (results: unknown[]) => ({
    Namespace: 'default',
    Kind: 'Deployment',
    Name: 'web',
    Results: results,
  });
  const vulnerable = {
    Target: 'nginx:1.19 (debian 10.8)',
    Class: 'os-pkgs',
    Vulnerabilities: [
      {
        VulnerabilityID: 'CVE-2021-3711',
        PkgName: 'openssl',
        InstalledVersion: '1.1.1d',
        FixedVersion: '1.1.1k',
        Severity: 'CRITICAL',
      },
    ],
  };
  const misconfigured = {
    Target: 'Deployment/web',
    Class: 'config',
    Misconfigurations: [
      { ID: 'KSV001', Title: 'Privilege escalation', Severity: 'MEDIUM', Status: 'FAIL' },
      { ID: 'KSV003', Title: 'Capabilities dropped', Severity: 'LOW', Status: 'PASS' },
    ],
  };

  test('the default summary report (Findings) reads the same findings as --report all (Resources)', async () => {
    const all = await inspectText(
      'all.json',
      JSON.stringify({
        ClusterName: 'kind-dev',
        Resources: [resource([vulnerable, misconfigured])],
      }),
    );
    const summaryReport = await inspectText(
      'summary.json',
      JSON.stringify({
        ClusterName: 'kind-dev',
        Findings: [resource([vulnerable, misconfigured])],
      }),
    );
    for (const { detection, outcome } of [all, summaryReport]) {
      expect(detection).toMatchObject({ format: 'trivy', variant: 'k8s' });
      if (!outcome.ok) throw new Error(outcome.error);
      expect(outcome.summary.recognised).toBe(true);
      expect(outcome.summary.scan).toEqual({ status: 'complete', reason: null });
      expect(outcome.summary.target).toBe('kind-dev');
      expect(outcome.summary.findings?.items.map((item) => [item.rule, item.location])).toEqual([
        ['CVE-2021-3711', 'default/Deployment/web: nginx:1.19 (debian 10.8)'],
        ['KSV001', 'default/Deployment/web: Deployment/web'],
      ]);
    }
    if (!summaryReport.outcome.ok) throw new Error(summaryReport.outcome.error);
    expect(summaryReport.outcome.summary.variant).toBe('Trivy Kubernetes JSON (summary report)');
  });

  test('a resource Trivy could not scan makes the scan incomplete, in its words', async () => {
    const { outcome } = await inspectText(
      'cluster.json',
      JSON.stringify({
        ClusterName: 'prod',
        Findings: [
          resource([vulnerable]),
          { Namespace: 'kube-system', Kind: 'Pod', Name: 'etcd', Error: 'unable to pull image' },
        ],
      }),
    );
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.summary.findings?.total).toBe(1);
    expect(outcome.summary.scan).toEqual({
      status: 'incomplete',
      reason: 'Trivy could not scan 1 of 2 resources (kube-system/Pod/etcd: unable to pull image)',
    });
  });
});
