import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { inject } from 'vitest';
import { COMMANDS } from '../../cli/commands';
import { runCli } from '../../cli/main';
import type { BundleScope } from '../../core/bundle/scope';
import { derToPem, sha256, toHex } from '../../core/signing/der';
import { createSelfSignedIdentity } from '../../core/signing/keys';
import type { IdentityMaterial } from '../../core/signing/keys';
import type { LockerConnection } from '../../main/services/locker/client';
import { IDS, demoLedger } from '../support/bundle-ledger';
import { declaredSigner, signArchive, signerOf, unsignedBundle } from '../support/bundle-files';
import type { LockerEngine } from './engine';

export const engine: LockerEngine | null = inject('lockerEngine');
export const missing = inject('lockerEngineMissing');

export function scratch(): string {
  return mkdtempSync(path.join(tmpdir(), 'locker-test-'));
}

/** A bucket name no other test uses. */
export function newBucket(): string {
  return `dl-${randomUUID().slice(0, 18)}`;
}

export function connection(live: LockerEngine, bucket: string, tls = false): LockerConnection {
  return {
    endpoint: tls ? live.tlsEndpoint : live.endpoint,
    region: live.region,
    bucket,
    credentials: { accessKeyId: live.accessKeyId, secretAccessKey: live.secretAccessKey },
    ...(tls ? { caFile: live.caFile } : {}),
    requestTimeoutMs: 30_000,
  };
}

/** The raw SDK, to do to the bucket what the locker never does (overwrite, delete). */
export function rawS3(live: LockerEngine): S3Client {
  return new S3Client({
    endpoint: live.endpoint,
    region: live.region,
    forcePathStyle: true,
    credentials: { accessKeyId: live.accessKeyId, secretAccessKey: live.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
}

/** `demo-ledger ARGS…` in process with the locker's credentials in the environment. */
export async function locker(
  live: LockerEngine,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    ['locker', ...args],
    { name: 'demo-ledger', version: 'test' },
    COMMANDS,
    {
      stdout: (text) => out.push(text),
      stderr: (text) => err.push(text),
      env: {
        AWS_ACCESS_KEY_ID: live.accessKeyId,
        AWS_SECRET_ACCESS_KEY: live.secretAccessKey,
        AWS_REGION: live.region,
        ...env,
      },
    },
  );
  return { code, out: out.join(''), err: err.join('') };
}

export interface SignedBundle {
  file: string;
  identity: IdentityMaterial;
  /** The signer's certificate as PEM, for --trust. */
  certificate: string;
}

let signer: Promise<{ identity: IdentityMaterial; certificate: string; dir: string }> | null = null;

/** One signer for every bundle of a run, valid around the real clock the service runs on. */
function signerIdentity(): Promise<{
  identity: IdentityMaterial;
  certificate: string;
  dir: string;
}> {
  signer ??= (async () => {
    const identity = await createSelfSignedIdentity(
      { name: 'Dana Whitfield', organisation: 'Internal Audit' },
      'ecdsa-p256',
      new Date('2026-01-01T00:00:00Z'),
      20 * 365,
    );
    const dir = scratch();
    const certificate = path.join(dir, 'dana.pem');
    writeFileSync(certificate, derToPem(identity.certificate));
    return { identity, certificate, dir };
  })();
  return signer;
}

/**
 * A signed audit bundle file of the demo ledger's sprint, holding its scan and `files` more
 * evidence files of the sizes given (random content, so each is a new blob).
 */
export async function signedBundle(
  dir: string,
  options: { files?: number[]; name?: string } = {},
): Promise<SignedBundle> {
  const { identity, certificate } = await signerIdentity();
  const ledger = demoLedger();
  const at = '2026-11-26T09:00:00.000Z';
  for (const [index, size] of (options.files ?? []).entries()) {
    const bytes = randomBytes(size);
    const hash = toHex(await sha256(bytes));
    const id = randomUUID();
    const base = { workspaceId: IDS.workspace, createdAt: at, updatedAt: at };
    ledger.put('evidenceBlobs', { sha256: hash, size, blob: new Blob([bytes]), storedAt: at });
    ledger.put('evidence', {
      id,
      ...base,
      sha256: hash,
      fileName: `evidence-${index}.bin`,
      mediaType: 'application/octet-stream',
      size,
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
      name: `evidence-${index}.bin`,
      size,
      sha256: hash,
      mediaType: 'application/octet-stream',
      stored: true,
      attachedAt: at,
      attachedBy: 'Dana',
    });
  }
  const scope: BundleScope = { kind: 'sprint', workspaceId: IDS.workspace, sprintId: IDS.sprint };
  const { bytes } = await unsignedBundle(
    ledger,
    scope,
    await declaredSigner(identity, 'Dana Whitfield'),
  );
  const signed = await signArchive(bytes, await signerOf(identity));
  const file = path.join(dir, options.name ?? `sprint-14-${randomUUID().slice(0, 8)}.dlbundle`);
  writeFileSync(file, signed);
  return { file, identity, certificate };
}
