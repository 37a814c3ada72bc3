import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fileSource } from '../../../../cli/file-source';
import { ControlLibrary } from '../../../../core/catalog/library';
import type { Catalog } from '../../../../core/catalog/model';
import { Catalog as CatalogSchema } from '../../../../core/catalog/model';
import { SummaryBuilder } from '../../../../core/evidence/builder';
import { suggestControls } from '../../../../core/evidence/controls';
import { detectSource, inspectSource } from '../../../../core/evidence/inspect';
import { FORMAT_IDS } from '../../../../core/evidence/model';
import { FRAMEWORKS_DIR } from '../../../../scripts/frameworks/build';
import { sharedFixture } from '../../../fixtures';

/**
 * The catalogs name the evidence formats that can demonstrate a control with the ids the
 * evidence feature detects, so a dropped file's format leads straight to those controls.
 */

/** One real tool output per format the DevOps baseline names. */
const SAMPLE_OF: Readonly<Record<string, string>> = {
  cucumber: 'cucumber/cucumber-js-10-gauntlt-style-ports.json',
  junit: 'junit/jest-junit-16.xml',
  inspec: 'inspec/inspec-1.37-nginx-baseline-good.json',
  zap: 'zap/zap-webgoat.json',
  sarif: 'sarif/eslint-8-sarif-formatter.sarif',
  cyclonedx: 'cyclonedx/npm-sbom-cyclonedx-1.5.json',
  spdx: 'spdx/npm-sbom-spdx-2.3.json',
  'npm-audit': 'npm-audit/npm7plus-audit-many-vulns.json',
  trivy: 'trivy/trivy-fs-misconfig-secrets.json',
  grype: 'grype/grype-amazonlinux.json',
  arf: 'openscap/LARGE-oscap-1.3.7-ssg-debian-anssi-high-arf.xml.gz',
  xccdf: 'openscap/oscap-rhsa-oval-generated-xccdf-results.xml',
  lynis: 'lynis/lynis-report-one-warning.dat',
  hdf: 'hdf/hdf-small-overrides.json',
  testssl: 'tls/testssl-3.0.8-localhost.json',
  sslscan: 'tls/sslscan-2.0.7-localhost.xml',
  nmap: 'nmap/nmap-localhost-current.xml',
  jira: 'jira/perceval-jira-search-page1-fiware.json',
  oscal: 'oscal/ifa_assessment-results-example.json',
};

let catalogs: Catalog[];
let library: ControlLibrary;
beforeAll(() => {
  const manifest = JSON.parse(readFileSync(path.join(FRAMEWORKS_DIR, 'manifest.json'), 'utf8')) as {
    id: string;
  }[];
  catalogs = manifest.map(({ id }) =>
    CatalogSchema.parse(JSON.parse(readFileSync(path.join(FRAMEWORKS_DIR, `${id}.json`), 'utf8'))),
  );
  library = new ControlLibrary(catalogs);
});

describe('evidence formats named by the catalogs', () => {
  it('are all formats the evidence feature detects', () => {
    const known = new Set<string>(FORMAT_IDS);
    const named = catalogs.flatMap((catalog) =>
      catalog.controls.flatMap((control) => control.evidence ?? []),
    );
    expect(named.length).toBeGreaterThan(20);
    expect(named.filter((format) => !known.has(format))).toEqual([]);
  });

  it('are what a real file of that kind is detected as, so its controls are found', async () => {
    const baseline = catalogs.find((catalog) => catalog.id === 'devops-baseline');
    const named = new Set(baseline?.controls.flatMap((control) => control.evidence ?? []));
    expect([...named].sort()).toEqual(Object.keys(SAMPLE_OF).sort());
    for (const [format, fixture] of Object.entries(SAMPLE_OF)) {
      const detection = await detectSource(await fileSource(sharedFixture(fixture)));
      expect(detection.format, fixture).toBe(format);
      const controls = library.demonstratedBy(detection.format).map((control) => control.ref);
      const expected = (baseline?.controls ?? [])
        .filter((control) => control.evidence?.includes(format))
        .map((control) => `devops-baseline#${control.id}`);
      expect(controls, format).toEqual(expected);
    }
  });

  it('an Nmap scan and a SARIF report suggest the baseline controls they demonstrate', async () => {
    const nmap = await inspectSource(await fileSource(sharedFixture(SAMPLE_OF['nmap'] ?? '')));
    expect(nmap.outcome.ok).toBe(true);
    if (!nmap.outcome.ok) return;
    const suggestions = suggestControls(nmap.outcome.summary, library);
    expect(suggestions).toContainEqual({
      ref: 'devops-baseline#DSB-07',
      reason: 'DevOps security baseline: Only expected ports open, compared with the previous scan',
    });
    // The NIST mappings by format still come first, each control once.
    expect(suggestions[0]?.ref).toMatch(/^nist-sp-800-53-rev5#/);
    expect(new Set(suggestions.map((s) => s.ref)).size).toBe(suggestions.length);

    const sarif = suggestControls(new SummaryBuilder('sarif').build(), library).map((s) => s.ref);
    expect(sarif).toContain('devops-baseline#DSB-02');
    expect(sarif).not.toContain('devops-baseline#DSB-07');
    // Without catalogs, only the built-in mappings.
    expect(suggestControls(new SummaryBuilder('sarif').build()).map((s) => s.ref)).not.toContain(
      'devops-baseline#DSB-02',
    );
    // A generic text file is named by no catalog.
    expect(suggestControls(new SummaryBuilder('text').build(), library)).toEqual([]);
  });
});
