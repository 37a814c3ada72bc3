import { PDFDocument, rgb } from '@cantoo/pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IdentityMaterial } from '../../../core/signing/keys';
import { createSelfSignedIdentity, importSigningKey } from '../../../core/signing/keys';
import { SignatureSpaceError, signPdf } from '../../../core/signing/sign';
import type { Signer } from '../../../core/signing/signer';
import { webCryptoSigner } from '../../../core/signing/signer';
import { parsePdfDate, verifyPdf } from '../../../core/signing/verify/index';
import { appendRawUpdate } from '../../support/pdf-updates';
import { buildExample, exampleModel, scratchDir, writeTo } from '../../tools/reports';
import { mustRun } from '../../tools/run';

async function signerFor(material: IdentityMaterial): Promise<Signer> {
  return webCryptoSigner(
    await importSigningKey(material.privateKey),
    material.certificate,
    material.chain,
  );
}

function pdfsig(bytes: Uint8Array): string {
  return mustRun('pdfsig', [writeTo(scratchDir(), 'signed.pdf', bytes)]);
}

/** Each signature's block of pdfsig output, in order. */
function pdfsigBlocks(output: string): string[] {
  return output.split(/Signature #\d+:/).slice(1);
}

/** An unsigned incremental update made with pdf-lib's own incremental writer. */
async function appendUpdate(
  pdf: Uint8Array,
  change: (doc: PDFDocument) => Promise<void>,
): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { forIncrementalUpdate: true, updateMetadata: false });
  await change(doc);
  return doc.commit();
}

describe('PAdES signing and verification', () => {
  let report: Uint8Array;
  let ec: IdentityMaterial;
  let rsa: IdentityMaterial;

  beforeAll(async () => {
    report = await buildExample(exampleModel('sprint-demo-record'));
    ec = await createSelfSignedIdentity(
      { name: 'Dana Whitfield', organisation: 'Internal Audit', email: 'dana@example.com' },
      'ecdsa-p256',
    );
    rsa = await createSelfSignedIdentity(
      { name: 'Ömer Yıldız', organisation: 'Security' },
      'rsa-3072',
    );
  }, 300_000);

  it('signs as ETSI.CAdES.detached; pdfsig and qpdf accept it, our verifier names the signer', async () => {
    const signed = await signPdf(report, await signerFor(ec), {
      reason: 'Sign-off',
      location: 'Berlin',
    });
    expect(signed.subarray(0, report.length)).toEqual(report);
    const output = pdfsig(signed);
    expect(output).toContain('Signature Type: ETSI.CAdES.detached');
    expect(output).toContain('Signature Validation: Signature is Valid.');
    expect(output).toContain('Total document signed');
    expect(output).toContain('Signer Certificate Common Name: Dana Whitfield');
    expect(mustRun('qpdf', ['--check', writeTo(scratchDir(), 'q.pdf', signed)])).toContain(
      'No syntax or stream encoding errors',
    );

    const untrusted = await verifyPdf(signed);
    expect(untrusted.verdict).toBe('valid-untrusted');
    const [signature] = untrusted.signatures;
    expect(signature?.signer?.commonName).toBe('Dana Whitfield');
    expect(signature?.reason).toBe('Sign-off');
    expect(signature?.certificateBound).toBe(true);
    expect(signature?.coversWholeDocument).toBe(true);
    const trusted = await verifyPdf(signed, { trusted: [ec.certificate] });
    expect(trusted.verdict).toBe('valid');
  }, 300_000);

  it('co-signs incrementally: the first signature stays valid and only the last covers the whole file', async () => {
    const first = await signPdf(report, await signerFor(ec));
    const second = await signPdf(first, await signerFor(rsa), { subFilter: 'adbe.pkcs7.detached' });
    expect(second.subarray(0, first.length)).toEqual(first);
    const [one, two] = pdfsigBlocks(pdfsig(second));
    expect(one).toContain('Signature is Valid.');
    expect(one).toContain('Not total document signed');
    expect(two).toContain('Signature is Valid.');
    expect(two).toContain('Total document signed');
    expect(two).toContain('Signature Type: adbe.pkcs7.detached');

    const result = await verifyPdf(second, { trusted: [ec.certificate, rsa.certificate] });
    expect(result.verdict).toBe('valid');
    expect(result.tampering.detected).toBe(false);
    expect(result.signatures.map((item) => item.signer?.commonName)).toEqual([
      'Dana Whitfield',
      'Ömer Yıldız',
    ]);
    expect(result.signatures.map((item) => item.coversWholeDocument)).toEqual([false, true]);
  }, 300_000);

  it('one flipped byte gives "Digest Mismatch." in pdfsig and an invalid verdict here', async () => {
    const signed = await signPdf(report, await signerFor(ec));
    const flipped = signed.slice();
    const at = Math.floor(report.length / 2);
    flipped[at] = (flipped[at] ?? 0) ^ 0x01;
    expect(pdfsig(flipped)).toContain('Signature Validation: Digest Mismatch.');
    const result = await verifyPdf(flipped);
    expect(result.verdict).toBe('invalid');
    expect(result.signatures[0]?.digestMatches).toBe(false);
    expect(result.signatures[0]?.problems.join(' ')).toMatch(/digest mismatch/);
  }, 300_000);

  it('reports an unsigned update appended after the last signature as tampering', async () => {
    const signed = await signPdf(report, await signerFor(ec));
    const withAttachment = await appendUpdate(signed, async (doc) => {
      await doc.attach(new TextEncoder().encode('forged evidence'), 'forged.txt', {
        mimeType: 'text/plain',
      });
    });
    expect(pdfsig(withAttachment)).toContain('Signature is Valid.');
    const forged = await verifyPdf(withAttachment);
    expect(forged.verdict).toBe('tampered');
    expect(forged.tampering.reasons.join('\n')).toMatch(/appended after the last signature/);
    expect(forged.tampering.reasons.join('\n')).toMatch(/attached file/);

    const withText = await appendUpdate(signed, async (doc) => {
      doc
        .getPage(2)
        .drawText('All controls satisfied', { x: 60, y: 400, size: 18, color: rgb(0.8, 0, 0) });
    });
    const edited = await verifyPdf(withText);
    expect(edited.verdict).toBe('tampered');
    expect(edited.signatures[0]?.changesAfter.join('\n')).toMatch(/changes a page|adds a stream/);
  }, 300_000);

  it('reports, without crashing, an update that replaces objects with ones of another type', async () => {
    const signed = await signPdf(report, await signerFor(ec));
    const doc = await PDFDocument.load(report);
    const catalog = doc.context.trailerInfo.Root?.toString().replace(' 0 R', '') ?? '1';
    const page = doc.getPage(0).ref.toString().replace(' 0 R', '');
    const signature =
      /(?<!\d)(\d+) 0 obj\n<< \/Type \/Sig /.exec(new TextDecoder('latin1').decode(signed))?.[1] ??
      '';
    expect(signature).not.toBe('');
    for (const target of [catalog, page, signature]) {
      const num = Number(target);
      const hostile = appendRawUpdate(signed, [
        { num, text: `${num} 0 obj\n(approved)\nendobj\n` },
      ]);
      const result = await verifyPdf(hostile);
      expect(result.verdict).toBe('tampered');
      expect(result.signatures[0]?.valid).toBe(true);
      expect(result.tampering.reasons.length).toBeGreaterThan(0);
      if (target === signature)
        expect(result.tampering.reasons[0]).toMatch(/Signature1 .* was removed or replaced/);
    }
    // The same object appended with no cross-reference section is no revision at all.
    const loose = new Uint8Array([
      ...signed,
      ...new TextEncoder().encode(`\n${page} 0 obj\n(approved)\nendobj\n`),
    ]);
    const result = await verifyPdf(loose);
    expect(result.verdict).toBe('tampered');
    expect(result.tampering.reasons.join('\n')).toMatch(/not part of any revision/);
  }, 300_000);

  it('flags a page edit slipped in between two signatures even though both still verify', async () => {
    const first = await signPdf(report, await signerFor(ec));
    const shadowed = await appendUpdate(first, async (doc) => {
      doc.getPage(0).drawText('APPROVED', { x: 100, y: 100, size: 30 });
    });
    const second = await signPdf(shadowed, await signerFor(rsa));
    const result = await verifyPdf(second);
    expect(result.signatures.every((item) => item.valid)).toBe(true);
    expect(result.verdict).toBe('tampered');
    expect(result.signatures[0]?.changesAfter.length).toBeGreaterThan(0);
    expect(result.signatures[1]?.changesAfter).toEqual([]);
  }, 300_000);

  it('rejects a byte range that does not skip exactly the signature value', async () => {
    const signed = await signPdf(report, await signerFor(ec));
    const text = new TextDecoder('latin1').decode(signed);
    const at = text.lastIndexOf('/ByteRange [0 ');
    const original = /\/ByteRange \[0 (\d+) (\d+) (\d+)/.exec(text.slice(at));
    const [, a = '0', b = '0', c = '0'] = original ?? [];
    // Widen the first range by one byte (same text length): it now swallows the "<".
    const forged = `/ByteRange [0 ${Number(a) + 1} ${b} ${c}`.padEnd(
      original?.[0].length ?? 0,
      ' ',
    );
    const tampered = signed.slice();
    tampered.set(new TextEncoder().encode(forged.slice(0, original?.[0].length)), at);
    const result = await verifyPdf(tampered);
    expect(result.verdict).toBe('invalid');
    expect(result.signatures[0]?.byteRangeValid).toBe(false);
  }, 300_000);

  it('fails loudly when the signature does not fit the reserved space', async () => {
    const bulky = webCryptoSigner(await importSigningKey(rsa.privateKey), rsa.certificate, [
      rsa.certificate,
      rsa.certificate,
    ]);
    await expect(signPdf(report, bulky, { reserveBytes: 2048 })).rejects.toThrow(
      SignatureSpaceError,
    );
    await expect(signPdf(report, bulky, { reserveBytes: 2048 })).rejects.toThrow(
      /needs \d+ bytes but only 2048 were reserved/,
    );
  }, 300_000);

  it('reads PDF dates with and without a time zone', () => {
    expect(parsePdfDate("D:20261126160500+01'00'")?.toISOString()).toBe('2026-11-26T15:05:00.000Z');
    expect(parsePdfDate('D:20261126160500Z')?.toISOString()).toBe('2026-11-26T16:05:00.000Z');
    expect(parsePdfDate('yesterday')).toBeNull();
  });
});
