import path from 'node:path';
import { IpcError } from '../../core/ipc/result';
import { pemBlocks } from '../../core/signing/der';
import type { SignPdfOptions } from '../../core/signing/sign';
import { SignatureSpaceError, signPdf } from '../../core/signing/sign';
import { TimestampError } from '../../core/signing/timestamp';
import type { VerifyReport } from '../../core/signing/verify/index';
import { verifyPdfInWorker } from './pdf-verifier';
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import type { SecretStorage } from '../platform';
import { parseCertificate, summariseCertificate } from '../../core/signing/certificates';
import { Keyring } from './keyring';
import type { KdfParams } from './keystore';
import { DEFAULT_KDF, KeystoreError } from './keystore';
import { httpTimestampTransport } from './timestamp-client';
import { TrustStore } from './trust-store';

/**
 * Signing and verifying with the identities of the people on this computer: the only place
 * private keys are used. The handler table calls this; so could a CLI or another host.
 */

export interface SignRequest {
  pdf: Uint8Array;
  /** SHA-256 fingerprint of the signing identity's certificate. */
  identity: string;
  passphrase?: string | undefined;
  reason: string;
  location: string;
  tsaUrl?: string | undefined;
  subFilter: NonNullable<SignPdfOptions['subFilter']>;
}

export class SigningService {
  readonly keyring: Keyring;
  readonly trust: TrustStore;

  constructor(
    dataPath: string,
    secrets: SecretStorage,
    kdf: KdfParams = DEFAULT_KDF,
    /** The time signatures carry, identities are made and certificates are added at. */
    readonly clock: Clock = systemClock,
  ) {
    const directory = path.join(dataPath, 'signing');
    this.keyring = new Keyring(directory, secrets, kdf, clock);
    this.trust = new TrustStore(directory, clock);
  }

  async sign(request: SignRequest): Promise<Uint8Array<ArrayBuffer>> {
    try {
      const signer = await this.keyring.signer(request.identity, request.passphrase);
      const summary = await summariseCertificate(parseCertificate(signer.certificate));
      return await signPdf(request.pdf, signer, {
        subFilter: request.subFilter,
        signingTime: this.clock(),
        reason: request.reason,
        location: request.location,
        name: summary.commonName,
        contactInfo: summary.email,
        ...(request.tsaUrl ? { timestamp: httpTimestampTransport(request.tsaUrl) } : {}),
      });
    } catch (error) {
      throw asIpcError(error);
    }
  }

  /**
   * The trust list plus the identities kept on this computer: both are this computer's own
   * files, added through the same app, so trusting one and not the other would add nothing.
   */
  async trusted(): Promise<Uint8Array[]> {
    const listed = await this.trust.certificates();
    const own = await this.keyring.list();
    return [...listed, ...own.flatMap((identity) => pemBlocks(identity.certificatePem))];
  }

  async verify(pdf: Uint8Array): Promise<VerifyReport> {
    return verifyPdfInWorker({ input: { bytes: pdf }, trusted: await this.trusted() });
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
