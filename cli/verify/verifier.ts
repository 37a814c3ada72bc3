import type { SniffedKind } from '../../core/archive/format';
import type { TrustAnchors } from '../../core/trust/explain';
import type { TrustJudgement, TrustPolicy } from '../../core/trust/rule';

/**
 * One kind of file `demo-ledger verify` can check. The command reads the first bytes of each
 * file, asks `sniffFile` what it is, and hands it to the verifier that accepts that kind; a new
 * kind (signed PDF reports, audit bundles) is a new entry in `VERIFIERS`.
 */
export interface FileVerifier {
  /** What `sniffFile` must say for this verifier to take the file. */
  accepts: SniffedKind;
  verify(file: string, options: VerifyOptions): Promise<VerifyReport>;
}

/** What the command line says about trust; verifiers that check signatures use it. */
export interface VerifyOptions {
  /** Certificates (DER) to trust, from `--trust`. */
  trusted: readonly Uint8Array[];
  /** Which `--trust` file each trusted certificate came from, to say why a signer is trusted. */
  anchors: TrustAnchors;
  /** `--allow-untrusted`, `--require-signed` (core/trust/rule.ts). */
  policy: TrustPolicy;
  /** Certificate revocation lists (DER), from `--crl`: sign-off checks consult them. */
  crls: readonly Uint8Array[];
  /** Now, for whether a certificate has expired since it signed. */
  now: Date;
}

export interface VerifyReport {
  file: string;
  /** `backup`, `bundle`, `pdf` ... */
  kind: string;
  ok: boolean;
  /** Sentences naming what is wrong, the root cause first. */
  problems: string[];
  /** The trust rule's judgement of the file's signatures. */
  trust: TrustJudgement;
  /** Human-readable lines for the text output. */
  summary: string[];
  /** Kind-specific facts for `--json`, under a key named after the kind of check. */
  details: Record<string, unknown>;
}
