import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNATURE_PATH } from '../../../core/archive/format';
import { verifyArchive } from '../../../core/archive/verify';
import type { BundleScope } from '../../../core/bundle/scope';
import {
  checkManifestSignature,
  signManifest,
  trustingChecker,
} from '../../../core/bundle/signature';
import { signatureFormProblems } from '../../../core/signing/signature-form';
import { verifyBundle } from '../../../core/bundle/verify';
import { derToPem } from '../../../core/signing/der';
import type { IdentityMaterial } from '../../../core/signing/keys';
import { BUNDLE_SIGNED_AT, identityValidAt } from '../../support/clock';
import type { Signer } from '../../../core/signing/signer';
import { IDS, appendToArchive, demoLedger } from '../../support/bundle-ledger';
import { declaredSigner, signArchive, signerOf, unsignedBundle } from '../../support/bundle-files';
import { opensslCmsVerify } from '../../tools/cms';

const scope: BundleScope = { kind: 'sprint', workspaceId: IDS.workspace, sprintId: IDS.sprint };
const scratch = mkdtempSync(path.join(tmpdir(), 'bundle-signature-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('bundle signatures', () => {
  let dana: IdentityMaterial;
  let mallory: IdentityMaterial;
  let danaSigner: Signer;
  let signed: Uint8Array<ArrayBuffer>;

  beforeAll(async () => {
    dana = await identityValidAt(
      { name: 'Dana Whitfield', organisation: 'Internal Audit', email: 'dana@example.com' },
      'ecdsa-p256',
    );
    mallory = await identityValidAt({ name: 'Mallory', organisation: 'Elsewhere' }, 'ecdsa-p256');
    danaSigner = await signerOf(dana);
    const { bytes } = await unsignedBundle(
      demoLedger(),
      scope,
      await declaredSigner(dana, 'Dana Whitfield'),
    );
    signed = await signArchive(bytes, danaSigner);
  }, 300_000);

  it('valid and trusted: names the signer and the time, and openssl cms agrees', async () => {
    const verdict = await verifyBundle(new Blob([signed]), trustingChecker([dana.certificate]));
    expect(verdict.problems).toEqual([]);
    expect(verdict).toMatchObject({ ok: true, trusted: true });
    expect(verdict.signature).toMatchObject({
      valid: true,
      signerMatches: true,
      digestMatches: true,
      signatureValid: true,
      certificateBound: true,
      signedAt: '2026-11-27T10:05:00.000Z',
      signer: { commonName: 'Dana Whitfield', organisation: 'Internal Audit' },
      trust: { trusted: true },
    });

    // The standard tool: a detached CMS over the manifest, verified against Dana's certificate.
    const archive = await verifyArchive(new Blob([signed]).stream());
    const manifest = path.join(scratch, 'manifest.json');
    const signature = path.join(scratch, 'manifest.json.sig');
    const certificate = path.join(scratch, 'dana.pem');
    writeFileSync(manifest, archive.manifestBytes ?? new Uint8Array());
    writeFileSync(signature, archive.signature ?? new Uint8Array());
    writeFileSync(certificate, derToPem(dana.certificate));
    const ok = opensslCmsVerify(signature, manifest, certificate);
    expect(ok.stderr).toContain('Verification successful');
    writeFileSync(
      manifest,
      Buffer.concat([Buffer.from(archive.manifestBytes ?? []), Buffer.from(' ')]),
    );
    const tampered = opensslCmsVerify(signature, manifest, certificate);
    expect(tampered.status).not.toBe(0);
    expect(tampered.stderr).toMatch(/content mismatch|digest failure|verification failure/i);
  });

  it('tampered manifest: a signature moved onto another manifest does not verify', async () => {
    // Same slice, another manifest (a different author), carrying Dana's original signature.
    const original = await verifyArchive(new Blob([signed]).stream());
    const { bytes: other } = await unsignedBundle(
      demoLedger(),
      scope,
      await declaredSigner(dana, 'Dana Whitfield'),
      { createdBy: 'someone else' },
    );
    const forged = appendToArchive(other, SIGNATURE_PATH, original.signature ?? new Uint8Array());
    const verdict = await verifyBundle(new Blob([forged]), trustingChecker([dana.certificate]));
    expect(verdict.ok).toBe(false);
    expect(verdict.archive.ok).toBe(true);
    expect(verdict.signature).toMatchObject({ valid: false, digestMatches: false });
    expect(verdict.problems.join('\n')).toContain('digest mismatch');
    // The same at the level of the signature alone.
    const direct = await checkManifestSignature(
      new TextEncoder().encode('{"format":"demo-ledger-archive"}'),
      original.signature ?? new Uint8Array(),
      [dana.certificate],
    );
    expect(direct.valid).toBe(false);
  });

  it('wrong signer: a valid signature by someone other than the manifest names is refused', async () => {
    const { bytes } = await unsignedBundle(
      demoLedger(),
      scope,
      await declaredSigner(dana, 'Dana Whitfield'),
    );
    const resigned = await signArchive(bytes, await signerOf(mallory));
    const verdict = await verifyBundle(
      new Blob([resigned]),
      trustingChecker([dana.certificate, mallory.certificate]),
    );
    expect(verdict.signature).toMatchObject({ valid: true, signerMatches: false });
    expect(verdict.ok).toBe(false);
    expect(verdict.problems.join('\n')).toContain('The signature is by Mallory');
  });

  it('a signature whose value was made by another key than its certificate’s is invalid', async () => {
    // Dana's certificate, Mallory's key: the signature claims Dana but cannot be hers.
    const impostor: Signer = {
      ...(await signerOf(mallory)),
      certificate: dana.certificate,
      chain: [],
    };
    const archive = await verifyArchive(new Blob([signed]).stream());
    const signature = await signManifest(
      archive.manifestBytes ?? new Uint8Array(),
      impostor,
      BUNDLE_SIGNED_AT,
    );
    const check = await checkManifestSignature(
      archive.manifestBytes ?? new Uint8Array(),
      signature,
      [dana.certificate],
    );
    expect(check).toMatchObject({ valid: false, signatureValid: false, digestMatches: true });
  });

  it('untrusted: intact and valid, but its certificate is not on the trust list', async () => {
    const verdict = await verifyBundle(new Blob([signed]), trustingChecker([mallory.certificate]));
    expect(verdict).toMatchObject({ ok: true, trusted: false });
    expect(verdict.signature?.trust).toMatchObject({ trusted: false });
    const none = await verifyBundle(new Blob([signed]), trustingChecker([]));
    expect(none.signature?.trust.problem).toBe('no trusted certificates are configured');
  });

  it('an unsigned bundle is not accepted as one', async () => {
    const { bytes } = await unsignedBundle(
      demoLedger(),
      scope,
      await declaredSigner(dana, 'Dana Whitfield'),
    );
    const verdict = await verifyBundle(new Blob([bytes]), trustingChecker([dana.certificate]));
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toContain('The bundle is not signed.');
  });

  it('one flipped byte anywhere in the signature itself, even outside what it signs, invalidates it', async () => {
    // No manifest hash covers the signature, and BER-tolerant parsing would accept a changed
    // length, digest algorithm list, content type or ECDSA value tag: every byte is tried.
    const archive = await verifyArchive(new Blob([signed]).stream());
    const manifest = archive.manifestBytes ?? new Uint8Array();
    const signature = archive.signature ?? new Uint8Array();
    expect((await checkManifestSignature(manifest, signature, [dana.certificate])).valid).toBe(
      true,
    );
    const accepted: number[] = [];
    for (let offset = 0; offset < signature.length; offset += 1) {
      const damaged = signature.slice();
      damaged[offset] = (damaged[offset] ?? 0) ^ 0x01;
      const check = await checkManifestSignature(manifest, damaged, [dana.certificate]);
      if (check.valid || check.problems.length === 0) accepted.push(offset);
    }
    expect(accepted).toEqual([]);
  }, 300_000);

  it('an RSA identity’s signature is in the form Demo Ledger writes and verifies', async () => {
    const rsa = await identityValidAt({ name: 'Rosa Reviewer' }, 'rsa-3072');
    const manifest = new TextEncoder().encode('{"format":"demo-ledger-archive"}');
    const signature = await signManifest(manifest, await signerOf(rsa), BUNDLE_SIGNED_AT);
    expect(signatureFormProblems(signature)).toEqual([]);
    const check = await checkManifestSignature(manifest, signature, [rsa.certificate]);
    expect(check).toMatchObject({ valid: true, problems: [] });
  }, 300_000);

  it('a signature not in the form Demo Ledger writes is named as such', async () => {
    const archive = await verifyArchive(new Blob([signed]).stream());
    const signature = archive.signature ?? new Uint8Array();
    // The digest algorithm list (outside the signed attributes) names SHA-384 instead.
    const sha256Oid = [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01];
    const at = indexOfBytes(signature, sha256Oid);
    const damaged = signature.slice();
    damaged[at + sha256Oid.length - 1] = 0x02;
    expect(signatureFormProblems(signature)).toEqual([]);
    expect(signatureFormProblems(damaged)).toEqual([
      'the signed data does not name SHA-256 as its one digest algorithm',
    ]);
    const check = await checkManifestSignature(archive.manifestBytes ?? new Uint8Array(), damaged, [
      dana.certificate,
    ]);
    expect(check).toMatchObject({ valid: false, signatureValid: true });
    expect(signatureFormProblems(signature.slice(0, -1))[0]).toMatch(/not one DER structure/);
  });

  it('one flipped byte anywhere in a signed bundle is detected', async () => {
    const undetected: number[] = [];
    const step = Math.max(1, Math.floor(signed.length / 400));
    for (let offset = 0; offset < signed.length; offset += step) {
      const damaged = signed.slice();
      damaged[offset] = (damaged[offset] ?? 0) ^ 0x01;
      const verdict = await verifyBundle(new Blob([damaged]), trustingChecker([dana.certificate]));
      if (verdict.ok) undetected.push(offset);
    }
    expect(undetected).toEqual([]);
  }, 300_000);
});

function indexOfBytes(haystack: Uint8Array, needle: readonly number[]): number {
  for (let at = 0; at + needle.length <= haystack.length; at += 1) {
    if (needle.every((byte, index) => haystack[at + index] === byte)) return at;
  }
  throw new Error('not found');
}
