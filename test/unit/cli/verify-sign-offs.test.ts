import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SIGN_OFF_FORMAT, statementText } from '../../../core/demo/sign-off';
import type { SignOffStatement } from '../../../core/demo/sign-off';
import { SIGN_OFFS_FILE_NAME } from '../../../core/demo/sign-offs-file';
import { signDetached } from '../../../core/signing/detached';
import type { IdentityMaterial } from '../../../core/signing/keys';
import { readPkcs12 } from '../../../core/signing/keys';
import { toBase64 } from '../../../core/util/bytes';
import { repoFile } from '../../fixtures';
import { signerOf } from '../../support/bundle-files';
import type { TestPki } from '../../tools/pki';
import { emptyRevocationList, makePki, readBytes } from '../../tools/pki';
import { scratchDir } from '../../tools/reports';
import { mustRun } from '../../tools/run';
import { runCommand } from './run';

/**
 * A report whose demo two people signed off, each with their own identity: `verify` names both
 * certificates and checks each signature under the trust rule; pdfdetach and openssl cms are the
 * outside judges of the attached sign-offs.
 */

const DEMO_ID = '6f1c1e5a-3b7d-4c59-9a4e-0c2b8d1f7e21';
const RECORD_DIGEST = 'ab'.repeat(32);
const OTHER_DIGEST = 'cd'.repeat(32);

interface SignedBy {
  identity: IdentityMaterial;
  role: SignOffStatement['role'];
  digest?: string;
}

describe('demo-ledger verify: demo sign-offs in a report', () => {
  let pki: TestPki;
  let dana: IdentityMaterial;
  let omer: IdentityMaterial;
  let dir: string;

  beforeAll(async () => {
    pki = makePki();
    dana = await readPkcs12(readBytes(pki.ecP12), pki.passphrase);
    omer = await readPkcs12(readBytes(pki.rsaP12), pki.passphrase);
    dir = scratchDir();
  }, 120_000);

  async function reportSignedOffBy(name: string, people: SignedBy[]): Promise<string> {
    const model = JSON.parse(
      readFileSync(repoFile('templates/reports/examples/sprint-demo-record.json'), 'utf8')
        // Demo ids are the app's UUIDs, as a sign-off statement names them.
        .replaceAll('"demo-14"', `"${DEMO_ID}"`),
    ) as { demos: Record<string, unknown>[] };
    const demo = model.demos[0] ?? {};
    const signOffs = [];
    for (const person of people) {
      const statement = statementText({
        format: SIGN_OFF_FORMAT,
        version: 1,
        demo: DEMO_ID,
        title: String(demo['label']),
        date: String(demo['date']),
        amendment: null,
        digestVersion: 2,
        digest: person.digest ?? RECORD_DIGEST,
        role: person.role,
      });
      const signature = await signDetached(
        new TextEncoder().encode(statement),
        await signerOf(person.identity),
        pki.at,
      );
      signOffs.push({
        kind: 'signature',
        by: 'as the app read the certificate',
        role: person.role,
        at: pki.at.toISOString(),
        digest: person.digest ?? RECORD_DIGEST,
        digestVersion: 2,
        statement,
        signature: toBase64(signature),
      });
    }
    signOffs.push({
      kind: 'legacy',
      by: 'Sam Typed',
      role: 'Auditor',
      at: '2025-03-01T10:00:00.000Z',
      digest: 'ef'.repeat(32),
    });
    model.demos[0] = {
      ...demo,
      recordDigest: RECORD_DIGEST,
      recordDigestVersion: 2,
      signOffs,
    };
    const modelFile = path.join(dir, `${name}.json`);
    writeFileSync(modelFile, JSON.stringify(model));
    const out = path.join(dir, `${name}.pdf`);
    const built = await runCommand(['report', modelFile, '--identity', pki.ecP12, '--out', out], {
      DEMO_LEDGER_PASSPHRASE: pki.passphrase,
    });
    expect(built.err).toBe('');
    expect(built.code).toBe(0);
    return out;
  }

  it('names every signer’s certificate, checks each signature, and lists legacy ones as unsigned', async () => {
    const pdf = await reportSignedOffBy('two-people', [
      { identity: dana, role: 'auditor' },
      { identity: omer, role: 'security' },
    ]);
    const crl = path.join(dir, 'ca.crl');
    writeFileSync(crl, emptyRevocationList(pki, 'auditor-ec'));

    const result = await runCommand(['verify', '--trust', pki.caPem, '--crl', crl, pdf]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      /Sign-off of Sprint 14 \(CN=Dana Whitfield[^)]*\) \[certificate SHA-256 [0-9a-f]{64}\], .*: valid, trusted: issued by a CA passed with --trust \(([^)]+)\); signs the record as shown\. The certificate was valid when it signed .*it is not revoked in the revocation list of CN=Demo Ledger Test Root CA/,
    );
    // Why it is trusted names the --trust file it chains to, as the app names its trust list.
    expect(result.out).toContain(
      `trusted: issued by a CA passed with --trust (${path.basename(pki.caPem)})`,
    );
    expect(result.out).toMatch(/Sign-off of Sprint 14 \(CN=Ömer Yıldız[^)]*\) .*: valid, trusted/);
    expect(result.out).toContain('Sign-off of Sprint 14 (Sam Typed (Auditor))');
    expect(result.out).toContain('legacy, unsigned');

    // Outside judges: the file is attached, and openssl checks each signature over its statement.
    expect(mustRun('pdfdetach', ['-list', pdf])).toContain(SIGN_OFFS_FILE_NAME);
    const extracted = path.join(dir, 'extracted');
    mkdirSync(extracted, { recursive: true });
    mustRun('pdfdetach', ['-saveall', '-o', extracted, pdf]);
    const file = JSON.parse(readFileSync(path.join(extracted, SIGN_OFFS_FILE_NAME), 'utf8')) as {
      demos: { signatures: { statement: string; signature: string }[] }[];
    };
    const signatures = file.demos[0]?.signatures ?? [];
    expect(signatures).toHaveLength(2);
    for (const [index, entry] of signatures.entries()) {
      const statement = path.join(extracted, `statement-${index}.json`);
      const signature = path.join(extracted, `signature-${index}.der`);
      writeFileSync(statement, entry.statement);
      writeFileSync(signature, Buffer.from(entry.signature, 'base64'));
      mustRun('openssl', [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        signature,
        '-content',
        statement,
        '-CAfile',
        pki.caPem,
        '-purpose',
        'any',
        '-out',
        '/dev/null',
      ]);
    }

    const json = JSON.parse(
      (await runCommand(['verify', '--json', '--trust', pki.caPem, pdf])).out,
    ) as {
      files: {
        pdf: {
          signOffs: { lines: { signer: string; fingerprint: string | null; valid: boolean }[] };
        };
      }[];
    };
    const lines = json.files[0]?.pdf.signOffs.lines ?? [];
    expect(lines.filter((line) => line.valid).map((line) => line.signer)).toEqual([
      expect.stringContaining('Dana Whitfield') as string,
      expect.stringContaining('Ömer Yıldız') as string,
    ]);
    expect(new Set(lines.map((line) => line.fingerprint)).size).toBe(3);
  });

  it('fails a sign-off by an untrusted certificate unless --allow-untrusted, and says revocation was not checked', async () => {
    const pdf = await reportSignedOffBy('untrusted', [{ identity: dana, role: 'auditor' }]);
    const strict = await runCommand(['verify', '--trust', pki.caPem, pdf]);
    expect(strict.code).toBe(0);
    expect(strict.out).toContain(
      'revocation not checked: no revocation list of CN=Demo Ledger Test Root CA',
    );

    const untrusted = await runCommand(['verify', pdf]);
    expect(untrusted.code).toBe(1);
    expect(untrusted.out).toMatch(
      /Sign-off of Sprint 14 \(CN=Dana Whitfield[^)]*\): the certificate is not trusted/,
    );
    // How to get the app's answer: the certificate the app trusts, passed with --trust.
    expect(untrusted.out).toMatch(
      /Sign-off of Sprint 14 \(CN=Dana Whitfield[^)]*\).*: valid, NOT TRUSTED \(no trusted certificates are configured\): pass --trust FILE with the signer's certificate or its CA \(export it from Settings → Signing identities\)/,
    );
    const accepted = await runCommand(['verify', '--allow-untrusted', pdf]);
    expect(accepted.code).toBe(0);
    expect(accepted.out).toMatch(
      /Sign-off of Sprint 14 \(CN=Dana Whitfield[^)]*\).*NOT TRUSTED, accepted without trust/,
    );
  });

  it('fails a sign-off that signed another record than the one the report shows', async () => {
    const pdf = await reportSignedOffBy('other-record', [
      { identity: dana, role: 'auditor' },
      { identity: omer, role: 'security', digest: OTHER_DIGEST },
    ]);
    const result = await runCommand(['verify', '--trust', pki.caPem, pdf]);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(
      /Sign-off of Sprint 14 \(CN=Ömer Yıldız[^)]*\): not valid \(it signed another record than the one the report shows\)/,
    );
    expect(result.out).toMatch(
      /Sign-off of Sprint 14 \(CN=Dana Whitfield[^)]*\).*: valid, trusted/,
    );
  });
});
