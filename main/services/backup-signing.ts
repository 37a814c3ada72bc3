import { IpcError } from '../../core/ipc/result';
import { SIGNATURE_PATH } from '../../core/archive/format';
import type { BackupSignature } from '../../core/archive/backup-signature';
import type { ArchiveVerdict } from '../../core/archive/verify';
import { checkBackupSignature } from '../../core/archive/backup-signature';
import { signManifest, trustingChecker } from '../../core/bundle/signature';
import { verifyArchiveFile } from './archive-file';
import { appendEntry, fileDigest } from './bundle-files';
import type { SigningService } from './signing';

/**
 * Backups in main: the renderer streams the archive in and says which identity its manifest
 * names (or none); main verifies exactly what arrived and, for a named identity, signs the
 * manifest with it — only if it is unlocked or remembered, as for any unattended work: a
 * backup never asks for a passphrase — appends the signature and checks the result.
 */

/**
 * The archive at `file` (its verdict already, when it was verified as it was written), refused
 * (and so not kept) unless it verifies.
 */
async function verifiedArchive(
  file: string,
  arrived: ArchiveVerdict | null = null,
): Promise<ArchiveVerdict> {
  const verdict = arrived ?? (await verifyArchiveFile(file));
  if (!verdict.ok)
    throw new IpcError(
      'invalid-input',
      `The written archive did not verify and was not kept: ${verdict.problems[0] ?? 'unknown problem'}`,
    );
  return verdict;
}

/**
 * Signs the backup at `file` (a complete, unsigned archive) if its manifest names a signer.
 * `arrived` is the verdict on exactly the bytes written there, when they were verified as they
 * arrived (main/services/write-sessions.ts); otherwise the file is read and verified now.
 */
export async function signBackupFile(
  file: string,
  signing: SigningService,
  now: Date,
  arrived: ArchiveVerdict | null = null,
): Promise<{ size: number; sha256: string; signature: BackupSignature }> {
  const verdict = await verifiedArchive(file, arrived);
  const declared = verdict.manifest?.backup?.signer ?? null;
  if (declared !== null) {
    if (verdict.signature !== null)
      throw new IpcError('invalid-input', 'The backup arrived signed already; it was not kept.');
    const signer = await signing.keyring.unattendedSigner(declared.fingerprint);
    if (signer === null)
      throw new IpcError(
        'forbidden',
        `${declared.commonName || 'The identity'} was locked before the backup could be signed; nothing was kept.`,
      );
    await appendEntry(
      file,
      SIGNATURE_PATH,
      await signManifest(verdict.manifestBytes ?? new Uint8Array(), signer, now),
      now,
    );
  }
  // What is kept is checked as any reader will check it (again, once a signature was added).
  const kept = declared === null ? verdict : await verifiedArchive(file);
  const signature = await checkBackupSignature(kept, trustingChecker(await signing.trusted()));
  if (signature.problems.length > 0)
    throw new IpcError('invalid-input', `The backup was not kept: ${signature.problems[0] ?? ''}`);
  return { ...(await fileDigest(file)), signature };
}
