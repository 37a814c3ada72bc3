import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../cli/commands';
import { runCli } from '../../cli/main';
import { sharedFixture } from '../fixtures';
import { engine, locker, missing, newBucket, scratch } from './support';

/**
 * Evidence bundles signed in a pipeline (`demo-ledger collect`) in the team locker: filed by the
 * repository their provenance names, their reports stored once as blobs, pulled back byte for
 * byte and verified, and refused when their signer is not trusted.
 */

const live = engine;
const describeLive = live === null ? describe.skip : describe;
if (live === null) console.warn(`Locker tests skipped: ${missing}`);

const GITHUB = {
  GITHUB_ACTIONS: 'true',
  GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
  GITHUB_REPOSITORY: 'acme/payments',
  GITHUB_RUN_ID: '4242',
  GITHUB_WORKFLOW: 'security',
  GITHUB_JOB: 'scan',
  GITHUB_REF_NAME: 'main',
  GITHUB_SERVER_URL: 'https://github.com',
};

async function demoLedger(args: string[], env: Record<string, string>): Promise<string> {
  const out: string[] = [];
  const code = await runCli(args, { name: 'demo-ledger', version: 'test' }, COMMANDS, {
    stdout: (text) => out.push(text),
    stderr: (text) => out.push(text),
    env,
  });
  if (code !== 0) throw new Error(`demo-ledger ${args[0]} exited ${code}: ${out.join('')}`);
  return out.join('');
}

describeLive('evidence bundles in the team locker', () => {
  if (live === null) return;

  it('push files a collected bundle by repository; pull gives it back verified; an untrusted signer is refused', async () => {
    const dir = scratch();
    const secrets = { DEMO_LEDGER_PASSPHRASE: 'ci passphrase for the locker' };
    const identity = path.join(dir, 'ci.p12');
    await demoLedger(['identity', 'create', '--cn', 'Payments CI', '--out', identity], secrets);
    const certificate = identity.replace(/\.p12$/, '.pem');
    const bundle = path.join(dir, 'scan.dlevidence');
    const reports = [
      sharedFixture('nmap', 'nmap-localhost-current.xml'),
      sharedFixture('trivy', 'trivy-image-schema2-alpine.json'),
    ];
    await demoLedger(['collect', ...reports, '--out', bundle, '--identity', identity], {
      ...secrets,
      ...GITHUB,
    });

    const bucket = newBucket();
    const at = ['--bucket', bucket, '--endpoint', live.endpoint];
    const init = await locker(live, ['init', '--retention-days', '2', '--yes', ...at]);
    expect(init.code, init.err).toBe(0);

    const refused = await locker(live, ['push', bundle, ...at]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('not trusted');

    const pushed = await locker(live, ['push', bundle, '--trust', certificate, '--json', ...at]);
    expect(pushed.code, pushed.out + pushed.err).toBe(0);
    const report = JSON.parse(pushed.out) as {
      files: { key: string; blobs: Record<string, number>; signers: string[] }[];
    };
    expect(report.files[0]?.key).toMatch(
      /^bundles\/evidence\/acme_payments-[0-9a-f]{8}\/\d{8}T\d{6}Z-[A-Za-z0-9-]+\.dlevidence$/,
    );
    expect(report.files[0]?.blobs).toEqual({ total: 2, uploaded: 2, alreadyStored: 0 });
    expect(report.files[0]?.signers).toEqual(['Payments CI']);

    const out = scratch();
    const pulled = await locker(live, ['pull', '--out', out, '--trust', certificate, ...at]);
    expect(pulled.code, pulled.err).toBe(0);
    const [back = ''] = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((name) =>
      name.endsWith('.dlevidence'),
    );
    expect(back).toMatch(/^evidence\/acme_payments-[0-9a-f]{8}\/.+\.dlevidence$/);
    expect(readFileSync(path.join(out, back)).equals(readFileSync(bundle))).toBe(true);

    const verified = await locker(live, ['verify', '--trust', certificate, ...at]);
    expect(verified.code, verified.out).toBe(0);
    expect(verified.out).toContain('(2 files, 1 bundles)');
    expect(verified.out).toContain('Verdict: intact.');
  });
});
