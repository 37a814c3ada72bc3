import { beforeAll, describe, expect, it } from 'vitest';
import { createSelfSignedIdentity, importSigningKey } from '../../../core/signing/keys';
import { signPdf } from '../../../core/signing/sign';
import { webCryptoSigner } from '../../../core/signing/signer';
import type { VerifyReport } from '../../../core/signing/verify/index';
import { verifyPdfInWorker } from '../../../main/services/pdf-verifier';
import {
  fieldListingItself,
  fourGibibyteBomb,
  manyRevisionsEachSigned,
  millionDigitsAfter,
  selfReferencingBombTree,
} from '../../support/hostile-pdfs';
import { appendRawUpdate } from '../../support/pdf-updates';
import { buildExample, exampleModel } from '../../tools/reports';

/**
 * Hostile files end in a verdict, on the verifier's own thread, without the process growing by
 * 512 MiB. (How long each takes is measured by bench/pdf-verify.bench.ts, not asserted here.)
 */

const MEMORY_CEILING = 512 * 1024 * 1024;

async function verifyMeasured(pdf: Uint8Array): Promise<{ report: VerifyReport; growth: number }> {
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  try {
    const report = await verifyPdfInWorker({ input: { bytes: pdf }, trusted: [] });
    peak = Math.max(peak, process.memoryUsage.rss());
    return { report, growth: peak - baseline };
  } finally {
    clearInterval(sampler);
  }
}

describe('hostile PDFs end in a verdict', () => {
  let signed: Uint8Array;

  beforeAll(async () => {
    const identity = await createSelfSignedIdentity({ name: 'Alice Auditor' }, 'ecdsa-p256');
    const signer = webCryptoSigner(
      await importSigningKey(identity.privateKey),
      identity.certificate,
      identity.chain,
    );
    signed = await signPdf(await buildExample(exampleModel('sprint-demo-record')), signer);
  }, 60_000);

  it('an attachment name tree that lists itself, each node a 64 MiB deflate bomb', async () => {
    const { report, growth } = await verifyMeasured(selfReferencingBombTree());
    expect(report.verdict).toBe('refused');
    expect(report.refused).toMatch(/^exceeds a 250:1 compression ratio/);
    expect(growth).toBeLessThan(MEMORY_CEILING);
  }, 60_000);

  it('one attachment that inflates to 4 GiB', async () => {
    const { report, growth } = await verifyMeasured(fourGibibyteBomb());
    expect(report.verdict).toBe('refused');
    expect(report.refused).toMatch(/^exceeds/);
    expect(growth).toBeLessThan(MEMORY_CEILING);
  }, 60_000);

  it('a form field that lists itself in /Kids', async () => {
    const pdf = fieldListingItself();
    expect(pdf.length).toBeLessThan(1024);
    const { report, growth } = await verifyMeasured(pdf);
    // Walked once: its one (bogus) signature is reported, and it is not valid.
    expect(report.signatures).toHaveLength(1);
    expect(report.verdict).toBe('invalid');
    expect(growth).toBeLessThan(MEMORY_CEILING);
  }, 60_000);

  it('4,000 revisions, each %%EOF named by a ByteRange', async () => {
    const { report, growth } = await verifyMeasured(manyRevisionsEachSigned(4000));
    expect(report.verdict).toBe('refused');
    expect(report.refused).toBe('exceeds 512 revisions (incremental updates)');
    expect(growth).toBeLessThan(MEMORY_CEILING);
  }, 60_000);

  it('a million digits after the signature', async () => {
    const { report, growth } = await verifyMeasured(millionDigitsAfter(signed));
    expect(report.verdict).toBe('tampered');
    expect(report.tampering.reasons.join('\n')).toMatch(
      /1000000 bytes after the end of the last revision/,
    );
    expect(growth).toBeLessThan(MEMORY_CEILING);
  }, 60_000);

  it('a million digits inside an update after the signature', async () => {
    const update = appendRawUpdate(signed, [
      { num: 9999, text: `9999 0 obj\n${'7'.repeat(1_000_000)}\nendobj\n` },
    ]);
    const { report } = await verifyMeasured(update);
    expect(report.verdict).toBe('refused');
    expect(report.refused).toMatch(/^exceeds 255 characters in one number or keyword/);
  }, 60_000);
});
