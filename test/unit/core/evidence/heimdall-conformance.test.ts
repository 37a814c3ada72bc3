import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { fileSource } from '../../../../cli/file-source';
import { inspectSource } from '../../../../core/evidence/inspect';
import type { EvidenceSummary } from '../../../../core/evidence/model';
import { localFixture, sharedFixture } from '../../../fixtures';
import type { FiveTotals } from '../../../tools/heimdall';
import { heimdallChecks, totalsOf } from '../../../tools/heimdall';

/**
 * Every real InSpec and HDF file we have counts here as MITRE Heimdall counts it: the shared
 * fixtures and Heimdall's own sample files (test/fixtures/heimdall, see SOURCES.md), each check
 * by check against inspecjs (test/tools/heimdall.ts), and, where Heimdall's test suite states
 * expected counts for the file, against those numbers too.
 */

/**
 * heimdall2 apps/frontend/tests/hdf_data/counts/<file>.info.counts, read at the commits named in
 * test/fixtures/SOURCES.md: failed, passed, no_impact, skipped and error totals, which Heimdall's
 * parsing_and_counting.spec.ts compares with its Failed, Passed, Not Applicable, Not Reviewed
 * and Profile Error counts.
 */
const HEIMDALL_EXPECTED: Record<string, FiveTotals> = {
  'heimdall/bad_nginx.json.gz': { fail: 3, pass: 34, notApplicable: 1, notChecked: 3, error: 0 },
  'heimdall/cis-aws-foundations-baseline.json.gz': {
    fail: 6,
    pass: 40,
    notApplicable: 0,
    notChecked: 6,
    error: 0,
  },
  'heimdall/fortify_h_tools_conv_webgoat.json.gz': {
    fail: 53,
    pass: 0,
    notApplicable: 0,
    notChecked: 0,
    error: 0,
  },
  'heimdall/owasp_zap_webgoat.json.gz': {
    fail: 25,
    pass: 0,
    notApplicable: 0,
    notChecked: 0,
    error: 0,
  },
  'heimdall/owasp_zap_zero.webappsecurity.json.gz': {
    fail: 13,
    pass: 0,
    notApplicable: 0,
    notChecked: 0,
    error: 0,
  },
  'heimdall/sonarqube_java_sample.json.gz': {
    fail: 3,
    pass: 0,
    notApplicable: 0,
    notChecked: 0,
    error: 0,
  },
  'heimdall/ubuntu-16.04-baseline-results.json.gz': {
    fail: 138,
    pass: 87,
    notApplicable: 0,
    notChecked: 4,
    error: 1,
  },
  // The shared fixtures are the same bytes as Heimdall's good_nginxresults.json and
  // aws-s3-baseline.json.
  'inspec/inspec-1.37-nginx-baseline-good.json': {
    fail: 0,
    pass: 37,
    notApplicable: 1,
    notChecked: 3,
    error: 0,
  },
  'inspec/inspec-3.0.46-aws-s3-baseline.json': {
    fail: 2,
    pass: 0,
    notApplicable: 0,
    notChecked: 0,
    error: 0,
  },
};

interface Sample {
  name: string;
  path: string;
  text: () => string;
}

function sharedSamples(): Sample[] {
  return ['inspec', 'hdf'].flatMap((folder) =>
    readdirSync(sharedFixture(folder))
      .filter((name) => name.endsWith('.json') && !name.startsWith('schema-'))
      .map((name) => {
        const path = sharedFixture(folder, name);
        return { name: `${folder}/${name}`, path, text: () => readFileSync(path, 'utf8') };
      }),
  );
}

function heimdallSamples(): Sample[] {
  return readdirSync(localFixture('heimdall'))
    .filter((name) => name.endsWith('.json.gz'))
    .map((name) => {
      const path = localFixture('heimdall', name);
      return {
        name: `heimdall/${name}`,
        path,
        text: () => gunzipSync(readFileSync(path)).toString('utf8'),
      };
    });
}

async function summaryOf(path: string): Promise<EvidenceSummary> {
  const { outcome } = await inspectSource(await fileSource(path));
  if (!outcome.ok) throw new Error(`${path}: ${outcome.error}`);
  return outcome.summary;
}

const samples = [...sharedSamples(), ...heimdallSamples()];

// Files of several megabytes, read twice each on a shared, loaded machine: generous timeouts.
describe('InSpec and HDF files count as Heimdall counts them', { timeout: 60_000 }, () => {
  test('every sample is here: the shared InSpec and HDF files and Heimdall’s own', () => {
    expect(samples.length).toBeGreaterThanOrEqual(22);
    for (const name of Object.keys(HEIMDALL_EXPECTED))
      expect(samples.map((sample) => sample.name)).toContain(name);
  });

  test.each(samples.map((sample) => [sample.name, sample] as const))('%s', async (name, sample) => {
    const summary = await summaryOf(sample.path);
    expect(['inspec', 'hdf']).toContain(summary.format);
    const heimdall = heimdallChecks(sample.text());
    const checks = summary.checks!;
    expect(checks.total).toBe(heimdall.length);
    expect(checks.items.map(({ id, status, severity }) => ({ id, status, severity }))).toEqual(
      heimdall,
    );
    const ours = totalsOf(checks.items);
    expect(ours).toEqual(totalsOf(heimdall));
    expect(ours).toEqual({
      pass: checks.pass,
      fail: checks.fail,
      notApplicable: checks.notApplicable,
      notChecked: checks.notChecked,
      error: checks.error,
    });
    const expected = HEIMDALL_EXPECTED[name];
    if (expected) expect(ours).toEqual(expected);
  });

  test('overlay runs count each control once: 3 profiles of 247 controls are 247 checks', async () => {
    const summary = await summaryOf(localFixture('heimdall', 'example-3-layer-overlay.json.gz'));
    expect(summary.checks).toMatchObject({
      total: 247,
      pass: 73,
      fail: 138,
      notApplicable: 27,
      notChecked: 9,
      error: 0,
    });
    expect(summary.details['overlaidControls']).toBe(494);
  });
});
