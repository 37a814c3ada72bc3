import type { SignatureStanding } from '../../trust/rule';
import { plain } from '../../util/plain-text';
import type { VerifyReport } from './index';

/** A verified PDF's signatures as the trust rule (core/trust/rule.ts) sees them. */
export function pdfSignatureStandings(report: VerifyReport): SignatureStanding[] {
  return report.signatures.map((signature, index) => ({
    label: `Signature ${index + 1} (${plain(signature.signer?.commonName || signature.signer?.subject || 'unknown signer')})`,
    valid: signature.valid,
    trusted: signature.trust.trusted,
    problem: plain(signature.valid ? signature.trust.problem : (signature.problems[0] ?? '')),
  }));
}
