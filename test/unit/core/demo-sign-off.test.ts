import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../core/audit/canonical';
import {
  acknowledgementOf,
  checkSignOff,
  compareWithRecord,
  parseStatement,
  signOffStatement,
  statementText,
} from '../../../core/demo/sign-off';
import { signDetached } from '../../../core/signing/detached';
import { derToPem } from '../../../core/signing/der';
import type { IdentityMaterial } from '../../../core/signing/keys';
import { readPkcs12 } from '../../../core/signing/keys';
import { signatureTimestamper } from '../../../core/signing/timestamp';
import { httpTimestampTransport } from '../../../main/services/timestamp-client';
import { SUITE_NOW, identityValidAt } from '../../support/clock';
import { record } from '../../support/demo-record';
import { signerOf } from '../../support/bundle-files';
import type { TestPki } from '../../tools/pki';
import { emptyRevocationList, makePki, readBytes, revokeLeaf } from '../../tools/pki';
import { tool } from '../../tools/run';
import type { LocalTsa } from '../../tools/tsa';
import { startLocalTsa } from '../../tools/tsa';

const scratch = mkdtempSync(path.join(tmpdir(), 'sign-off-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const DAY = 86_400_000;
const text = statementText(signOffStatement(record(), null, 'auditor', null));
const bytes = new TextEncoder().encode(text);

describe('sign-off statements', () => {
  it('name the demo, the round and the record digest, in one canonical text form', () => {
    const statement = parseStatement(text);
    expect(statement).toMatchObject({
      format: 'demo-ledger.demo-sign-off',
      demo: record().demo.id,
      amendment: null,
      digestVersion: 2,
      role: 'auditor',
    });
    expect(parseStatement(JSON.stringify(statement, null, 2))).toBeNull();
    expect(parseStatement(text.replace('"auditor"', '"owner"'))).toBeNull();
    if (statement === null) throw new Error('no statement');
    expect(compareWithRecord(statement, record(), null)).toBe('matches');
    expect(compareWithRecord(statement, record(), 1)).toBe('not-latest');
    const changed = { ...record(), notes: [] };
    expect(compareWithRecord(statement, changed, null)).toBe('differs');
  });
});

describe('sign-off signatures', () => {
  let dana: IdentityMaterial;
  beforeAll(async () => {
    dana = await identityValidAt(
      { name: 'Dana Reyes', organisation: 'Acme Audit' },
      'ecdsa-p256',
      SUITE_NOW,
    );
  });
  const options = (trusted: Uint8Array[], crls: Uint8Array[] = [], now = SUITE_NOW) => ({
    trusted,
    crls,
    now,
  });

  it('are valid over their statement, and openssl cms agrees; any change is caught', async () => {
    const signature = await signDetached(bytes, await signerOf(dana), SUITE_NOW);
    const check = await checkSignOff(text, signature, options([dana.certificate]));
    expect(check.problems).toEqual([]);
    expect(check).toMatchObject({
      valid: true,
      signer: { commonName: 'Dana Reyes', organisation: 'Acme Audit' },
      signedAt: SUITE_NOW.toISOString(),
      trust: { trusted: true },
      standing: { atSigning: 'valid', today: 'valid', acceptable: true },
    });
    expect(check.standing?.summary).toContain(
      'a self-signed certificate has no issuer to revoke it',
    );

    const statementFile = path.join(scratch, 'statement.json');
    const signatureFile = path.join(scratch, 'statement.json.sig');
    const certificateFile = path.join(scratch, 'dana.pem');
    writeFileSync(statementFile, text);
    writeFileSync(signatureFile, signature);
    writeFileSync(certificateFile, derToPem(dana.certificate));
    const openssl = tool('openssl', [
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      signatureFile,
      '-content',
      statementFile,
      '-CAfile',
      certificateFile,
      '-purpose',
      'any',
      '-out',
      '/dev/null',
    ]);
    expect(openssl.status, openssl.stderr).toBe(0);

    const other = text.replace(/"digest":"[0-9a-f]{64}"/, `"digest":"${'0'.repeat(64)}"`);
    expect((await checkSignOff(other, signature, options([dana.certificate]))).valid).toBe(false);
    const flipped = signature.slice();
    flipped[flipped.length - 5] = (flipped[flipped.length - 5] ?? 0) ^ 1;
    expect((await checkSignOff(text, flipped, options([dana.certificate]))).valid).toBe(false);
    const untrusted = await checkSignOff(text, signature, options([]));
    expect(untrusted).toMatchObject({ valid: true, trust: { trusted: false } });
  });

  it('version 1 statements, signed before acknowledgements existed, still verify as signed', async () => {
    const current = signOffStatement(record(), null, 'auditor', null);
    const { acknowledgement: _dropped, ...fields } = current;
    const v1 = canonicalJson({ ...fields, version: 1 });
    const signature = await signDetached(
      new TextEncoder().encode(v1),
      await signerOf(dana),
      SUITE_NOW,
    );
    const check = await checkSignOff(v1, signature, options([dana.certificate]));
    expect(check.problems).toEqual([]);
    expect(check).toMatchObject({ valid: true, statement: { version: 1, role: 'auditor' } });
    if (check.statement === null) throw new Error('no statement');
    expect(acknowledgementOf(check.statement)).toBeNull();
    expect(compareWithRecord(check.statement, record(), null)).toBe('matches');
    // Neither version takes the other's shape.
    expect(parseStatement(canonicalJson({ ...current, version: 1 }))).toBeNull();
    expect(parseStatement(canonicalJson({ ...fields, version: 2 }))).toBeNull();
  });

  it('version 2 statements carry the acknowledgement, and it is covered by the signature', async () => {
    const acknowledgement = {
      by: 'Dana Reyes',
      at: SUITE_NOW.toISOString(),
      items: [
        {
          kind: 'failed-verdict' as const,
          verdict: 'v2',
          control: 'x#a-2',
          item: 'PAY-1 Item 1',
          expires: '2026-11-01',
        },
      ],
    };
    const signed = statementText(signOffStatement(record(), null, 'auditor', acknowledgement));
    const statement = parseStatement(signed);
    expect(statement).toMatchObject({ version: 2, acknowledgement });
    if (statement === null) throw new Error('no statement');
    expect(acknowledgementOf(statement)).toEqual(acknowledgement);
    const signature = await signDetached(
      new TextEncoder().encode(signed),
      await signerOf(dana),
      SUITE_NOW,
    );
    expect((await checkSignOff(signed, signature, options([dana.certificate]))).valid).toBe(true);
    const dropped = statementText(signOffStatement(record(), null, 'auditor', null));
    expect((await checkSignOff(dropped, signature, options([dana.certificate]))).valid).toBe(false);
    // An acknowledgement lists at least one item: "nothing to acknowledge" is null.
    expect(
      parseStatement(
        canonicalJson({ ...statement, acknowledgement: { ...acknowledgement, items: [] } }),
      ),
    ).toBeNull();
  });

  it('reports a certificate expired when it signed, and one that has expired since', async () => {
    // identityValidAt: from 30 days before the instant, for three years.
    const notAfter = new Date(SUITE_NOW.getTime() - 30 * DAY + 3 * 365 * DAY);
    const late = await signDetached(
      bytes,
      await signerOf(dana),
      new Date(notAfter.getTime() + DAY),
    );
    const expired = await checkSignOff(
      text,
      late,
      options([dana.certificate], [], new Date(notAfter.getTime() + 2 * DAY)),
    );
    expect(expired.valid).toBe(false);
    expect(expired.standing).toMatchObject({ atSigning: 'expired', acceptable: false });
    expect(expired.problems.join(' ')).toContain('had expired');

    const inTime = await signDetached(bytes, await signerOf(dana), SUITE_NOW);
    const since = await checkSignOff(
      text,
      inTime,
      options([dana.certificate], [], new Date(notAfter.getTime() + DAY)),
    );
    expect(since).toMatchObject({
      valid: true,
      standing: { atSigning: 'valid', today: 'expired' },
    });
    expect(since.standing?.summary).toContain('it has since expired');
  });

  describe('revocation, from the issuer’s revocation list', () => {
    let pki: TestPki;
    let tsa: LocalTsa;
    beforeAll(async () => {
      pki = makePki('correct horse battery', SUITE_NOW);
      tsa = await startLocalTsa(pki.caPem, pki.caKey, 5, SUITE_NOW);
    }, 120_000);
    afterAll(() => tsa.close());

    it('says when it was not checked, not revoked, and revoked before or after a proven signing time', async () => {
      const leaf = await readPkcs12(readBytes(pki.ecP12), pki.passphrase);
      // The issuing CA, as the PKCS#12 file carries it.
      const trusted = leaf.chain;
      const claimed = await signDetached(bytes, await signerOf(leaf), SUITE_NOW);
      const stamped = await signDetached(
        bytes,
        await signerOf(leaf),
        SUITE_NOW,
        signatureTimestamper(httpTimestampTransport(tsa.url)),
      );

      const unchecked = await checkSignOff(text, claimed, options(trusted));
      expect(unchecked).toMatchObject({
        valid: true,
        standing: { revocation: { status: 'not-checked' } },
      });
      const empty = emptyRevocationList(pki, 'auditor-ec');
      const fine = await checkSignOff(text, claimed, options(trusted, [empty]));
      expect(fine).toMatchObject({
        valid: true,
        standing: { revocation: { status: 'not-revoked' } },
      });

      // Revoked strictly after the timestamp (a CRL's times are in whole seconds).
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const crl = revokeLeaf(pki, 'auditor-ec');
      const revoked = await checkSignOff(text, claimed, options(trusted, [crl]));
      expect(revoked.valid).toBe(false);
      expect(revoked.standing).toMatchObject({
        revocation: { status: 'revoked' },
        acceptable: false,
      });
      expect(revoked.problems.join(' ')).toContain('REVOKED');
      const before = await checkSignOff(text, stamped, options(trusted, [crl]));
      expect(before.problems).toEqual([]);
      expect(before).toMatchObject({
        valid: true,
        timestamp: { imprintMatches: true, signatureValid: true },
        standing: { timeSource: 'timestamp', revocation: { status: 'revoked' }, acceptable: true },
      });
      expect(before.standing?.summary).toContain('after it signed');
      // A list that does not verify with the issuer's key is not believed either way.
      const forged = crl.slice();
      forged[forged.length - 3] = (forged[forged.length - 3] ?? 0) ^ 1;
      const unverified = await checkSignOff(text, claimed, options(trusted, [forged]));
      expect(unverified.standing?.revocation).toMatchObject({ status: 'not-checked' });
      expect(unverified.standing?.revocation.detail).toContain('could be verified');
    }, 120_000);
  });
});
