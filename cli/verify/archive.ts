import type { BackupSignature } from '../../core/archive/backup-signature';
import { checkBackupSignature } from '../../core/archive/backup-signature';
import type { ArchiveVerdict } from '../../core/archive/verify';
import { trustingChecker } from '../../core/bundle/signature';
import { verifyArchiveFile } from '../../main/services/archive-file';
import type { SignatureStanding, TrustPolicy } from '../../core/trust/rule';
import { judgeSignatures } from '../../core/trust/rule';
import { plain } from '../../core/util/plain-text';
import type { FileVerifier } from './verifier';

/**
 * Demo Ledger backups: hashes, manifest, chain and record states, and the signature its
 * manifest declares (a backup made while the person's identity was unlocked) or the reason it
 * gives for having none. Unsigned backups pass as "unsigned" unless --require-signed.
 */
export const archiveVerifier: FileVerifier = {
  accepts: 'demo-ledger-archive',
  async verify(file, options) {
    const verdict = await verifyArchiveFile(file);
    const signature = await checkBackupSignature(verdict, trustingChecker(options.trusted));
    const standings = standingOf(signature);
    const trust = judgeSignatures(standings, options.policy, { signatureRequired: false });
    return {
      file,
      kind: verdict.manifest?.kind ?? verdict.marker?.kind ?? 'archive',
      ok: verdict.ok && signature.problems.length === 0 && trust.ok,
      problems: [
        ...verdict.problems,
        ...signature.problems.map((problem) => plain(problem)),
        // The signature's own problems are listed above; the rule adds what trust decides.
        ...trust.problems.filter((problem) => !problem.includes(': not valid (')),
      ],
      trust,
      summary: [...archiveSummary(verdict), signatureLine(signature, options.policy)],
      details: { archive: archiveDetails(verdict), signature: signatureDetails(signature) },
    };
  },
};

function standingOf(signature: BackupSignature): SignatureStanding[] {
  if (signature.kind === 'unsigned') return [];
  const check = signature.signature;
  const valid = check !== null && check.valid && check.signerMatches;
  return [
    {
      label: `Backup signature (${plain(signerName(signature))})`,
      valid,
      trusted: check?.trust.trusted ?? false,
      problem: valid ? (check?.trust.problem ?? '') : (signature.problems[0] ?? 'not signed'),
    },
  ];
}

function signerName(signature: Extract<BackupSignature, { kind: 'signed' }>): string {
  const check = signature.signature;
  return (
    check?.signer?.commonName ||
    check?.signer?.subject ||
    check?.declaredSigner?.commonName ||
    'unknown signer'
  );
}

/** The line `verify` prints: who signed the backup and how that stands, or why no one did. */
function signatureLine(signature: BackupSignature, policy: TrustPolicy): string {
  if (signature.kind === 'unsigned') return `Signature: unsigned (${plain(signature.reason)})`;
  const check = signature.signature;
  if (check === null)
    return `Signature: MISSING (the manifest names ${plain(signerName(signature))})`;
  const valid = check.valid && check.signerMatches;
  const trust = check.trust.trusted
    ? 'trusted'
    : policy.allowUntrusted
      ? `NOT TRUSTED, accepted without trust (--allow-untrusted): ${plain(check.trust.problem)}`
      : `NOT TRUSTED (${plain(check.trust.problem)})`;
  return `Signature: signed by ${plain(signerName(signature))} (certificate ${check.signer?.fingerprint ?? '?'}), signed ${check.signedAt ?? 'at an unstated time'}: ${valid ? 'valid' : 'INVALID'}, ${trust}`;
}

function signatureDetails(signature: BackupSignature): Record<string, unknown> {
  if (signature.kind === 'unsigned') return { signed: false, reason: signature.reason };
  const check = signature.signature;
  return {
    signed: true,
    signer: check?.signer ?? null,
    declaredSigner: check?.declaredSigner ?? null,
    signedAt: check?.signedAt ?? null,
    valid: check !== null && check.valid && check.signerMatches,
    trusted: check?.trust.trusted ?? false,
    problems: signature.problems,
  };
}

/** What a backup or bundle holds and whether its files, chain and records check out. */
export function archiveSummary(verdict: ArchiveVerdict): string[] {
  const { manifest, chain } = verdict;
  const summary: string[] = [];
  if (manifest) {
    const rows = manifest.database.tables.reduce((sum, table) => sum + table.rows, 0);
    summary.push(
      `Made ${plain(manifest.createdAt)} by ${plain(manifest.createdBy) || 'unknown'} with ${plain(manifest.app.name)} ${plain(manifest.app.version)} (database version ${manifest.database.schemaVersion})`,
      `${manifest.database.tables.length} tables, ${rows} rows, ${manifest.blobs.count} stored files (${manifest.blobs.bytes} bytes)`,
      `Files: ${verdict.files.checked} of ${manifest.files.length} match their SHA-256`,
    );
  }
  const redacted = chain.redacted > 0 ? ` (${chain.redacted} about other records, redacted)` : '';
  const after = chain.start.seq > 0 ? ` after entry ${chain.start.seq}` : '';
  summary.push(
    chain.ok
      ? `Audit chain: ${chain.checked} entries intact${redacted}${after}, head ${chain.head.seq} ${chain.head.hash}`
      : `Audit chain: broken at entry ${chain.firstBreak?.seq ?? '?'} after ${chain.checked} intact entries`,
    `Records differing from the audit log: ${verdict.mismatchCount}`,
  );
  return summary;
}

export function archiveDetails(verdict: ArchiveVerdict): Record<string, unknown> {
  const { manifest, chain } = verdict;
  return {
    createdAt: manifest?.createdAt ?? null,
    createdBy: manifest?.createdBy ?? null,
    app: manifest?.app ?? null,
    schemaVersion: manifest?.database.schemaVersion ?? null,
    tables: manifest?.database.tables.map(({ name, rows }) => ({ name, rows })) ?? [],
    blobs: manifest?.blobs ?? null,
    files: { listed: manifest?.files.length ?? 0, ...verdict.files },
    chain: {
      ok: chain.ok,
      entries: chain.checked,
      start: chain.start,
      head: chain.head,
      redacted: chain.redacted,
      firstBreak: chain.firstBreak,
    },
    recordsDifferingFromLog: verdict.mismatchCount,
    mismatches: verdict.mismatches.slice(0, 100),
  };
}
