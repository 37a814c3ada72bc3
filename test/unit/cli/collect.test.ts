import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { openAsBlob } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEvidenceBundle } from '../../../core/evidence-bundle/check';
import { repoFile, sharedFixture } from '../../fixtures';
import type { TestPki } from '../../tools/pki';
import { makePki } from '../../tools/pki';
import { opensslCmsVerify } from '../../tools/cms';
import { scratchDir } from '../../tools/reports';
import { mustRun, tool } from '../../tools/run';
import type { LocalTsa } from '../../tools/tsa';
import { startLocalTsa } from '../../tools/tsa';
import { runCommand } from './run';

/** The variables a GitHub Actions job sets, as the README's example would see them. */
const GITHUB = {
  GITHUB_ACTIONS: 'true',
  GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
  GITHUB_REPOSITORY: 'acme/payments',
  GITHUB_RUN_ID: '4242',
  GITHUB_RUN_ATTEMPT: '2',
  GITHUB_WORKFLOW: 'security',
  GITHUB_JOB: 'security',
  GITHUB_REF_NAME: 'main',
  GITHUB_SERVER_URL: 'https://github.com',
};

const GITLAB = {
  GITLAB_CI: 'true',
  CI_PROJECT_PATH: 'acme/billing',
  CI_COMMIT_SHA: 'fedcba9876543210fedcba9876543210fedcba98',
  CI_COMMIT_REF_NAME: 'release/2.1',
  CI_PIPELINE_ID: '99001',
  CI_PIPELINE_URL: 'https://gitlab.example.com/acme/billing/-/pipelines/99001',
  CI_JOB_NAME: 'scan',
  CI_JOB_ID: '555',
  CI_JOB_URL: 'https://gitlab.example.com/acme/billing/-/jobs/555',
  CI_SERVER_URL: 'https://gitlab.example.com',
};

const TRIVY = sharedFixture('trivy', 'trivy-image-schema2-alpine.json'); // 1 critical, 1 high, 3 medium
const ZAP = sharedFixture('zap', 'zap-results-first-scan.xml'); // 0 critical, 4 high, 3 medium, 4 low
const PYTEST = sharedFixture('junit', 'pytest-9-xunit2.xml'); // 2 failed, 1 errored of 9
const NMAP_BEFORE = sharedFixture('nmap', 'nmap-localhost-previous.xml');
const NMAP_NOW = sharedFixture('nmap', 'nmap-localhost-current.xml'); // 2 ports opened since

interface EvidenceJson {
  ok: boolean;
  files: {
    kind: string;
    ok: boolean;
    problems: string[];
    evidence: {
      id: string;
      system: string;
      repository: string | null;
      commit: string | null;
      ref: string | null;
      runUrl: string | null;
      pipeline: string | null;
      job: string | null;
      provenance: { sources: Record<string, string> };
      signature: { signer: string; valid: boolean; trusted: boolean; timestamp: unknown };
      gates: { gate: string; passed: boolean; failures: string[] }[];
      files: {
        name: string;
        sha256: string;
        size: number;
        format: string;
        summary: { tests: { failed: number } | null; findings: { critical: number } | null };
      }[];
    };
  }[];
}

function sha256Of(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** The `demo-ledger collect` line of the README's GitHub Actions job, as arguments. */
function readmeGithubCollect(): string[] {
  const readme = readFileSync(repoFile('README.md'), 'utf8');
  const start = readme.indexOf('**GitHub Actions**');
  const block = readme.slice(readme.indexOf('```yaml', start), readme.indexOf('\n```\n', start));
  const line = block.split('\n').find((text) => text.includes('demo-ledger collect'));
  if (line === undefined) throw new Error('the README has no GitHub Actions collect step');
  const words = line.trim().split(/\s+/);
  return words.slice(words.indexOf('collect'));
}

/** `openssl cms -verify` of the manifest's detached signature, extracted with `tar`. */
function opensslVerify(bundle: string, trust: string): { status: number; stderr: string } {
  const out = path.join(path.dirname(bundle), `${path.basename(bundle)}.x`);
  mkdirSync(out, { recursive: true });
  mustRun('tar', ['-xf', bundle, '-C', out]);
  return opensslCmsVerify(
    path.join(out, 'manifest.json.sig'),
    path.join(out, 'manifest.json'),
    trust,
  );
}

describe('demo-ledger collect and verify of evidence bundles', () => {
  let pki: TestPki;
  let dir: string;
  let env: Record<string, string>;
  let tsa: LocalTsa;
  const cwd = process.cwd();

  beforeAll(async () => {
    pki = makePki();
    tsa = await startLocalTsa(pki.caPem, pki.caKey, 5, pki.at);
    dir = scratchDir();
    env = { DEMO_LEDGER_PASSPHRASE: pki.passphrase, DEMO_LEDGER_IDENTITY: pki.ecP12 };
  }, 120_000);

  afterAll(async () => {
    process.chdir(cwd);
    await tsa.close();
  });

  async function collect(name: string, args: string[], extra: Record<string, string> = {}) {
    const file = path.join(dir, `${name}.dlevidence`);
    const run = await runCommand(['collect', ...args, '--out', file], { ...env, ...extra });
    return { code: run.code, text: run.out, err: run.err, file };
  }

  async function verifyJson(file: string, ...args: string[]): Promise<EvidenceJson> {
    const run = await runCommand(['verify', '--json', ...args, file]);
    return JSON.parse(run.out) as EvidenceJson;
  }

  it('runs the README’s GitHub Actions step with its variables: verify --trust and openssl cms accept the bundle', async () => {
    const job = path.join(dir, 'github-job');
    mkdirSync(job);
    copyFileSync(sharedFixture('junit', 'jest-junit-16.xml'), path.join(job, 'junit.xml'));
    copyFileSync(
      sharedFixture('trivy', 'trivy-fs-misconfig-secrets.json'),
      path.join(job, 'trivy.json'),
    );
    const identity = path.join(job, 'ci.p12');
    const secrets = { DEMO_LEDGER_PASSPHRASE: 'ci passphrase 1', DEMO_LEDGER_IDENTITY: identity };
    const created = await runCommand(
      // Ten years: openssl judges it on the machine's clock, which may run a year ahead.
      ['identity', 'create', '--cn', 'Payments CI', '--out', identity, '--days', '3650'],
      secrets,
    );
    expect(created.code, created.err).toBe(0);
    const args = readmeGithubCollect();
    expect(args).toContain('--out');
    process.chdir(job);
    let run: Awaited<ReturnType<typeof runCommand>>;
    try {
      run = await runCommand(args, { ...GITHUB, ...secrets });
    } finally {
      process.chdir(cwd);
    }
    // jest-junit-16.xml has a failed test and the scan two critical findings: both gates fail,
    // and the bundle is written all the same.
    expect(run.code, run.err).toBe(1);
    expect(run.err).toContain('2 gate(s) failed (critical, failed-tests)');
    expect(run.out).toContain('✗ critical: FAILED');
    const bundle = path.join(job, args[args.indexOf('--out') + 1] ?? '');
    const cert = path.join(job, 'ci.pem');

    const text = await runCommand(['verify', '--trust', cert, bundle]);
    expect(text.code, text.out).toBe(0);
    expect(text.out).toContain('VERIFIED (evidence)');
    expect(text.out).toContain('Gates: 2 of 2 FAILED when collected (critical, failed-tests)');
    expect(text.out).toMatch(/Signed by Payments CI, .*: valid, trusted/);

    const report = await verifyJson(bundle, '--trust', cert);
    expect(report.ok).toBe(true);
    const evidence = report.files[0]?.evidence;
    expect(evidence).toMatchObject({
      system: 'github-actions',
      repository: 'acme/payments',
      commit: GITHUB.GITHUB_SHA,
      ref: 'main',
      runUrl: 'https://github.com/acme/payments/actions/runs/4242',
      pipeline: 'security',
      job: 'security',
      signature: { signer: 'Payments CI', valid: true, trusted: true },
    });
    expect(evidence?.provenance.sources).toMatchObject({
      commit: 'GITHUB_SHA',
      runUrl: 'GITHUB_SERVER_URL + GITHUB_REPOSITORY + GITHUB_RUN_ID',
    });
    expect(evidence?.files.map(({ summary: _summary, ...file }) => file)).toEqual([
      {
        name: 'junit.xml',
        sha256: sha256Of(path.join(job, 'junit.xml')),
        size: readFileSync(path.join(job, 'junit.xml')).length,
        format: 'junit',
      },
      {
        name: 'trivy.json',
        sha256: sha256Of(path.join(job, 'trivy.json')),
        size: readFileSync(path.join(job, 'trivy.json')).length,
        format: 'trivy',
      },
    ]);
    expect(evidence?.files[0]?.summary.tests?.failed).toBe(1);
    expect(evidence?.files[1]?.summary.findings?.critical).toBe(2);

    const cms = opensslVerify(bundle, cert);
    expect(cms.stderr).toContain('Verification successful');
    expect(cms.status).toBe(0);
    const sums = tool('sha256sum', ['-c', 'SHA256SUMS'], { cwd: `${bundle}.x` });
    expect(sums.status, sums.stdout).toBe(0);
    expect(sums.stdout).toContain('manifest.json: OK');
  });

  it('records GitLab CI’s pipeline, job URL and commit; a CA-issued identity verifies through its CA', async () => {
    const run = await collect('gitlab', [ZAP], GITLAB);
    expect(run.code, run.err).toBe(0);
    expect(run.text).toContain('gates: none asked for');
    const report = await verifyJson(run.file, '--trust', pki.caPem);
    expect(report.ok).toBe(true);
    expect(report.files[0]?.evidence).toMatchObject({
      system: 'gitlab-ci',
      repository: 'acme/billing',
      commit: GITLAB.CI_COMMIT_SHA,
      ref: 'release/2.1',
      runUrl: GITLAB.CI_JOB_URL,
      pipeline: '99001',
      job: 'scan',
      signature: { signer: 'Dana Whitfield', valid: true, trusted: true },
    });
    expect(opensslVerify(run.file, pki.caPem).status).toBe(0);
  });

  it('reads Jenkins’s variables, strips credentials from its clone URL, and records --origin additions by source', async () => {
    const run = await collect('jenkins', [ZAP, '--origin', 'job=zap-baseline'], {
      JENKINS_URL: 'https://ci.example.com/',
      BUILD_URL: 'https://ci.example.com/job/payments/17/',
      BUILD_NUMBER: '17',
      JOB_NAME: 'payments',
      GIT_COMMIT: 'a'.repeat(40),
      GIT_URL: 'https://deploy:s3cret@git.example.com/acme/payments.git',
      GIT_BRANCH: 'origin/main',
    });
    expect(run.code, run.err).toBe(0);
    const report = await verifyJson(run.file, '--trust', pki.caPem);
    expect(report.files[0]?.evidence).toMatchObject({
      system: 'jenkins',
      repository: 'https://git.example.com/acme/payments.git',
      commit: 'a'.repeat(40),
      ref: 'origin/main',
      pipeline: 'payments',
      job: 'zap-baseline',
      runUrl: 'https://ci.example.com/job/payments/17/',
    });
    expect(report.files[0]?.evidence.provenance.sources).toMatchObject({
      job: '--origin',
      repository: 'GIT_URL',
    });
    expect(readFileSync(run.file).toString('latin1')).not.toContain('s3cret');
  });

  it.each([
    { gate: 'critical', files: [TRIVY], failure: 'trivy-image-schema2-alpine.json: 1 critical' },
    { gate: 'critical', files: [ZAP], failure: null },
    { gate: 'high', files: [ZAP], failure: 'zap-results-first-scan.xml: 4 high' },
    { gate: 'medium', files: [TRIVY], failure: '1 critical, 1 high, 3 medium' },
    { gate: 'low', files: [ZAP], failure: '4 high, 3 medium, 4 low' },
    { gate: 'failed-tests', files: [PYTEST], failure: '2 failed and 1 errored of 9 tests' },
    { gate: 'failed-tests', files: [ZAP], failure: null },
    { gate: 'failed-scan', files: [TRIVY], failure: null },
  ])(
    '--fail-on $gate over $files.0: fails exactly when it should, and writes the bundle either way',
    async ({ gate, files, failure }) => {
      const run = await collect(`gate-${gate}-${path.basename(files[0] ?? '')}`, [
        ...files,
        '--fail-on',
        gate,
      ]);
      expect(run.code, run.err).toBe(failure === null ? 0 : 1);
      const report = await verifyJson(run.file, '--trust', pki.caPem);
      expect(report.ok).toBe(true);
      const [outcome] = report.files[0]?.evidence.gates ?? [];
      expect(outcome?.gate).toBe(gate);
      expect(outcome?.passed).toBe(failure === null);
      if (failure !== null) {
        expect(outcome?.failures.join('\n')).toContain(failure);
        expect(run.text).toContain(failure);
        expect(run.err).toContain(`gate(s) failed (${gate})`);
      }
    },
  );

  it('--fail-on failed-scan fails a truncated report, which also fails the severity gates it cannot clear', async () => {
    const cut = path.join(dir, 'trivy-cut.json');
    writeFileSync(cut, readFileSync(TRIVY).subarray(0, 5000));
    const run = await collect('cut', [cut, PYTEST, '--fail-on', 'failed-scan,high']);
    expect(run.code).toBe(1);
    expect(run.text).toContain('trivy-cut.json: it could not be read');
    expect(run.text).toContain('trivy-cut.json: its findings are unknown');
    expect(run.err).toContain('2 gate(s) failed (failed-scan, high)');
  });

  it('--fail-on drift compares each file with the previous bundle’s: opened ports fail it, the same file passes', async () => {
    const before = path.join(dir, 'drift-before');
    const now = path.join(dir, 'drift-now');
    mkdirSync(before);
    mkdirSync(now);
    copyFileSync(NMAP_BEFORE, path.join(before, 'nmap.xml'));
    copyFileSync(NMAP_NOW, path.join(now, 'nmap.xml'));
    const previous = await collect('drift-previous', [path.join(before, 'nmap.xml')]);
    expect(previous.code, previous.err).toBe(0);
    const worse = await collect('drift-worse', [
      path.join(now, 'nmap.xml'),
      '--previous',
      previous.file,
      '--fail-on',
      'drift',
    ]);
    expect(worse.code, worse.err).toBe(1);
    expect(worse.text).toMatch(/previous bundle .*: verified/);
    expect(worse.text).toContain('nmap.xml: Ports opened (2)');
    const same = await collect('drift-same', [
      path.join(before, 'nmap.xml'),
      '--previous',
      previous.file,
      '--fail-on',
      'drift',
    ]);
    expect(same.code, same.err).toBe(0);
    const report = await verifyJson(worse.file, '--trust', pki.caPem);
    expect(report.files[0]?.evidence.gates[0]).toMatchObject({ gate: 'drift', passed: false });

    // A previous bundle signed by someone not trusted cannot vouch for what changed.
    const stranger = await collect('drift-stranger', [path.join(before, 'nmap.xml')], {
      DEMO_LEDGER_IDENTITY: pki.selfSignedP12,
    });
    expect(stranger.code, stranger.err).toBe(0);
    const refused = await collect('drift-refused', [
      path.join(before, 'nmap.xml'),
      '--previous',
      stranger.file,
      '--fail-on',
      'drift',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.text).toContain('previous bundle NOT RELIED ON');
    expect(refused.text).toContain('not trusted');
  });

  it.each([
    { args: [TRIVY, '--fail-on', 'severe'], message: '--fail-on takes critical, high' },
    { args: [TRIVY, '--fail-on', 'drift'], message: 'give --previous' },
    { args: [], message: 'name at least one FILE' },
    { args: [TRIVY, TRIVY], message: 'is given twice' },
    { args: [TRIVY, '--origin', 'commit=abc'], message: 'contradicts GITHUB_SHA' },
    { args: [TRIVY, '--origin', 'colour=blue'], message: '--origin takes KEY=VALUE' },
    { args: [path.join('no', 'such.json')], message: 'no such file' },
  ])('wrong usage ($message) exits 2 and writes nothing', async ({ args, message }) => {
    const run = await collect(`usage-${message.replace(/\W+/g, '-')}`, args, GITHUB);
    expect(run.code).toBe(2);
    expect(run.err).toContain(message);
    expect(existsSync(run.file)).toBe(false);
  });

  it('refuses a flipped byte in a stored file, the manifest or the signature; openssl cms refuses the changed manifest too', async () => {
    const run = await collect('flip', [TRIVY, NMAP_NOW], GITHUB);
    expect(run.code, run.err).toBe(0);
    const bytes = readFileSync(run.file);
    const checked = await checkEvidenceBundle(await openAsBlob(run.file), {
      trusted: [],
      policy: { allowUntrusted: true, requireSigned: false },
    });
    const trivyRange = checked.blobs.find((range) => range.sha256 === sha256Of(TRIVY));
    const text = bytes.toString('latin1');
    const manifestAt = text.indexOf('"provenance"');
    const signatureAt = bytes.length - 1024 - 200;
    const cases = [
      { name: 'stored', at: (trivyRange?.offset ?? 0) + 100, problem: 'files/' },
      { name: 'manifest', at: manifestAt + 2, problem: 'manifest' },
      { name: 'signature', at: signatureAt, problem: 'Signature' },
    ];
    for (const { name, at, problem } of cases) {
      const damaged = Buffer.from(bytes);
      damaged[at] = (damaged[at] ?? 0) ^ 0x01;
      const file = path.join(dir, `flipped-${name}.dlevidence`);
      writeFileSync(file, damaged);
      const verdict = await runCommand(['verify', '--trust', pki.caPem, file]);
      expect(verdict.code, `${name}: ${verdict.out}`).toBe(1);
      expect(verdict.out, name).toContain('FAILED');
      expect(verdict.out, name).toContain(problem);
      if (name === 'manifest') {
        const cms = opensslVerify(file, pki.caPem);
        expect(cms.status).not.toBe(0);
        expect(cms.stderr).toMatch(/digest failure|verification failure/i);
      }
    }
  });

  it('judges the signer under the one trust rule: untrusted fails, --allow-untrusted says so, another certificate fails', async () => {
    const run = await collect('trust', [ZAP], GITHUB);
    const untrusted = await runCommand(['verify', run.file]);
    expect(untrusted.code).toBe(1);
    expect(untrusted.out).toContain('the certificate is not trusted');
    const allowed = await runCommand(['verify', '--allow-untrusted', run.file]);
    expect(allowed.code, allowed.out).toBe(0);
    expect(allowed.out).toContain('accepted without trust (--allow-untrusted)');
    const other = await runCommand(['verify', '--trust', pki.selfSignedPem, run.file]);
    expect(other.code).toBe(1);
    expect(opensslVerify(run.file, pki.selfSignedPem).status).not.toBe(0);
  });

  it('gives the team locker what it files a bundle by: repository, id, time, signers and each stored file’s byte range', async () => {
    const run = await collect('locker', [TRIVY, PYTEST], GITHUB);
    const blob = await openAsBlob(run.file);
    const strict = await checkEvidenceBundle(blob, {
      trusted: [],
      policy: { allowUntrusted: false, requireSigned: true },
    });
    expect(strict.problems.join(' ')).toContain('not trusted');
    expect(strict.untrusted).toEqual(['Dana Whitfield']);
    const lenient = await checkEvidenceBundle(blob, {
      trusted: [],
      policy: { allowUntrusted: true, requireSigned: true },
    });
    expect(lenient.problems).toEqual([]);
    expect(lenient).toMatchObject({
      scope: 'acme/payments',
      signers: ['Dana Whitfield'],
      untrusted: ['Dana Whitfield'],
      size: readFileSync(run.file).length,
      sha256: sha256Of(run.file),
    });
    expect(lenient.createdAt?.toISOString()).toBe(lenient.manifest?.createdAt);
    const bytes = readFileSync(run.file);
    const expected = [TRIVY, PYTEST].map(sha256Of).sort();
    expect(lenient.blobs.map((range) => range.sha256).sort()).toEqual(expected);
    for (const range of lenient.blobs) {
      const content = bytes.subarray(range.offset, range.offset + range.size);
      expect(createHash('sha256').update(content).digest('hex')).toBe(range.sha256);
    }
  });

  it('adds an RFC 3161 timestamp with --tsa, which verify reports', async () => {
    const before = tsa.requests;
    const run = await collect('tsa', [ZAP, '--tsa', tsa.url], GITHUB);
    expect(run.code, run.err).toBe(0);
    expect(tsa.requests).toBe(before + 1);
    expect(run.text).toMatch(/timestamped \d{4}-/);
    const text = await runCommand(['verify', '--trust', pki.caPem, run.file]);
    expect(text.code, text.out).toBe(0);
    expect(text.out).toMatch(/Timestamp: \d{4}-.* from .*Demo Ledger Test TSA/);
    expect(opensslVerify(run.file, pki.caPem).status).toBe(0);
  });

  it('identity create writes a PKCS#12 openssl reads and a PEM, and never overwrites either', async () => {
    const out = path.join(dir, 'people', 'dana.p12');
    mkdirSync(path.dirname(out));
    const secrets = { DEMO_LEDGER_PASSPHRASE: 'long enough 1' };
    const created = await runCommand(
      ['identity', 'create', '--cn', 'Dana Whitfield', '--out', out, '--days', '30'],
      secrets,
    );
    expect(created.code, created.err).toBe(0);
    const pem = mustRun('openssl', [
      'pkcs12',
      '-in',
      out,
      '-nokeys',
      '-passin',
      'pass:long enough 1',
    ]);
    expect(pem).toMatch(/subject=CN ?= ?Dana Whitfield/);
    const cert = mustRun('openssl', [
      'x509',
      '-in',
      out.replace(/\.p12$/, '.pem'),
      '-noout',
      '-subject',
      '-enddate',
    ]);
    // --days 30 from the suite's instant, 2026-11-27T12:00Z.
    expect(cert).toMatch(/subject=CN ?= ?Dana Whitfield\nnotAfter=Dec 27 12:00:\d\d 2026 GMT/);
    const again = await runCommand(['identity', 'create', '--cn', 'Other', '--out', out], secrets);
    expect(again.code).toBe(1);
    expect(again.err).toContain('exists already; not overwritten');
    expect(readdirSync(path.dirname(out)).sort()).toEqual(['dana.p12', 'dana.pem']);
    const short = await runCommand(['identity', 'create', '--cn', 'X', '--out', `${out}2`], {
      DEMO_LEDGER_PASSPHRASE: 'short',
    });
    expect(short.code).toBe(2);
  });
});
