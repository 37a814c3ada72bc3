import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { derToPem } from '../../../core/signing/der';
import { RevocationStore } from '../../../main/services/revocation-store';
import type { TestPki } from '../../tools/pki';
import { emptyRevocationList, makePki, revokeLeaf } from '../../tools/pki';

describe('revocation lists kept by the app', () => {
  let pki: TestPki;
  beforeAll(() => {
    pki = makePki();
  }, 120_000);

  it('adds PEM or DER lists, keeps the newest of each issuer, removes one, and refuses what is not a list', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'revocations-'));
    const store = new RevocationStore(folder);
    expect(await store.list()).toEqual([]);

    const empty = emptyRevocationList(pki, 'auditor-ec');
    expect(await store.add(new TextEncoder().encode(derToPem(empty, 'X509 CRL')), 'CA list')).toBe(
      1,
    );
    // Like every file in the data folder, for the owner only.
    expect(statSync(path.join(folder, 'revocation-lists.json')).mode & 0o777).toBe(0o600);
    const [first] = await store.list();
    expect(first).toMatchObject({
      issuer: 'CN=Demo Ledger Test Root CA, O=Test Audit Org',
      revoked: 0,
      label: 'CA list',
    });
    // The same list again adds nothing.
    expect(await store.add(empty, '')).toBe(0);

    // A later list of the same issuer (one revocation) replaces it; openssl dates to the second.
    vi.useRealTimers();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const revoked = revokeLeaf(pki, 'auditor-rsa');
    expect(await store.add(revoked, '')).toBe(1);
    const lists = await store.list();
    expect(lists).toHaveLength(1);
    expect(lists[0]).toMatchObject({ revoked: 1 });
    expect(await store.lists()).toEqual([revoked]);
    // An older one does not replace the newer.
    expect(await store.add(empty, '')).toBe(0);

    expect(await store.remove(lists[0]?.fingerprint ?? '')).toBe(true);
    expect(await store.list()).toEqual([]);
    await expect(store.add(new TextEncoder().encode('not a list'), '')).rejects.toThrow(
      'not a revocation list',
    );
  });
});
