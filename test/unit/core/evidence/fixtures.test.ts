import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { fileSource } from '../../../../cli/file-source';
import { diffSummaries, openPorts } from '../../../../core/evidence/diff';
import { inspectSource } from '../../../../core/evidence/inspect';
import type { EvidenceSummary } from '../../../../core/evidence/model';
import { currentReader } from '../../../../core/evidence/readers';
import { FINGERPRINT } from '../../../../core/model/fingerprint';
import { localFixture, sharedFixture, sharedFixturesDir } from '../../../fixtures';

/**
 * Every real tool output in the shared fixtures is detected as its format and summarised. The
 * expected counts were read off the source files and agree with test/fixtures/count-fixtures.py,
 * an independent Python reading of the same files (compared in the last test below).
 */

type Counts = Record<string, number>;

const GENERIC_FORMATS = new Set(['json', 'xml', 'text', 'binary']);

const EXPECTED: Record<
  string,
  { format: string; variant: string; counts: Counts; scan?: EvidenceSummary['scan'] }
> = {
  'cucumber/cucumber-js-10-gauntlt-style-ports.json': {
    format: 'cucumber',
    variant: 'Cucumber JSON',
    counts: {
      'tests.total': 5,
      'tests.passed': 2,
      'tests.failed': 2,
      'tests.errored': 1,
      'tests.skipped': 0,
    },
  },
  'cucumber/cucumber-jvm-style-sample-failed.json': {
    format: 'cucumber',
    variant: 'Cucumber JSON',
    counts: {
      'tests.total': 4,
      'tests.passed': 1,
      'tests.failed': 2,
      'tests.errored': 1,
      'tests.skipped': 0,
    },
  },
  'cucumber/gauntlt-style-ports.feature': {
    format: 'gherkin',
    variant: 'Gherkin feature',
    counts: { 'details.scenarios': 4, 'details.lines': 27 },
  },
  'cyclonedx/dependency-track-dropwizard-vulns-cyclonedx-1.5.json': {
    format: 'cyclonedx',
    variant: 'CycloneDX 1.5',
    counts: {
      'findings.total': 87,
      'findings.critical': 10,
      'findings.high': 49,
      'findings.medium': 19,
      'findings.low': 7,
      'findings.info': 1,
      'findings.unknown': 1,
      'components.total': 167,
    },
  },
  'cyclonedx/grype-0.41-log4j-cyclonedx-1.4.json': {
    format: 'cyclonedx',
    variant: 'CycloneDX 1.4',
    counts: {
      'findings.total': 8,
      'findings.critical': 4,
      'findings.high': 1,
      'findings.medium': 3,
      'components.total': 1,
    },
  },
  'cyclonedx/npm-sbom-cyclonedx-1.5.json': {
    format: 'cyclonedx',
    variant: 'CycloneDX 1.5',
    counts: { 'components.total': 3 },
  },
  'cyclonedx/trivy-0.48-cyclonedx-1.5.json': {
    format: 'cyclonedx',
    variant: 'CycloneDX 1.5',
    counts: {
      'findings.total': 10,
      'findings.high': 4,
      'findings.medium': 4,
      'findings.low': 2,
      'components.total': 102,
    },
  },
  'grype/LARGE-grype-0.7-python3.6-image.json': {
    format: 'grype',
    variant: 'Grype JSON',
    counts: {
      'findings.total': 1509,
      'findings.high': 32,
      'findings.medium': 613,
      'findings.low': 107,
      'findings.info': 681,
      'findings.unknown': 76,
    },
  },
  'grype/grype-0.7-defectdojo-image.json': {
    format: 'grype',
    variant: 'Grype JSON',
    counts: {
      'findings.total': 327,
      'findings.critical': 5,
      'findings.high': 24,
      'findings.medium': 155,
      'findings.low': 27,
      'findings.info': 106,
      'findings.unknown': 10,
    },
  },
  'grype/grype-amazonlinux.json': {
    format: 'grype',
    variant: 'Grype JSON',
    counts: {
      'findings.total': 16,
      'findings.high': 6,
      'findings.medium': 6,
      'findings.low': 1,
      'findings.unknown': 3,
    },
  },
  'hdf/hdf-from-cyclonedx-syft-alpine.json': {
    format: 'hdf',
    variant: 'Heimdall Data Format',
    counts: { 'checks.total': 0, 'checks.pass': 0, 'checks.fail': 0, 'checks.notApplicable': 0 },
  },
  'hdf/hdf-from-grype-amazonlinux.json': {
    format: 'hdf',
    variant: 'Heimdall Data Format',
    counts: { 'checks.total': 16, 'checks.pass': 0, 'checks.fail': 13, 'checks.notApplicable': 0 },
  },
  'hdf/hdf-from-sarif.json': {
    format: 'hdf',
    variant: 'Heimdall Data Format',
    counts: { 'checks.total': 21, 'checks.pass': 0, 'checks.fail': 21, 'checks.notApplicable': 0 },
  },
  'hdf/hdf-from-zap-webgoat.json': {
    format: 'hdf',
    variant: 'Heimdall Data Format',
    counts: { 'checks.total': 25, 'checks.pass': 0, 'checks.fail': 25, 'checks.notApplicable': 0 },
  },
  'hdf/hdf-small-overrides.json': {
    format: 'hdf',
    variant: 'Heimdall Data Format',
    counts: { 'checks.total': 11, 'checks.pass': 2, 'checks.fail': 4, 'checks.notApplicable': 1 },
  },
  'hdf/schema-inspec-exec-json.json': { format: 'json-schema', variant: 'JSON Schema', counts: {} },
  'inspec/dd-inspec-json-lines-many_findings.log': {
    format: 'inspec',
    variant: 'InSpec JSON lines',
    counts: { 'checks.total': 10, 'checks.pass': 8, 'checks.fail': 0, 'checks.notApplicable': 1 },
  },
  'inspec/inspec-1.37-nginx-baseline-good.json': {
    format: 'inspec',
    variant: 'InSpec 1.37.6 JSON',
    counts: { 'checks.total': 41, 'checks.pass': 37, 'checks.fail': 0, 'checks.notApplicable': 1 },
  },
  'inspec/inspec-3.0.46-aws-s3-baseline.json': {
    format: 'inspec',
    variant: 'InSpec 3.0.46 JSON',
    counts: { 'checks.total': 2, 'checks.pass': 0, 'checks.fail': 2, 'checks.notApplicable': 0 },
  },
  'inspec/inspec-4.18-rhel7-stig-bad.json': {
    format: 'inspec',
    variant: 'InSpec 4.18.104 JSON',
    counts: {
      'checks.total': 247,
      'checks.pass': 186,
      'checks.fail': 27,
      'checks.notApplicable': 24,
      'checks.notChecked': 9,
      'checks.error': 1,
    },
  },
  'jira/go-jira-agile-issues-in-sprint.json': {
    format: 'jira',
    variant: 'Jira issues (REST JSON)',
    counts: { 'details.issues': 1 },
  },
  'jira/go-jira-issues-in-sprint-with-changelog.json': {
    format: 'jira',
    variant: 'Jira issues (REST JSON)',
    counts: { 'details.issues': 1 },
  },
  'jira/perceval-jira-fields.json': {
    format: 'jira',
    variant: 'Jira field list',
    counts: { 'details.fields': 44 },
  },
  'jira/perceval-jira-search-page1-fiware.json': {
    format: 'jira',
    variant: 'Jira issues (REST JSON)',
    counts: { 'details.issues': 2 },
  },
  'junit/ant-junitreport-TESTS-TestSuites.xml': {
    format: 'junit',
    variant: 'Ant',
    counts: {
      'tests.total': 3,
      'tests.passed': 3,
      'tests.failed': 0,
      'tests.errored': 0,
      'tests.skipped': 0,
    },
  },
  'junit/eclipse-pde-test-report.xml': {
    format: 'junit',
    variant: 'Ant',
    counts: {
      'tests.total': 3366,
      'tests.passed': 3366,
      'tests.failed': 0,
      'tests.errored': 0,
      'tests.skipped': 0,
    },
  },
  'junit/jest-junit-16.xml': {
    format: 'junit',
    variant: 'jest-junit',
    counts: {
      'tests.total': 8,
      'tests.passed': 6,
      'tests.failed': 1,
      'tests.errored': 0,
      'tests.skipped': 1,
    },
  },
  'junit/node-test-runner-junit.xml': {
    format: 'junit',
    variant: 'node:test',
    counts: {
      'tests.total': 6,
      'tests.passed': 3,
      'tests.failed': 1,
      'tests.errored': 0,
      'tests.skipped': 2,
    },
  },
  'junit/pytest-9-xunit1-logging-all.xml': {
    format: 'junit',
    variant: 'pytest',
    counts: {
      'tests.total': 9,
      'tests.passed': 4,
      'tests.failed': 2,
      'tests.errored': 1,
      'tests.skipped': 2,
    },
  },
  'junit/pytest-9-xunit2.xml': {
    format: 'junit',
    variant: 'pytest',
    counts: {
      'tests.total': 9,
      'tests.passed': 4,
      'tests.failed': 2,
      'tests.errored': 1,
      'tests.skipped': 2,
    },
  },
  'junit/surefire-3.0-junit5-failing-beforeall.xml': {
    format: 'junit',
    variant: 'Maven Surefire',
    counts: {
      'tests.total': 1,
      'tests.passed': 0,
      'tests.failed': 1,
      'tests.errored': 0,
      'tests.skipped': 0,
    },
  },
  'junit/surefire-single-error.xml': {
    format: 'junit',
    variant: 'JUnit XML',
    counts: {
      'tests.total': 1,
      'tests.passed': 0,
      'tests.failed': 0,
      'tests.errored': 1,
      'tests.skipped': 0,
    },
  },
  'junit/testsuites-various-timestamps.xml': {
    format: 'junit',
    variant: 'JUnit XML',
    counts: {
      'tests.total': 12,
      'tests.passed': 12,
      'tests.failed': 0,
      'tests.errored': 0,
      'tests.skipped': 0,
    },
  },
  'lynis/lynis-3.0.8-debian12-quick-report.dat': {
    format: 'lynis',
    variant: 'Lynis report.dat',
    counts: {
      'findings.total': 49,
      'findings.medium': 3,
      'findings.low': 46,
      'details.warnings': 3,
      'details.suggestions': 46,
      'details.vulnerablePackages': 69,
    },
  },
  'lynis/lynis-report-one-warning.dat': {
    format: 'lynis',
    variant: 'Lynis report.dat',
    counts: {
      'findings.total': 1,
      'findings.low': 1,
      'details.warnings': 0,
      'details.suggestions': 1,
      'details.vulnerablePackages': 0,
    },
  },
  'nmap/dd-nmap-script-vulners.xml': {
    format: 'nmap',
    variant: 'Nmap XML 1.04',
    counts: { 'findings.total': 2, 'findings.medium': 2, openPorts: 1 },
  },
  'nmap/dd-nmap_multiple_port.xml': {
    format: 'nmap',
    variant: 'Nmap XML 1.04',
    counts: { openPorts: 13 },
  },
  'nmap/nmap-localhost-current.xml': {
    format: 'nmap',
    variant: 'Nmap XML 1.05',
    counts: { openPorts: 3 },
  },
  'nmap/nmap-localhost-previous.xml': {
    format: 'nmap',
    variant: 'Nmap XML 1.05',
    counts: { openPorts: 2 },
  },
  'npm-audit/fixture-project-package-lock.json': {
    format: 'npm-manifest',
    variant: 'npm lockfile v3',
    counts: { 'components.total': 3 },
  },
  'npm-audit/fixture-project-package.json': {
    format: 'npm-manifest',
    variant: 'npm package.json',
    counts: { 'components.total': 3 },
  },
  'npm-audit/npm11-audit-error-405.json': {
    format: 'npm-audit',
    variant: 'npm audit error report',
    counts: {},
    scan: {
      status: 'failed',
      reason:
        'npm audit did not run: 405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
    },
  },
  'npm-audit/npm6-audit-many-vuln.json': {
    format: 'npm-audit',
    variant: 'npm audit v6',
    counts: { 'findings.total': 5, 'findings.high': 3, 'findings.medium': 1, 'findings.low': 1 },
  },
  'npm-audit/npm7plus-audit-many-vulns.json': {
    format: 'npm-audit',
    variant: 'npm audit v7+ (report 2)',
    counts: { 'findings.total': 6, 'findings.medium': 4, 'findings.low': 2 },
  },
  'openscap/LARGE-oscap-1.3.7-ssg-debian-anssi-high-arf.xml.gz': {
    format: 'arf',
    variant: 'SCAP 1.2 ARF (XCCDF 1.2) (gzip)',
    counts: {
      'checks.total': 50,
      'checks.pass': 20,
      'checks.fail': 2,
      'checks.notApplicable': 28,
      'details.notSelected': 305,
    },
  },
  'openscap/LARGE-oscap-1.3.7-ssg-debian-anssi-high-xccdf-results.xml': {
    format: 'xccdf',
    variant: 'XCCDF 1.2 results',
    counts: {
      'checks.total': 50,
      'checks.pass': 20,
      'checks.fail': 2,
      'checks.notApplicable': 28,
      'details.notSelected': 305,
    },
  },
  'openscap/oscap-rhsa-oval-generated-xccdf-results.xml': {
    format: 'xccdf',
    variant: 'XCCDF 1.1 results',
    counts: {
      'checks.total': 8,
      'checks.pass': 8,
      'checks.fail': 0,
      'checks.notApplicable': 0,
      'details.notSelected': 0,
    },
  },
  'openscap/xccdf-results-openscap-rhel7.xml': {
    format: 'xccdf',
    variant: 'XCCDF 1.2 results',
    counts: {
      'checks.total': 180,
      'checks.pass': 43,
      'checks.fail': 137,
      'checks.notApplicable': 0,
      'details.notSelected': 0,
    },
  },
  'oscal/NIST_SP-800-53_rev5_HIGH-baseline-resolved-profile_catalog-min.json': {
    format: 'oscal',
    variant: 'OSCAL catalog 1.1.2',
    counts: { 'details.controls': 370 },
  },
  'oscal/NIST_SP-800-53_rev5_catalog.json': {
    format: 'oscal',
    variant: 'OSCAL catalog 1.0.0',
    counts: { 'details.controls': 1189 },
  },
  'oscal/fedramp-rev5-SAR-assessment-results-template.json': {
    format: 'oscal',
    variant: 'OSCAL assessment-results 1.0.4',
    counts: {
      'checks.total': 8,
      'checks.pass': 3,
      'checks.fail': 5,
      'checks.notApplicable': 0,
      'details.results': 3,
      'details.observations': 13,
    },
  },
  'oscal/ifa_assessment-plan-example.json': {
    format: 'oscal',
    variant: 'OSCAL assessment-plan 1.1.2',
    counts: { 'details.tasks': 1 },
  },
  'oscal/ifa_assessment-results-example.json': {
    format: 'oscal',
    variant: 'OSCAL assessment-results 1.1.2',
    counts: {
      'checks.total': 1,
      'checks.pass': 0,
      'checks.fail': 1,
      'checks.notApplicable': 0,
      'details.results': 1,
      'details.observations': 2,
    },
  },
  'oscal/schema/oscal_assessment-plan_schema.json': {
    format: 'json-schema',
    variant: 'JSON Schema',
    counts: {},
  },
  'oscal/schema/oscal_assessment-results_schema.json': {
    format: 'json-schema',
    variant: 'JSON Schema',
    counts: {},
  },
  'oscal/schema/oscal_catalog_schema.json': {
    format: 'json-schema',
    variant: 'JSON Schema',
    counts: {},
  },
  'oscal/trestle-xccdf-ocp4-results-fragment.json': {
    format: 'oscal',
    variant: 'OSCAL assessment results (results only)',
    counts: { 'details.results': 1, 'details.observations': 221 },
  },
  'sarif/codeql-output.sarif': {
    format: 'sarif',
    variant: 'SARIF 2.1.0',
    counts: { 'findings.total': 72, 'findings.high': 11, 'findings.medium': 4, 'findings.low': 57 },
  },
  'sarif/eslint-8-sarif-formatter.sarif': {
    format: 'sarif',
    variant: 'SARIF 2.1.0',
    counts: { 'findings.total': 21, 'findings.high': 18, 'findings.medium': 3 },
  },
  'sarif/flawfinder.sarif': {
    format: 'sarif',
    variant: 'SARIF 2.1.0',
    counts: { 'findings.total': 53, 'findings.high': 2, 'findings.medium': 1, 'findings.low': 50 },
  },
  'sarif/gitleaks_7.5.0.sarif': {
    format: 'sarif',
    variant: 'SARIF 2.1.0',
    counts: { 'findings.total': 8, 'findings.medium': 8 },
  },
  'sarif/heimdall-sarif_input.sarif': {
    format: 'sarif',
    variant: 'SARIF 2.1.0',
    counts: { 'findings.total': 77, 'findings.high': 35, 'findings.medium': 7, 'findings.low': 35 },
  },
  'spdx/SPDXJSONExample-v2.2.spdx.json': {
    format: 'spdx',
    variant: 'SPDX 2.2',
    counts: { 'components.total': 3 },
  },
  'spdx/npm-sbom-spdx-2.3.json': {
    format: 'spdx',
    variant: 'SPDX 2.3',
    counts: { 'components.total': 3 },
  },
  'tls/dd-sslscan-many-vuln.xml': {
    format: 'sslscan',
    variant: 'sslscan XML',
    counts: { 'findings.total': 2, 'findings.critical': 1, 'findings.high': 1 },
  },
  'tls/dd-testssl-overall-critical.csv': {
    format: 'testssl',
    variant: 'testssl.sh CSV',
    counts: {
      'findings.total': 58,
      'findings.critical': 12,
      'findings.medium': 12,
      'findings.low': 34,
    },
  },
  'tls/sslscan-2.0.7-localhost.xml': {
    format: 'sslscan',
    variant: 'sslscan XML',
    counts: { 'findings.total': 27, 'findings.high': 24, 'findings.medium': 3 },
  },
  'tls/testssl-3.0.8-localhost-pretty.json': {
    format: 'testssl',
    variant: 'testssl.sh pretty JSON',
    counts: {
      'findings.total': 15,
      'findings.critical': 2,
      'findings.high': 4,
      'findings.medium': 2,
      'findings.low': 7,
    },
  },
  'tls/testssl-3.0.8-localhost.csv': {
    format: 'testssl',
    variant: 'testssl.sh CSV',
    counts: {
      'findings.total': 15,
      'findings.critical': 2,
      'findings.high': 4,
      'findings.medium': 2,
      'findings.low': 7,
    },
  },
  'tls/testssl-3.0.8-localhost.json': {
    format: 'testssl',
    variant: 'testssl.sh JSON',
    counts: {
      'findings.total': 15,
      'findings.critical': 2,
      'findings.high': 4,
      'findings.medium': 2,
      'findings.low': 7,
    },
  },
  'trivy/trivy-fs-misconfig-secrets.json': {
    format: 'trivy',
    variant: 'Trivy JSON (schema 2)',
    counts: {
      'findings.total': 5,
      'findings.critical': 2,
      'findings.high': 2,
      'findings.medium': 1,
    },
  },
  'trivy/trivy-image-debian-all-statuses.json': {
    format: 'trivy',
    variant: 'Trivy JSON (schema 2)',
    counts: { 'findings.total': 8, 'findings.low': 8 },
  },
  'trivy/trivy-image-schema2-alpine.json': {
    format: 'trivy',
    variant: 'Trivy JSON (schema 2)',
    counts: {
      'findings.total': 5,
      'findings.critical': 1,
      'findings.high': 1,
      'findings.medium': 3,
    },
  },
  'zap/dvwa_baseline.xml': {
    format: 'zap',
    variant: 'ZAP XML report',
    counts: { 'findings.total': 19, 'findings.medium': 4, 'findings.low': 8, 'findings.info': 7 },
  },
  'zap/zap-results-first-scan.xml': {
    format: 'zap',
    variant: 'ZAP XML report',
    counts: {
      'findings.total': 15,
      'findings.high': 4,
      'findings.medium': 3,
      'findings.low': 4,
      'findings.info': 4,
    },
  },
  'zap/zap-results-second-scan.xml': {
    format: 'zap',
    variant: 'ZAP XML report',
    counts: {
      'findings.total': 18,
      'findings.high': 4,
      'findings.medium': 3,
      'findings.low': 6,
      'findings.info': 5,
    },
  },
  'zap/zap-webgoat.json': {
    format: 'zap',
    variant: 'ZAP JSON report',
    counts: {
      'findings.total': 28,
      'findings.high': 3,
      'findings.medium': 5,
      'findings.low': 10,
      'findings.info': 10,
    },
  },
  'zap/zap-zero.webappsecurity.json': {
    format: 'zap',
    variant: 'ZAP JSON report',
    counts: {
      'findings.total': 13,
      'findings.high': 5,
      'findings.medium': 3,
      'findings.low': 3,
      'findings.info': 2,
    },
  },
};

function countsOf(summary: EvidenceSummary): Counts {
  const counts: Counts = {};
  if (summary.tests) {
    for (const key of ['total', 'passed', 'failed', 'errored', 'skipped', 'flaky'] as const) {
      counts[`tests.${key}`] = summary.tests[key];
    }
  }
  if (summary.findings) {
    counts['findings.total'] = summary.findings.total;
    for (const [key, value] of Object.entries(summary.findings.bySeverity)) {
      counts[`findings.${key}`] = value;
    }
  }
  if (summary.components) counts['components.total'] = summary.components.total;
  if (summary.checks) {
    for (const key of ['total', 'pass', 'fail', 'notApplicable', 'notChecked', 'error'] as const) {
      counts[`checks.${key}`] = summary.checks[key];
    }
  }
  if (summary.hosts) counts['openPorts'] = openPorts(summary).length;
  for (const [key, value] of Object.entries(summary.details)) {
    if (typeof value === 'number') counts[`details.${key}`] = value;
  }
  return counts;
}

async function inspectFixture(relative: string): Promise<EvidenceSummary> {
  const { outcome } = await inspectSource(await fileSource(sharedFixture(relative)));
  if (!outcome.ok) throw new Error(`${relative}: ${outcome.error}`);
  return outcome.summary;
}

function allFixtures(dir = sharedFixturesDir(), prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    const relative = prefix ? `${prefix}/${name}` : name;
    if (statSync(full).isDirectory()) return allFixtures(full, relative);
    return name === 'SOURCES.md' ? [] : [relative];
  });
}

describe('shared pipeline fixtures', () => {
  test('every fixture file is covered by this table', () => {
    expect(allFixtures().sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  test.each(Object.entries(EXPECTED))('%s', { timeout: 30_000 }, async (relative, expected) => {
    const summary = await inspectFixture(relative);
    expect(summary.format).toBe(expected.format);
    expect(summary.variant).toBe(expected.variant);
    // Every real tool output is understood by a reader and records a complete scan.
    expect(summary.recognised, 'recognised').toBe(!GENERIC_FORMATS.has(expected.format));
    expect(summary.scan).toEqual(expected.scan ?? { status: 'complete', reason: null });
    expect(summary.reader).toEqual(currentReader(summary.format));
    const actual = countsOf(summary);
    for (const [key, value] of Object.entries(expected.counts)) {
      expect(actual[key], key).toBe(value);
    }
    // Exact counts hold even though lists may be capped; every listed item is well formed.
    if (summary.findings) {
      for (const finding of summary.findings.items) {
        expect(finding.fingerprint.split(':')[0]).toBe(summary.format);
        expect(finding.fingerprint).toMatch(FINGERPRINT);
        expect(finding.rule).not.toBe('');
      }
      expect(summary.findings.items.length).toBe(Math.min(summary.findings.total, 5000));
    }
  });

  // Reads every fixture twice (Python and ours): a generous timeout for a shared, loaded machine.
  test('the counts agree with an independent Python reading of the same files', async () => {
    const run = spawnSync('python3', [localFixture('count-fixtures.py'), sharedFixturesDir()], {
      encoding: 'utf8',
    });
    expect(run.error, 'python3 must be installed (.ci/apt-packages.txt)').toBeUndefined();
    expect(run.status, run.stderr).toBe(0);
    const python = JSON.parse(run.stdout) as Record<string, Record<string, number | string[]>>;
    expect(Object.keys(python).length).toBeGreaterThan(50);
    for (const [relative, counts] of Object.entries(python)) {
      const summary = await inspectFixture(relative);
      const ours = countsOf(summary);
      for (const [key, value] of Object.entries(counts)) {
        if (key === 'openPorts') {
          const ports = openPorts(summary).map(
            (port) => `${port.host}/${port.protocol}/${port.port}`,
          );
          expect(ports.sort(), relative).toEqual(value);
        } else {
          expect(ours[key] ?? 0, `${relative} ${key}`).toBe(value);
        }
      }
    }
  }, 120_000);
});

describe('comparison with the previous scan', () => {
  test('the Nmap pair yields exactly the known drift', async () => {
    const previous = await inspectFixture('nmap/nmap-localhost-previous.xml');
    const current = await inspectFixture('nmap/nmap-localhost-current.xml');
    const drift = diffSummaries(previous, current, { expectedPorts: ['18080/tcp', '18443'] });
    expect(drift.ports?.opened.map((port) => port.port)).toEqual([18082, 18443]);
    expect(drift.ports?.closed.map((port) => port.port)).toEqual([18081]);
    expect(drift.ports?.changed).toEqual([]);
    expect(drift.ports?.unchanged).toBe(1);
    expect(drift.ports?.opened.find((port) => port.port === 18443)?.service).toMatch(/^ssl\/http/);
    // Only 18082 is open without being expected: it becomes a finding.
    expect(drift.unexpectedPorts.map((finding) => finding.location)).toEqual([
      '127.0.0.1:18082/tcp',
    ]);
  });

  test('the ZAP pair: findings new, fixed and unchanged by fingerprint', async () => {
    const first = await inspectFixture('zap/zap-results-first-scan.xml');
    const second = await inspectFixture('zap/zap-results-second-scan.xml');
    const drift = diffSummaries(first, second);
    const findings = drift.findings!;
    expect(findings.unchanged + findings.new.length).toBe(second.findings!.total);
    expect(findings.unchanged + findings.fixed.length).toBe(first.findings!.total);
    expect(findings.new.length).toBeGreaterThan(0);
  });
});
