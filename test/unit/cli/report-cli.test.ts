import { assessmentResultsValidator } from '../../tools/oscal';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../cli/commands';
import { runCli } from '../../../cli/main';
import type { VerifyReport } from '../../../core/signing/verify/index';
import { repoFile, sharedFixture } from '../../fixtures';
import type { TestPki } from '../../tools/pki';
import { makePki, nssDatabaseTrusting } from '../../tools/pki';
import type { LocalTsa } from '../../tools/tsa';
import { startLocalTsa } from '../../tools/tsa';
import { scratchDir } from '../../tools/reports';
import { mustRun } from '../../tools/run';

/** `verify --json` reports every file; a PDF's own report is under `pdf`. */
function pdfReportOf(stdout: string): VerifyReport {
  const parsed = JSON.parse(stdout) as { files: Array<{ kind: string; pdf: VerifyReport }> };
  const [file] = parsed.files;
  if (file?.kind !== 'pdf') throw new Error(`expected a PDF report, got ${stdout.slice(0, 200)}`);
  return file.pdf;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { name: 'demo-ledger', version: 'test' }, COMMANDS, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env,
  });
  return { code, stdout, stderr };
}

const MODEL = repoFile('templates/reports/examples/sprint-demo-record.json');

describe('demo-ledger report, cosign and verify', () => {
  let pki: TestPki;
  let tsa: LocalTsa;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    pki = makePki();
    tsa = await startLocalTsa(pki.caPem, pki.caKey, 20, pki.at);
    dir = scratchDir();
    env = { DEMO_LEDGER_PASSPHRASE: pki.passphrase };
  }, 120_000);

  afterAll(async () => {
    await tsa.close();
  });

  it('builds and signs a report with the evidence embedded; pdfdetach lists it and the files match their hashes', async () => {
    const out = path.join(dir, 'report.pdf');
    const run = await cli(
      ['report', MODEL, '--identity', pki.ecP12, '--out', out, '--evidence', sharedFixture()],
      env,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('4 evidence file(s) embedded, signed');

    expect(mustRun('pdfsig', [out])).toContain('Signature is Valid.');
    expect(mustRun('qpdf', ['--check', out])).toContain('No syntax or stream encoding errors');
    const listing = mustRun('pdfdetach', ['-list', out]);
    expect(listing).toContain('5 embedded files');
    expect(listing).toContain('evidence-manifest.json');
    const extracted = path.join(dir, 'extracted');
    mkdirSync(extracted);
    mustRun('pdfdetach', ['-saveall', '-o', extracted, out]);
    const manifest = JSON.parse(
      readFileSync(path.join(extracted, 'evidence-manifest.json'), 'utf8'),
    ) as {
      files: { sha256: string; embeddedAs: string | null; size: number }[];
    };
    expect(readdirSync(extracted)).toHaveLength(5);
    for (const entry of manifest.files) {
      expect(entry.embeddedAs).not.toBeNull();
      const bytes = readFileSync(path.join(extracted, entry.embeddedAs ?? ''));
      expect(bytes.length).toBe(entry.size);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry.sha256);
    }
    const verify = await cli(['verify', out, '--json', '--trust', pki.caPem]);
    const report = pdfReportOf(verify.stdout);
    expect(verify.code).toBe(0);
    expect(report.verdict).toBe('valid');
    expect(report.manifest.files.map((file) => file.status)).toEqual([
      'match',
      'match',
      'match',
      'match',
    ]);
  }, 120_000);

  it('is trusted by pdfsig through an NSS database holding the test CA', async () => {
    const out = path.join(dir, 'trusted.pdf');
    expect((await cli(['report', MODEL, '--identity', pki.rsaP12, '--out', out], env)).code).toBe(
      0,
    );
    expect(mustRun('pdfsig', [out])).not.toContain('Certificate is Trusted.');
    const output = mustRun('pdfsig', ['-nssdir', `sql:${nssDatabaseTrusting(pki)}`, out]);
    expect(output).toContain('Signature is Valid.');
    expect(output).toContain('Certificate Validation: Certificate is Trusted.');
    const text = await cli(['verify', out, '--trust', pki.caPem, '--require-trust']);
    expect(text.code).toBe(0);
    // The same answer pdfsig gives, and why: the CA passed with --trust.
    expect(text.stdout).toContain(
      `certificate: trusted: issued by a CA passed with --trust (${path.basename(pki.caPem)}) (`,
    );
    expect(text.stdout).toContain('Verdict: valid');
  }, 120_000);

  it('co-signs: both signatures valid, the first no longer covers the whole file', async () => {
    const first = path.join(dir, 'first.pdf');
    const second = path.join(dir, 'cosigned.pdf');
    expect((await cli(['report', MODEL, '--identity', pki.ecP12, '--out', first], env)).code).toBe(
      0,
    );
    const cosign = await cli(['cosign', first, '--identity', pki.rsaP12, '--out', second], env);
    expect(cosign.code).toBe(0);
    expect(cosign.stdout).toContain('signature 2 added by Ömer Yıldız');
    const output = mustRun('pdfsig', [second]);
    expect(output.match(/Signature is Valid\./g)).toHaveLength(2);
    expect(output).toContain('Not total document signed');
    const verify = await cli(['verify', second, '--json', '--trust', pki.caPem]);
    expect(pdfReportOf(verify.stdout).verdict).toBe('valid');
  }, 120_000);

  it('refuses to co-sign, and fails verification of, a file with an unsigned update appended', async () => {
    const signed = path.join(dir, 'base.pdf');
    expect((await cli(['report', MODEL, '--identity', pki.ecP12, '--out', signed], env)).code).toBe(
      0,
    );
    const bytes = readFileSync(signed);
    const forged = path.join(dir, 'forged.pdf');
    writeFileSync(
      forged,
      Buffer.concat([bytes, Buffer.from('\n99 0 obj\n(added later)\nendobj\n')]),
    );
    const verify = await cli(['verify', forged]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain('TAMPERING');
    expect(verify.stdout).toContain('Verdict: tampered');
    const cosign = await cli(
      ['cosign', forged, '--identity', pki.rsaP12, '--out', path.join(dir, 'never.pdf')],
      env,
    );
    expect(cosign.code).toBe(1);
    expect(cosign.stderr).toContain('not co-signed');
  }, 120_000);

  it('adds an RFC 3161 timestamp from a local openssl TSA, which the verifier reports', async () => {
    const out = path.join(dir, 'timestamped.pdf');
    const before = tsa.requests;
    const run = await cli(
      ['report', MODEL, '--identity', pki.ecP12, '--out', out, '--tsa', tsa.url],
      env,
    );
    expect(run.stderr).toBe('');
    expect(tsa.requests).toBe(before + 1);
    expect(mustRun('pdfsig', [out])).toContain('Signature is Valid.');
    const verify = await cli(['verify', out, '--json', '--trust', pki.caPem]);
    const [signature] = pdfReportOf(verify.stdout).signatures;
    expect(signature?.timestamp?.imprintMatches).toBe(true);
    expect(signature?.timestamp?.signatureValid).toBe(true);
    expect(signature?.timestamp?.authority).toContain('CN=Demo Ledger Test TSA');
    expect(signature?.timestamp?.trust.trusted).toBe(true);
    // The authority is an outside process on the machine's own clock, which the pinned Date
    // does not move; performance's clock is the machine's.
    const machineNow = performance.timeOrigin + performance.now();
    expect(Math.abs(Date.parse(signature?.timestamp?.time ?? '') - machineNow)).toBeLessThan(
      120_000,
    );
    expect((await cli(['verify', out])).stdout).toMatch(
      /timestamp: \S+ from CN=Demo Ledger Test TSA/,
    );
  }, 120_000);

  it('takes the passphrase only from the environment or a prompt, and names a wrong one', async () => {
    const out = path.join(dir, 'never.pdf');
    const missing = await cli(['report', MODEL, '--identity', pki.ecP12, '--out', out]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('DEMO_LEDGER_PASSPHRASE');
    const wrong = await cli(['report', MODEL, '--identity', pki.ecP12, '--out', out], {
      DEMO_LEDGER_PASSPHRASE: 'not it at all',
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('Wrong password');
    const onCommandLine = await cli([
      'report',
      MODEL,
      '--identity',
      pki.ecP12,
      '--out',
      out,
      '--passphrase',
      'x',
    ]);
    expect(onCommandLine.code).toBe(2);
    expect(onCommandLine.stderr).toMatch(/unknown option '--passphrase'/i);
  }, 300_000);

  it('exports OSCAL assessment results that validate against the NIST schema', async () => {
    const validate = assessmentResultsValidator();
    for (const kind of ['sprint-demo-record', 'control-evidence-matrix']) {
      const run = await cli(['oscal', repoFile('templates/reports/examples', `${kind}.json`)]);
      expect(run.code).toBe(0);
      const results = JSON.parse(run.stdout) as {
        'assessment-results': {
          results: { findings?: unknown[] }[];
          'back-matter': { resources: { rlinks?: { hashes: { value: string }[] }[] }[] };
        };
      };
      expect(validate(results), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      const ar = results['assessment-results'];
      expect(ar.results.flatMap((result) => result.findings ?? []).length).toBeGreaterThan(0);
      expect(
        ar['back-matter'].resources
          .flatMap((resource) => resource.rlinks ?? [])
          .map((link) => link.hashes[0]?.value),
      ).toContain('803cb06b012ddbee4c17207b61a24227876f3ee9a691d506b9414488db00aea5');
    }
    // A sprint with nothing recorded yet (what the app exports before a demo) is valid too.
    const bare = path.join(dir, 'bare.json');
    writeFileSync(
      bare,
      JSON.stringify({
        schemaVersion: 1,
        kind: 'sprint-demo-record',
        id: 'DL-BARE',
        title: 'Sprint 1 demo',
        generatedAt: '2026-11-26T10:00:00Z',
        workspace: { name: 'Empty' },
        period: { start: '2026-11-16', end: '2026-11-27' },
      }),
    );
    const bareRun = await cli(['oscal', bare]);
    expect(bareRun.code).toBe(0);
    expect(validate(JSON.parse(bareRun.stdout)), JSON.stringify(validate.errors?.slice(0, 3))).toBe(
      true,
    );
    // The validator does reject what the schema forbids.
    expect(validate({ 'assessment-results': { uuid: 'not-a-uuid' } })).toBe(false);
  }, 300_000);
});
