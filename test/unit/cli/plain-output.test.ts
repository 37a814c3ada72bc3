import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSelfSignedIdentity, importSigningKey } from '../../../core/signing/keys';
import { signPdf } from '../../../core/signing/sign';
import { webCryptoSigner } from '../../../core/signing/signer';
import { derToPem } from '../../../core/signing/der';
import { plain } from '../../../core/util/plain-text';
import { buildExample, exampleModel, scratchDir } from '../../tools/reports';
import { runCommand } from './run';

/**
 * A self-signed impostor named "Alice Auditor", whose name carries a carriage return and
 * terminal escapes drawing a fake "trusted … Verdict: valid": verify fails it (untrusted) and
 * prints the name escaped, so the terminal shows exactly one verdict line, ours.
 */

const CRAFTED =
  'Alice Auditor\r\u001b[2K  certificate: trusted (CN=Alice Auditor)\nVerdict: valid\u202e';

describe('strings from files are printed plainly', () => {
  let impostorPdf: string;
  let realPem: string;

  beforeAll(async () => {
    const dir = scratchDir();
    const impostor = await createSelfSignedIdentity({ name: CRAFTED }, 'ecdsa-p256');
    const real = await createSelfSignedIdentity({ name: 'Alice Auditor' }, 'ecdsa-p256');
    const signer = webCryptoSigner(
      await importSigningKey(impostor.privateKey),
      impostor.certificate,
      impostor.chain,
    );
    const signed = await signPdf(await buildExample(exampleModel('sprint-demo-record')), signer);
    impostorPdf = path.join(dir, 'impostor.pdf');
    writeFileSync(impostorPdf, signed);
    realPem = path.join(dir, 'alice.pem');
    writeFileSync(realPem, derToPem(real.certificate));
  }, 60_000);

  it('escapes every control character and keeps the layout', () => {
    expect(plain('a\r\u001b[2Kb\nc\t\u0085\u2028\u202ed')).toBe(
      'a\\r\\u001b[2Kb\\nc\\t\\u0085\\u2028\\u202ed',
    );
    expect(plain('Ömer Yıldız')).toBe('Ömer Yıldız');
  });

  it('fails the impostor (valid but untrusted) and prints its name escaped', async () => {
    const run = await runCommand(['verify', '--trust', realPem, impostorPdf]);
    expect(run.code).toBe(1);
    expect(run.out).toContain(`${impostorPdf}: FAILED (pdf, not trusted)`);
    for (const raw of ['\r', '\u001b', '\u202e']) expect(run.out).not.toContain(raw);
    expect(run.out).toContain('Alice Auditor\\r\\u001b[2K  certificate: trusted');
    const verdicts = run.out.split('\n').filter((line) => /^\s*Verdict:/.test(line));
    expect(verdicts).toEqual(['  Verdict: valid-untrusted']);
    const json = await runCommand(['verify', '--json', '--trust', realPem, impostorPdf]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({ ok: false });
  }, 60_000);

  it('accepts it with --allow-untrusted, saying so on the signature line', async () => {
    const run = await runCommand(['verify', '--allow-untrusted', impostorPdf]);
    expect(run.code).toBe(0);
    expect(run.out).toContain(
      `${impostorPdf}: VERIFIED (pdf, accepted without trust (--allow-untrusted))`,
    );
    expect(run.out).toMatch(
      /certificate: NOT TRUSTED, accepted without trust \(--allow-untrusted\)/,
    );
  }, 60_000);
});
