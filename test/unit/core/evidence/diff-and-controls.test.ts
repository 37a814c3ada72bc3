import { describe, expect, test } from 'vitest';
import { SummaryBuilder } from '../../../../core/evidence/builder';
import { suggestControls } from '../../../../core/evidence/controls';
import { diffSummaries, parseExpectedPort } from '../../../../core/evidence/diff';
import { headlineOf, sourceKeyOf } from '../../../../core/evidence/source';
import { ControlRef } from '../../../../core/model/refs';

function sbom(components: [string, string][]) {
  const builder = new SummaryBuilder('cyclonedx', 'CycloneDX 1.5');
  builder.enableComponents();
  for (const [name, version] of components) {
    builder.addComponent({
      name,
      version,
      type: 'library',
      purl: `pkg:npm/${name}@${version}`,
      licenses: [],
    });
  }
  return builder.build();
}

function junit(cases: [string, 'passed' | 'failed' | 'errored' | 'skipped'][]) {
  const builder = new SummaryBuilder('junit', 'JUnit XML');
  for (const [name, status] of cases) {
    builder.addTest({ suite: 'S', name, status, durationSeconds: null, message: null });
  }
  return builder.build();
}

describe('diffSummaries', () => {
  test('SBOM components added, removed and upgraded (purl without version is the identity)', () => {
    const drift = diffSummaries(
      sbom([
        ['lodash', '4.17.4'],
        ['minimist', '0.0.8'],
        ['left-pad', '1.0.0'],
      ]),
      sbom([
        ['lodash', '4.17.21'],
        ['minimist', '0.0.8'],
        ['node-fetch', '2.6.7'],
      ]),
    );
    expect(drift.components?.added.map((item) => item.name)).toEqual(['node-fetch']);
    expect(drift.components?.removed.map((item) => item.name)).toEqual(['left-pad']);
    expect(drift.components?.upgraded).toEqual([
      { key: 'pkg:npm/lodash', name: 'lodash', from: '4.17.4', to: '4.17.21' },
    ]);
    expect(drift.components?.unchanged).toBe(1);
    expect(drift.ports).toBeNull();
  });

  test('tests newly failing and newly passing, by suite and name', () => {
    const drift = diffSummaries(
      junit([
        ['a', 'passed'],
        ['b', 'failed'],
        ['c', 'passed'],
        ['gone', 'passed'],
      ]),
      junit([
        ['a', 'failed'],
        ['b', 'passed'],
        ['c', 'errored'],
        ['new', 'failed'],
      ]),
    );
    expect(drift.tests?.newlyFailing.map((test) => test.name)).toEqual(['a', 'c', 'new']);
    expect(drift.tests?.newlyPassing.map((test) => test.name)).toEqual(['b']);
    expect(drift.tests).toMatchObject({ added: 1, removed: 1 });
  });

  test('expected ports: forms accepted and refused', () => {
    expect(parseExpectedPort('443')).toEqual({ host: null, protocol: 'tcp', port: 443 });
    expect(parseExpectedPort('53/udp')).toEqual({ host: null, protocol: 'udp', port: 53 });
    expect(parseExpectedPort('10.0.0.5:8443/tcp')).toEqual({
      host: '10.0.0.5',
      protocol: 'tcp',
      port: 8443,
    });
    expect(parseExpectedPort('70000')).toBeNull();
    expect(parseExpectedPort('http')).toBeNull();
    expect(parseExpectedPort('22/icmp')).toBeNull();
  });
});

describe('suggestControls', () => {
  test('suggests by format and by finding kind, as valid control references', () => {
    const builder = new SummaryBuilder('trivy', 'Trivy JSON');
    builder.addFinding({
      kind: 'secret',
      rule: 'aws-access-key-id',
      title: 'AWS key',
      severity: 'critical',
      location: 'a.env:1',
      component: null,
      message: null,
    });
    builder.addFinding({
      kind: 'vulnerability',
      rule: 'CVE-2021-44228',
      title: 'log4shell',
      severity: 'critical',
      location: 'app.jar',
      component: 'log4j@2.14',
      message: null,
    });
    const refs = suggestControls(builder.build()).map((suggestion) => suggestion.ref);
    expect(refs).toEqual(
      expect.arrayContaining([
        'nist-sp-800-53-rev5#ra-5',
        'nist-sp-800-53-rev5#si-2',
        'nist-sp-800-53-rev5#ia-5',
      ]),
    );
    expect(new Set(refs).size).toBe(refs.length);
    for (const ref of refs) expect(ControlRef.safeParse(ref).success).toBe(true);
  });

  test('Nmap suggests least functionality, TLS scans suggest transmission protection', () => {
    const nmap = suggestControls(new SummaryBuilder('nmap').build()).map((item) => item.ref);
    expect(nmap).toContain('nist-sp-800-53-rev5#cm-7');
    const tls = suggestControls(new SummaryBuilder('testssl').build()).map((item) => item.ref);
    expect(tls).toContain('nist-sp-800-53-rev5#sc-8');
    expect(suggestControls(new SummaryBuilder('image').build())).toEqual([]);
  });
});

describe('sources and headlines', () => {
  test('the source is the pipeline and job when known, else the target, else the file name', () => {
    expect(sourceKeyOf('nmap', {}, '127.0.0.1', 'scan.xml')).toBe('nmap|127.0.0.1');
    expect(
      sourceKeyOf('nmap', { pipeline: 'Nightly', job: 'Port scan' }, '127.0.0.1', 'a.xml'),
    ).toBe('nmap|nightly / port scan');
    expect(sourceKeyOf('junit', {}, null, 'TEST-Login.xml')).toBe('junit|test-login.xml');
  });

  test('the headline carries the counts a reviewer reads first', () => {
    expect(
      headlineOf(
        junit([
          ['a', 'passed'],
          ['b', 'failed'],
          ['c', 'skipped'],
        ]),
      ),
    ).toBe('3 tests: 1 passed, 1 failed, 1 skipped');
  });
});
