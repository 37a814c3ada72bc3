import { toCanonicalValue } from '../../../../core/audit/canonical';
import { stateHashOf } from '../../../../core/audit/chain';
import type { SegmentRow } from '../../../../core/audit/segment';
import type { SliceContents } from '../../../../core/bundle/contents';
import { keyFromString, readSlice, reviewChanges } from '../../../../core/bundle/contents';
import type { MergePlan, Version } from '../../../../core/bundle/merge';
import { planMerge, splitId } from '../../../../core/bundle/merge';
import type { BundleRecord } from '../../../../core/bundle/records';
import { CONTENT_ADDRESSED, recordProblem } from '../../../../core/bundle/records';
import type { SignatureChecker } from '../../../../core/bundle/signature';
import type { BundleVerdict } from '../../../../core/bundle/verify';
import { verifyBundle } from '../../../../core/bundle/verify';
import type { LedgerDatabase } from '../../db';

/**
 * Reading a bundle before anything of it is stored: verify everything (hashes, chain, records,
 * every signature and its trust), refuse what cannot be used here, and plan the merge record
 * by record. A bundle this profile exported that comes back with reviews is merged against the
 * bundle as exported (three-way); any other is imported for review, with every record that
 * already exists here in another state shown as a conflict.
 */

export interface BundleInspection {
  file: File;
  verdict: BundleVerdict;
  /** Why it cannot be imported or merged here; null when it can. */
  refusal: string | null;
  mode: 'import' | 'merge';
  /** The export this bundle comes back to, when merging. */
  exported: BundleRecord | null;
  plan: MergePlan<unknown> | null;
  /** Earlier imports or merges of exactly this file. */
  previously: BundleRecord[];
}

export type InspectProgress = { bytes: number; total: number };

export async function inspectBundle(
  db: LedgerDatabase,
  file: File,
  check: SignatureChecker,
  onProgress?: (progress: InspectProgress) => void,
): Promise<BundleInspection> {
  const verdict = await verifyBundle(file, check, {
    ...(onProgress ? { onBytes: (bytes, total) => onProgress({ bytes, total }) } : {}),
  });
  const inspection: BundleInspection = {
    file,
    verdict,
    refusal: null,
    mode: 'import',
    exported: null,
    plan: null,
    previously: [],
  };
  const refuse = (reason: string): BundleInspection => ({ ...inspection, refusal: reason });
  if (!verdict.ok || verdict.info === null || verdict.original === null) {
    return refuse(verdict.problems[0] ?? 'The bundle did not verify.');
  }
  const untrusted = [verdict.signature, ...verdict.reviews.map((review) => review.signature)].find(
    (signature) => signature !== null && !signature.trust.trusted,
  );
  if (untrusted) {
    const who = untrusted.signer?.commonName || untrusted.signer?.subject || 'The signer';
    return refuse(
      `${who}'s certificate (SHA-256 ${untrusted.signer?.fingerprint ?? '?'}) is not on your trust list: ${untrusted.trust.problem}. Check the fingerprint with them, add their certificate in Settings → Trusted certificates, then choose the file again.`,
    );
  }
  const info = verdict.info;
  const exported =
    (await db.bundles.where('bundleId').equals(info.id).toArray()).find(
      (row) => row.role === 'exported' && row.manifestSha256 === verdict.original?.manifestSha256,
    ) ?? null;
  const mode = exported ? 'merge' : 'import';
  if (mode === 'merge' && verdict.reviews.length === 0) {
    return refuse(
      'This is the bundle you exported, with no review in it yet: there is nothing to merge.',
    );
  }
  const original = await readSlice(file, verdict.archive);
  const reviews: SliceContents[] = [];
  for (const review of verdict.reviews) {
    const { dataOffset, size } = review.entry;
    reviews.push(await readSlice(file.slice(dataOffset, dataOffset + size), review.archive));
  }
  const problem = contentProblem(db, [original, ...reviews]);
  if (problem) return refuse(`This bundle cannot be stored here: ${problem}.`);
  if (mode === 'merge' && !(await matchesOwnLog(db, original.audit))) {
    return refuse(
      'The history in this bundle does not match this ledger’s audit log, so it was not exported from this ledger as it is now (was it restored from an older backup?).',
    );
  }
  const changes = reviews.map(reviewChanges);
  const ids = new Set<string>(mode === 'merge' ? [] : original.records.keys());
  for (const change of changes) for (const id of change.keys()) ids.add(id);
  const plan = planMerge({
    original: original.records,
    reviews: changes,
    ours: await oursOf(db, ids),
    origin: mode === 'merge',
    contentAddressed: CONTENT_ADDRESSED,
  });
  const previously = (await db.bundles.where('bundleId').equals(info.id).toArray()).filter(
    (row) =>
      (row.role === 'imported' || row.role === 'merged') && row.sha256 === verdict.fileSha256,
  );
  return { ...inspection, mode, exported, plan, previously };
}

/** Tables this app does not have, and records that do not fit their schema. */
function contentProblem(db: LedgerDatabase, slices: readonly SliceContents[]): string | null {
  const names = new Set(db.tables.map((table) => table.name));
  for (const slice of slices) {
    for (const table of slice.tables.keys()) {
      if (table !== 'auditLog' && !names.has(table)) {
        return `it holds “${table}”, which this version of Demo Ledger does not have`;
      }
    }
    for (const [id, record] of slice.records) {
      const { table, key } = splitId(id);
      const problem = recordProblem(table, key, record.value);
      if (problem) return problem;
    }
  }
  return null;
}

/** Every entry of the bundle's segment, full or redacted, is the same entry in our own log. */
async function matchesOwnLog(db: LedgerDatabase, rows: readonly SegmentRow[]): Promise<boolean> {
  for (const row of rows) {
    const ours = await db.auditLog.get(row.seq);
    if (ours?.hash !== row.hash) return false;
    if ('redacted' in row) {
      const before = row.from === 1 ? null : await db.auditLog.get(row.from - 1);
      if (before !== null && before?.hash !== row.prev) return false;
    }
  }
  return true;
}

async function oursOf(
  db: LedgerDatabase,
  ids: ReadonlySet<string>,
): Promise<Map<string, Version<unknown> | null>> {
  const ours = new Map<string, Version<unknown> | null>();
  await db.transaction('r', db.tables, async () => {
    for (const id of ids) {
      const { table, key } = splitId(id);
      const value: unknown = await db.table(table).get(keyFromString(key) as string);
      ours.set(
        id,
        value === undefined
          ? null
          : { state: stateHashOf(value) ?? '', canonical: toCanonicalValue(value), value },
      );
    }
  });
  return ours;
}
