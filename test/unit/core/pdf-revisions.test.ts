import { beforeAll, describe, expect, it } from 'vitest';
import type { IdentityMaterial } from '../../../core/signing/keys';
import { createSelfSignedIdentity, importSigningKey } from '../../../core/signing/keys';
import { signPdf } from '../../../core/signing/sign';
import { webCryptoSigner } from '../../../core/signing/signer';
import { verifyPdf } from '../../../core/signing/verify/index';
import type { Chunk, DocumentFacts } from '../../support/pdf-updates';
import {
  appendObjectStreamUpdate,
  appendRawUpdate,
  facts,
  pageDictText,
} from '../../support/pdf-updates';
import { buildExample, exampleModel, scratchDir, writeTo } from '../../tools/reports';
import { tool } from '../../tools/run';

/**
 * Alice signs; an incremental update edits the document; Bob co-signs. Both signatures verify
 * (pdfsig agrees), but the edit between them is tampering whatever form its bytes take.
 */

const FORGED = 'BT /F1 24 Tf 72 700 Td (All controls satisfied) Tj ET';
const forgedStream = `<< /Length ${FORGED.length} >>\nstream\n${FORGED}\nendstream\nendobj\n`;

async function signWith(pdf: Uint8Array, identity: IdentityMaterial): Promise<Uint8Array> {
  const signer = webCryptoSigner(
    await importSigningKey(identity.privateKey),
    identity.certificate,
    identity.chain,
  );
  return signPdf(pdf, signer);
}

/** pdfsig's per-signature validation lines. */
function pdfsigValidations(pdf: Uint8Array): string[] {
  const run = tool('pdfsig', [writeTo(scratchDir(), 'signed.pdf', pdf)]);
  return [...`${run.stdout}${run.stderr}`.matchAll(/Signature Validation: (.*)/g)].map(
    (match) => match[1] ?? '',
  );
}

/** Page 1's dictionary showing page 2's content instead of its own. */
function withOtherContent(pdf: Uint8Array, f: DocumentFacts): string {
  return pageDictText(pdf, f.page, { Contents: `${f.otherContent} 0 R` });
}

const VARIANTS: Record<string, (f: DocumentFacts, pdf: Uint8Array) => Uint8Array> = {
  'a comment between the header tokens (8 0 %x⏎obj)': (f, pdf) =>
    appendRawUpdate(pdf, [{ num: f.content, text: `${f.content} 0 %x\nobj\n${forgedStream}` }]),
  'leading zeros in the object number (008 0 obj)': (f, pdf) =>
    appendRawUpdate(pdf, [{ num: f.content, text: `00${f.content} 0 obj\n${forgedStream}` }]),
  'a generation written 00 (8 00 obj)': (f, pdf) =>
    appendRawUpdate(pdf, [{ num: f.content, text: `${f.content} 00 obj\n${forgedStream}` }]),
  'an entry pointing into a comment line holding another page object': (f, pdf) => {
    const page = withOtherContent(pdf, f);
    const chunk: Chunk = {
      num: f.page,
      text: `% ${f.page} 0 obj ${page} endobj\n`,
      pointAt: `${f.page} 0 obj`,
    };
    return appendRawUpdate(pdf, [chunk]);
  },
  'a new generation of the content stream (8 1 obj)': (f, pdf) =>
    appendRawUpdate(pdf, [{ num: f.content, gen: 1, text: `${f.content} 1 obj\n${forgedStream}` }]),
  'the content stream freed in the cross-reference table': (f, pdf) =>
    appendRawUpdate(pdf, [{ num: f.content, free: true, gen: 1, text: '' }]),
  'the page replaced from inside an object stream': (f, pdf) => {
    const page = withOtherContent(pdf, f);
    return appendObjectStreamUpdate(pdf, [{ num: f.page, body: page }]);
  },
  'the same object number defined twice in one update': (f, pdf) =>
    appendRawUpdate(pdf, [
      { num: f.content, text: `${f.content} 0 obj\n${forgedStream}` },
      { text: `${f.content} 0 obj\n(a second definition)\nendobj\n` },
    ]),
};

describe('edits between two signatures', () => {
  let report: Uint8Array;
  let alice: IdentityMaterial;
  let bob: IdentityMaterial;
  let signedByAlice: Uint8Array;

  beforeAll(async () => {
    report = await buildExample(exampleModel('sprint-demo-record'));
    alice = await createSelfSignedIdentity({ name: 'Alice Auditor' }, 'ecdsa-p256');
    bob = await createSelfSignedIdentity({ name: 'Bob Reviewer' }, 'ecdsa-p256');
    signedByAlice = await signWith(report, alice);
  }, 60_000);

  it('a clean co-signature is valid, and pdfsig agrees', async () => {
    const cosigned = await signWith(signedByAlice, bob);
    const result = await verifyPdf(cosigned, { trusted: [alice.certificate, bob.certificate] });
    expect(result.verdict).toBe('valid');
    expect(pdfsigValidations(cosigned)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
  }, 60_000);

  for (const [name, edit] of Object.entries(VARIANTS)) {
    it(`catches ${name}`, async () => {
      const edited = edit(facts(signedByAlice), signedByAlice);
      const cosigned = await signWith(edited, bob);
      const result = await verifyPdf(cosigned, { trusted: [alice.certificate, bob.certificate] });
      // pdfsig validates each signature's bytes and says both are valid: so do we ...
      expect(pdfsigValidations(cosigned)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
      expect(result.signatures.map((signature) => signature.valid)).toEqual([true, true]);
      // ... but the document Alice signed was changed before Bob signed it.
      expect(result.verdict).toBe('tampered');
      expect(result.signatures[0]?.changesAfter.length).toBeGreaterThan(0);
      expect(result.signatures[1]?.changesAfter).toEqual([]);
      expect(result.tampering.reasons.join('\n')).toMatch(/after Signature1: /);
    }, 60_000);
  }
});
