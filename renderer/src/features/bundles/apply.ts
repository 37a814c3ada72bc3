import { keyFromString } from '../../../../core/bundle/contents';
import type { Resolution } from '../../../../core/bundle/merge';
import { mergeWrites } from '../../../../core/bundle/merge';
import type { BundleRecord } from '../../../../core/bundle/records';
import { newId } from '../../../../core/model';
import type { LedgerDatabase } from '../../db';
import { signerSummary } from './export';
import type { BundleInspection } from './inspect';

/**
 * Stores what an inspected bundle brings, in ONE transaction: every planned change, each
 * conflict as resolved (keeping ours writes nothing), and a row recording the bundle, its
 * signers and every resolution. The audit middleware records every write with the action
 * `import` (a bundle imported for review) or `merge` (a review merged back), so the chain grows
 * with them and stays verifiable. Nothing is written unless every conflict was resolved.
 */
export async function applyBundle(
  db: LedgerDatabase,
  inspection: BundleInspection,
  resolutions: ReadonlyMap<string, Resolution>,
  actor: string,
): Promise<BundleRecord> {
  const { verdict, plan } = inspection;
  const info = verdict.info;
  if (inspection.refusal !== null || plan === null || info === null || verdict.original === null) {
    throw new Error(inspection.refusal ?? 'This bundle cannot be stored.');
  }
  const writes = mergeWrites(plan, resolutions);
  const record: BundleRecord = {
    id: newId(),
    bundleId: info.id,
    workspaceId: info.workspace.id,
    role: inspection.mode === 'merge' ? 'merged' : 'imported',
    title: info.title,
    scope: info.scope,
    fileName: inspection.file.name,
    path: null,
    size: inspection.file.size,
    sha256: verdict.fileSha256,
    ...verdict.original,
    signer: verdict.signature ? signerSummary(verdict.signature) : emptySigner(),
    reviews: verdict.reviews.map((review) => ({
      number: review.number,
      manifestSha256: review.ref?.manifestSha256 ?? '',
      signatureSha256: review.ref?.signatureSha256 ?? '',
      signer: review.signature ? signerSummary(review.signature) : emptySigner(),
    })),
    records: plan.records.length,
    applied: writes.length,
    // mergeWrites has checked that every conflict has its resolution.
    resolutions: plan.conflicts.map((conflict) => ({
      table: conflict.table,
      key: conflict.key,
      choice: resolutions.get(conflict.id) ?? 'ours',
    })),
    at: new Date().toISOString(),
    by: actor,
    // Kept so that the review can be sent back with the original bytes.
    file: inspection.mode === 'import' ? inspection.file : null,
  };
  const tables = [...new Set([...writes.map((write) => write.table), 'bundles'])];
  await db.audited(inspection.mode, tables, async () => {
    for (const write of writes) {
      const table = db.table(write.table);
      if (write.value === null) await table.delete(keyFromString(write.key) as string);
      else await table.put(write.value);
    }
    // Last, so its entry is the chain head right after the import: a review starts there.
    await db.bundles.add(record);
  });
  return record;
}

function emptySigner(): BundleRecord['signer'] {
  return { commonName: '', fingerprint: '', trusted: false, signedAt: null };
}
