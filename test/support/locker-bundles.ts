import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  openAsBlob,
  writeFileSync,
} from 'node:fs';
import { appendFile, stat, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SIGNATURE_PATH } from '../../core/archive/format';
import { END_OF_ARCHIVE, encodeTarHeader, paddingFor } from '../../core/archive/tar';
import { verifyArchive } from '../../core/archive/verify';
import type { BundleScope } from '../../core/bundle/scope';
import { signManifest } from '../../core/bundle/signature';
import { prepareSlice, writeBundle } from '../../core/bundle/slice';
import { derToPem } from '../../core/signing/der';
import type { IdentityMaterial } from '../../core/signing/keys';
import { createSelfSignedIdentity } from '../../core/signing/keys';
import { IDS, demoLedger } from './bundle-ledger';
import { BUNDLE_ID, declaredSigner, signerOf } from './bundle-files';

/**
 * Signed audit bundles as files on disk, holding evidence files of any size (random content, or
 * a file on disk streamed in without being read into memory), for the team locker's tests and
 * benchmark. The signer's certificate is valid around the real clock: the locker's service reads
 * it.
 */

export interface SignedBundle {
  file: string;
  identity: IdentityMaterial;
  /** The signer's certificate as PEM, for --trust. */
  certificate: string;
}

let signer: Promise<{ identity: IdentityMaterial; certificate: string }> | null = null;

function signerIdentity(): Promise<{ identity: IdentityMaterial; certificate: string }> {
  signer ??= (async () => {
    const identity = await createSelfSignedIdentity(
      { name: 'Dana Whitfield', organisation: 'Internal Audit' },
      'ecdsa-p256',
      new Date('2026-01-01T00:00:00Z'),
      20 * 365,
    );
    const certificate = path.join(mkdtempSync(path.join(tmpdir(), 'locker-signer-')), 'dana.pem');
    writeFileSync(certificate, derToPem(identity.certificate));
    return { identity, certificate };
  })();
  return signer;
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * A signed audit bundle of the demo ledger's sprint, holding its scan and one more evidence file
 * per entry of `files`: a size (random bytes) or the path of a file to include.
 */
export async function signedBundle(
  dir: string,
  options: { files?: (number | string)[]; name?: string } = {},
): Promise<SignedBundle> {
  const { identity, certificate } = await signerIdentity();
  const ledger = demoLedger();
  const at = '2026-11-26T09:00:00.000Z';
  for (const [index, entry] of (options.files ?? []).entries()) {
    const blob =
      typeof entry === 'number' ? new Blob([randomBytes(entry)]) : await openAsBlob(entry);
    const hash =
      typeof entry === 'number'
        ? createHash('sha256')
            .update(new Uint8Array(await blob.arrayBuffer()))
            .digest('hex')
        : await sha256OfFile(entry);
    const id = randomUUID();
    const base = { workspaceId: IDS.workspace, createdAt: at, updatedAt: at };
    const name = `evidence-${index}.bin`;
    ledger.put('evidenceBlobs', { sha256: hash, size: blob.size, blob, storedAt: at });
    ledger.put('evidence', {
      id,
      ...base,
      sha256: hash,
      fileName: name,
      mediaType: 'application/octet-stream',
      size: blob.size,
      format: 'binary',
      variant: '',
      parseError: null,
      headline: '',
      sourceKey: `binary|${index}`,
      attachedBy: 'Dana',
      attachedAt: at,
      effectiveFrom: '2026-11-26',
      effectiveTo: '2026-11-26',
      freshnessDays: null,
      origin: {},
      notes: '',
    });
    ledger.put('demoEvidence', {
      id: randomUUID(),
      ...base,
      sprintId: IDS.sprint,
      demoId: IDS.demo,
      itemId: IDS.item,
      amendment: null,
      evidenceId: id,
      name,
      size: blob.size,
      sha256: hash,
      mediaType: 'application/octet-stream',
      stored: true,
      attachedAt: at,
      attachedBy: 'Dana',
    });
  }
  const scope: BundleScope = { kind: 'sprint', workspaceId: IDS.workspace, sprintId: IDS.sprint };
  const file = path.join(dir, options.name ?? `sprint-14-${randomUUID().slice(0, 8)}.dlbundle`);
  const out = createWriteStream(file);
  const prepared = await prepareSlice(scope, ledger.store(), ledger.reader(), {
    bundleId: BUNDLE_ID,
    since: null,
  });
  await writeBundle(
    prepared,
    {
      async write(chunk) {
        if (!out.write(chunk)) await once(out, 'drain');
      },
    },
    {
      id: BUNDLE_ID,
      signer: await declaredSigner(identity, 'Dana Whitfield'),
      review: null,
      createdAt: new Date('2026-11-27T10:00:00.000Z'),
      createdBy: ledger.actor,
      app: { name: 'Demo Ledger', version: '0.1.0' },
      database: { name: 'demo-ledger', schemaVersion: 12 },
      describe: (table) => ledger.describe(table),
    },
  );
  out.end();
  await once(out, 'close');
  // Sign the manifest and append the signature entry, as `bundle:finish` does.
  const verdict = await verifyArchive((await openAsBlob(file)).stream());
  if (!verdict.manifestBytes) throw new Error(verdict.problems.join('; '));
  const signature = await signManifest(
    verdict.manifestBytes,
    await signerOf(identity),
    new Date('2026-11-27T10:05:00.000Z'),
  );
  await truncate(file, (await stat(file)).size - END_OF_ARCHIVE.byteLength);
  await appendFile(
    file,
    Buffer.concat([
      encodeTarHeader({ name: SIGNATURE_PATH, size: signature.byteLength, mtime: 1_795_000_000 }),
      signature,
      new Uint8Array(paddingFor(signature.byteLength)),
      END_OF_ARCHIVE,
    ]),
  );
  return { file, identity, certificate };
}
