import type { ChainHead } from '../../../../core/audit/chain';
import type { ReviewBinding } from '../../../../core/bundle/manifest';
import { bundleFileName } from '../../../../core/bundle/manifest';
import type { BundleRecord } from '../../../../core/bundle/records';
import type { PreparedSlice } from '../../../../core/bundle/slice';
import { recordsWritten } from '../../../../core/bundle/slice';
import type { SignedBundleFile } from '../../../../core/ipc/contract';
import { getApi } from '../../app/api';
import type { LedgerDatabase } from '../../db';
import { currentActor, db as appDb } from '../../db';
import type { ChunkedWrite } from '../backup/ipc-target';
import { beginChunkedWrite } from '../backup/ipc-target';
import {
  BundleExportError,
  declaredSigner,
  prepareFromDatabase,
  recordBundle,
  writeSlice,
} from './export';

/**
 * Sending a review back: everything changed in the bundle's slice since it was imported (the
 * reviewer's edits and observations, with their audit entries) becomes a review archive bound
 * to the original signed manifest. Main co-signs it and appends it after the original bytes,
 * which are streamed back unchanged from the copy kept at import.
 */

/** The chain head right after the import: the bundle's row is the import's last write. */
export async function importHead(db: LedgerDatabase, row: BundleRecord): Promise<ChainHead> {
  const entry = await db.auditLog.where('[entity+key]').equals(['bundles', row.id]).first();
  if (!entry) throw new BundleExportError('The import of this bundle is not in the audit log.');
  return { seq: entry.seq, hash: entry.hash };
}

export function reviewBinding(row: BundleRecord): ReviewBinding {
  const previous = row.reviews.at(-1);
  return {
    number: row.reviews.length + 1,
    original: { manifestSha256: row.manifestSha256, signatureSha256: row.signatureSha256 },
    previous: previous
      ? { manifestSha256: previous.manifestSha256, signatureSha256: previous.signatureSha256 }
      : null,
  };
}

export async function prepareReview(db: LedgerDatabase, row: BundleRecord): Promise<PreparedSlice> {
  return prepareFromDatabase(db, row.scope, {
    bundleId: row.bundleId,
    since: await importHead(db, row),
  });
}

export interface PendingReview {
  /** Records changed or added since the import, observations included. */
  records: number;
  /** Co-signs in main and saves; null when the user cancels the save dialog. */
  sign(passphrase?: string): Promise<SignedBundleFile | null>;
  cancel(): Promise<void>;
}

export async function startReviewExport(rowId: string): Promise<PendingReview> {
  const row = await appDb.bundles.get(rowId);
  if (row?.role !== 'imported' || row.file === null) {
    throw new BundleExportError('Only a bundle imported for review can be sent back.');
  }
  const signer = await declaredSigner();
  const info = await getApi().appGetInfo();
  const now = new Date();
  const prepared = await prepareReview(appDb, row);
  const writes: ChunkedWrite[] = [];
  const cancel = async (): Promise<void> => {
    await Promise.all(writes.map((write) => write.abort().catch(() => undefined)));
  };
  try {
    const original = await openScratch('original.dlbundle', writes);
    const reader = row.file.stream().getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      await original.sink.write(value);
    }
    await original.sink.flush();
    const review = await openScratch('review.dlbundle', writes);
    await writeSlice(appDb, prepared, review.sink, {
      bundleId: row.bundleId,
      signer,
      review: reviewBinding(row),
      app: { name: info.name, version: info.version },
      createdBy: currentActor(),
      now,
    });
    await review.sink.flush();
    const records = recordsWritten(prepared);
    return {
      records,
      async sign(passphrase) {
        const { bundle } = await getApi().bundleFinishReview({
          originalWriteId: original.writeId,
          reviewWriteId: review.writeId,
          suggestedName: bundleFileName(`${row.title}`, now, true),
          identity: signer.fingerprint,
          ...(passphrase === undefined ? {} : { passphrase }),
        });
        if (bundle === null) return null;
        await recordBundle(appDb, {
          role: 'reviewed',
          bundleId: row.bundleId,
          scope: row.scope,
          title: row.title,
          signed: bundle,
          records,
          reviewOf: row,
        });
        return bundle;
      },
      cancel,
    };
  } catch (error) {
    await cancel();
    throw error;
  }
}

async function openScratch(name: string, opened: ChunkedWrite[]): Promise<ChunkedWrite> {
  const write = await beginChunkedWrite({ to: 'scratch', suggestedName: name });
  if (write === null) throw new BundleExportError('The app could not start writing the review.');
  opened.push(write);
  return write;
}
