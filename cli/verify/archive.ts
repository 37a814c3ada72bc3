import type { ArchiveVerdict } from '../../core/archive/verify';
import { verifyArchiveFile } from '../../main/services/archive-file';
import { judgeSignatures } from '../../core/trust/rule';
import { plain } from '../../core/util/plain-text';
import type { FileVerifier } from './verifier';

/** Demo Ledger backups: hashes, manifest, chain and record states. */
export const archiveVerifier: FileVerifier = {
  accepts: 'demo-ledger-archive',
  async verify(file, options) {
    const verdict = await verifyArchiveFile(file);
    // Backups carry no signature: they pass as "unsigned" unless --require-signed.
    const trust = judgeSignatures([], options.policy, { signatureRequired: false });
    return {
      file,
      kind: verdict.manifest?.kind ?? verdict.marker?.kind ?? 'archive',
      ok: verdict.ok && trust.ok,
      problems: [...verdict.problems, ...trust.problems],
      trust,
      summary: [...archiveSummary(verdict), 'Signature: unsigned (backups are not signed)'],
      details: { archive: archiveDetails(verdict) },
    };
  },
};

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
