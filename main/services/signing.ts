import path from 'node:path';
import { IpcError } from '../../core/ipc/result';
import { pemBlocks } from '../../core/signing/der';
import type { SignPdfOptions } from '../../core/signing/sign';
import { SignatureSpaceError, signPdf } from '../../core/signing/sign';
import { TimestampError } from '../../core/signing/timestamp';
import type { VerifyReport } from '../../core/signing/verify/index';
import { verifyPdfInWorker } from './pdf-verifier';
import type { SecretStorage } from '../platform';
import type { KdfParams } from './keystore';
import { DEFAULT_KDF, Keystore, KeystoreError } from './keystore';
import { httpTimestampTransport } from './timestamp-client';
import { TrustStore } from './trust-store';

/**
 * Signing and verifying with the auditor's identity: the only place the private key is used.
 * The handler table calls this; so could a CLI or another host.
 */

export interface SignRequest {
  pdf: Uint8Array;
  passphrase?: string | undefined;
  reason: string;
  location: string;
  tsaUrl?: string | undefined;
  subFilter: NonNullable<SignPdfOptions['subFilter']>;
}

export class SigningService {
  readonly keystore: Keystore;
  readonly trust: TrustStore;

  constructor(dataPath: string, secrets: SecretStorage, kdf: KdfParams = DEFAULT_KDF) {
    const directory = path.join(dataPath, 'signing');
    this.keystore = new Keystore(directory, secrets, kdf);
    this.trust = new TrustStore(directory);
  }

  async sign(request: SignRequest): Promise<Uint8Array<ArrayBuffer>> {
    try {
      const signer = await this.keystore.signer(request.passphrase);
      const status = await this.keystore.status();
      return await signPdf(request.pdf, signer, {
        subFilter: request.subFilter,
        reason: request.reason,
        location: request.location,
        name: status?.certificate.commonName ?? '',
        contactInfo: status?.certificate.email ?? '',
        ...(request.tsaUrl ? { timestamp: httpTimestampTransport(request.tsaUrl) } : {}),
      });
    } catch (error) {
      throw asIpcError(error);
    }
  }

  /** Verifies against the trust list plus the auditor's own certificate. */
  async verify(pdf: Uint8Array): Promise<VerifyReport> {
    const trusted = await this.trust.certificates();
    const own = await this.keystore.status();
    const ownDer = own === null ? [] : pemBlocks(own.certificatePem);
    return verifyPdfInWorker({ input: { bytes: pdf }, trusted: [...trusted, ...ownDer] });
  }
}

/** Keystore and signing failures become typed IPC errors the renderer can act on. */
export function asIpcError(error: unknown): unknown {
  if (error instanceof KeystoreError) {
    const code =
      error.code === 'no-identity'
        ? 'not-found'
        : error.code === 'invalid'
          ? 'invalid-input'
          : 'forbidden';
    return new IpcError(code, error.message);
  }
  if (error instanceof SignatureSpaceError || error instanceof TimestampError)
    return new IpcError('unavailable', error.message);
  return error;
}
