import type { SignatureChecker } from '../bundle/signature';
import type { SignatureVerdict } from '../bundle/verify';
import { checkSigned } from '../bundle/verify';
import type { ArchiveVerdict } from './verify';

/**
 * Whether a backup is signed, as its manifest says, and whether the signature holds: a backup
 * whose manifest names a signer must carry that signer's signature over manifest.json; one
 * whose manifest says why it is unsigned must carry none. A backup made before backups were
 * signed says neither and is unsigned.
 */

export type BackupSignature =
  | { kind: 'signed'; signature: SignatureVerdict | null; problems: string[] }
  | { kind: 'unsigned'; reason: string; problems: string[] };

export const UNSIGNED_BEFORE = 'made before Demo Ledger signed backups';

export async function checkBackupSignature(
  archive: Pick<ArchiveVerdict, 'manifest' | 'manifestBytes' | 'signature'>,
  check: SignatureChecker,
): Promise<BackupSignature> {
  const declared = archive.manifest?.backup;
  const problems: string[] = [];
  if (!declared?.signer) {
    if (archive.signature !== null)
      problems.push('The backup carries a signature that its manifest does not declare.');
    return {
      kind: 'unsigned',
      reason: declared?.unsignedReason ?? UNSIGNED_BEFORE,
      problems,
    };
  }
  const signature = await checkSigned(
    archive,
    declared.signer,
    check,
    `The manifest says ${declared.signer.commonName || 'an identity'} signed this backup, but it carries no signature (removed after it was made?).`,
    problems,
  );
  return { kind: 'signed', signature, problems };
}
