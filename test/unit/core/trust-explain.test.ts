import { beforeAll, describe, expect, it } from 'vitest';
import { checkDetached, signDetached } from '../../../core/signing/detached';
import { certificatesFromFile, sha256, toHex } from '../../../core/signing/der';
import type { IdentityMaterial } from '../../../core/signing/keys';
import { readPkcs12 } from '../../../core/signing/keys';
import type { TrustAnchors } from '../../../core/trust/explain';
import { trustReasonText } from '../../../core/trust/explain';
import { SUITE_NOW } from '../../support/clock';
import { signerOf } from '../../support/bundle-files';
import type { TestPki } from '../../tools/pki';
import { makePki, readBytes } from '../../tools/pki';

const content = new TextEncoder().encode('a statement');
const fingerprint = async (der: Uint8Array) => toHex(await sha256(der));

describe('why a signature is trusted', () => {
  let pki: TestPki;
  let leaf: IdentityMaterial;
  let ca: Uint8Array;
  let signature: Uint8Array;
  beforeAll(async () => {
    pki = makePki(undefined, SUITE_NOW);
    leaf = await readPkcs12(readBytes(pki.ecP12), pki.passphrase);
    [ca = new Uint8Array()] = certificatesFromFile(readBytes(pki.caPem));
    signature = await signDetached(content, await signerOf(leaf), SUITE_NOW);
  }, 60_000);

  it('names the anchor: the signer’s own certificate, or the CA it chains to', async () => {
    const direct = await checkDetached(content, signature, [leaf.certificate]);
    expect(direct.trust).toMatchObject({
      trusted: true,
      reason: { via: 'certificate', anchor: { fingerprint: await fingerprint(leaf.certificate) } },
    });
    const viaCa = await checkDetached(content, signature, [ca]);
    expect(viaCa.trust).toMatchObject({
      trusted: true,
      reason: { via: 'issuer', anchor: { fingerprint: await fingerprint(ca) } },
    });
    expect(viaCa.trust.reason?.anchor.subject).toContain('Demo Ledger Test Root CA');
    const none = await checkDetached(content, signature, []);
    expect(none.trust).toMatchObject({ trusted: false, reason: null });
  });

  it('says where the anchor came from, in the words of whoever holds it', async () => {
    const viaCa = (await checkDetached(content, signature, [ca])).trust.reason;
    const direct = (await checkDetached(content, signature, [leaf.certificate])).trust.reason;
    const leafFp = await fingerprint(leaf.certificate);
    const caFp = await fingerprint(ca);
    const app: TrustAnchors = new Map([
      [leafFp, { source: 'yours', name: 'Dana Whitfield' }],
      [caFp, { source: 'trust-list', name: 'Acme CA' }],
    ]);
    expect(trustReasonText(direct, app)).toBe('your own certificate');
    expect(trustReasonText(viaCa, app)).toBe('issued by a CA you added (Acme CA)');
    const added: TrustAnchors = new Map([[leafFp, { source: 'trust-list', name: 'Dana' }]]);
    expect(trustReasonText(direct, added)).toBe('a certificate you added (Dana)');
    const colleague: TrustAnchors = new Map([[leafFp, { source: 'this-computer', name: 'Dana' }]]);
    expect(trustReasonText(direct, colleague)).toBe(
      'a signing identity kept on this computer (Dana)',
    );
    const cli: TrustAnchors = new Map([[caFp, { source: 'given', name: 'ca.pem' }]]);
    expect(trustReasonText(viaCa, cli)).toBe('issued by a CA passed with --trust (ca.pem)');
    // An anchor nobody named (a report read elsewhere) is named by its subject only.
    expect(trustReasonText(viaCa, new Map())).toMatch(
      /^issued by a trusted CA \(.*Demo Ledger Test Root CA.*\)$/,
    );
    expect(trustReasonText(null, app)).toBe('');
  });
});
