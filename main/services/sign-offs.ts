import type { SignOffCheck } from '../../core/demo/sign-off';
import { checkSignOff, parseStatement } from '../../core/demo/sign-off';
import { signDetached } from '../../core/signing/detached';
import { signatureTimestamper } from '../../core/signing/timestamp';
import type { RevocationStore } from './revocation-store';
import type { SigningService } from './signing';
import { asIpcError } from './signing';
import { httpTimestampTransport } from './timestamp-client';
import type { Clock } from '../clock';
import { systemClock } from '../clock';

/**
 * Sign-offs in the main process, where the keys are: a person's identity signs a demo sign-off
 * statement (and nothing else: main refuses any text that is not one), with an RFC 3161
 * timestamp when a timestamp authority is configured; and any sign-off is checked against the
 * trust list, the identities on this computer and the revocation lists.
 */

export class SignOffError extends Error {
  override readonly name = 'SignOffError';
}

export interface SignOffRequest {
  identity: string;
  passphrase?: string | undefined;
  statement: string;
  tsaUrl?: string | undefined;
}

export class SignOffService {
  constructor(
    private readonly signing: SigningService,
    private readonly revocations: RevocationStore,
    private readonly now: Clock = systemClock,
  ) {}

  async sign(
    request: SignOffRequest,
  ): Promise<{ signature: Uint8Array<ArrayBuffer>; check: SignOffCheck }> {
    if (parseStatement(request.statement) === null) {
      throw new SignOffError('Only a demo sign-off statement can be signed here.');
    }
    let signature: Uint8Array;
    try {
      const signer = await this.signing.keyring.signer(request.identity, request.passphrase);
      signature = await signDetached(
        new TextEncoder().encode(request.statement),
        signer,
        this.now(),
        request.tsaUrl ? signatureTimestamper(httpTimestampTransport(request.tsaUrl)) : undefined,
      );
    } catch (error) {
      throw asIpcError(error);
    }
    const check = await this.verify(request.statement, signature);
    if (!check.valid) {
      throw new SignOffError(
        `The sign-off signature did not verify: ${check.problems[0] ?? 'unknown problem'}`,
      );
    }
    return { signature: new Uint8Array(signature), check };
  }

  async verify(statement: string, signature: Uint8Array): Promise<SignOffCheck> {
    return checkSignOff(statement, signature, {
      trusted: await this.signing.trusted(),
      crls: await this.revocations.lists(),
      now: this.now(),
    });
  }
}
