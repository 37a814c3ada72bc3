import type { ChainHead } from '../../../../core/audit/chain';
import type { Manifest } from '../../../../core/archive/format';
import type { ByteSink } from '../../../../core/archive/writer';
import type { BundleSigner, ReviewBinding } from '../../../../core/bundle/manifest';
import { bundleFileName } from '../../../../core/bundle/manifest';
import type { BundleRecord, SignerSummary } from '../../../../core/bundle/records';
import type { SignatureCheck } from '../../../../core/signing/detached';
import { RECORD_SCHEMAS } from '../../../../core/bundle/records';
import type { BundleScope } from '../../../../core/bundle/scope';
import type { PreparedSlice } from '../../../../core/bundle/slice';
import { prepareSlice, recordsWritten, writeBundle } from '../../../../core/bundle/slice';
import type { SignedBundleFile } from '../../../../core/ipc/contract';
import { newId } from '../../../../core/model';
import { getApi } from '../../app/api';
import { readCurrentPerson } from '../people/queries';
import { signingIdentityOf } from '../signing/identity';
import type { LedgerDatabase } from '../../db';
import { currentActor, db as appDb } from '../../db';
import type { ChunkedWrite } from '../backup/ipc-target';
import { beginChunkedWrite } from '../backup/ipc-target';
import { databaseLog, databaseStore, tableDescriber } from './ledger';

/**
 * Exporting a bundle: the slice is read in one read transaction (records and log as one
 * state), written as an archive to main in chunks, then signed by main with the auditor's
 * identity. The export is recorded (audit action `export`).
 */

export class BundleExportError extends Error {
  override readonly name = 'BundleExportError';
}

export async function prepareFromDatabase(
  db: LedgerDatabase,
  scope: BundleScope,
  options: { bundleId: string; since: ChainHead | null },
): Promise<PreparedSlice> {
  const tables = db.tables.filter(
    (table) => table.name in RECORD_SCHEMAS || table.name === 'auditLog',
  );
  // An async callback: Dexie keeps the transaction alive across native awaits only for those.
  return db.transaction('r', tables, async () => {
    return await prepareSlice(scope, databaseStore(db), databaseLog(db), options);
  });
}

export interface SliceExportOptions {
  bundleId: string;
  signer: BundleSigner;
  review: ReviewBinding | null;
  app: Manifest['app'];
  createdBy: string;
  now: Date;
}

/** Writes the prepared slice as an unsigned bundle archive. */
export async function writeSlice(
  db: LedgerDatabase,
  prepared: PreparedSlice,
  sink: ByteSink,
  options: SliceExportOptions,
): Promise<Manifest> {
  return writeBundle(prepared, sink, {
    id: options.bundleId,
    signer: options.signer,
    review: options.review,
    createdAt: options.now,
    createdBy: options.createdBy,
    app: options.app,
    database: { name: db.name, schemaVersion: db.verno },
    describe: tableDescriber(db),
  });
}

/** The signing identity of the person at the keyboard, as a bundle names it; exporting needs one. */
export async function declaredSigner(): Promise<BundleSigner> {
  const identity = await signingIdentityOf(await readCurrentPerson());
  if (identity === null) {
    throw new BundleExportError(
      'Create or import your signing identity first (Settings → Signing identities): bundles are signed.',
    );
  }
  return {
    fingerprint: identity.certificate.fingerprint,
    commonName: identity.certificate.commonName || identity.certificate.subject,
  };
}

/** A bundle written to main and waiting for its signature. */
export interface PendingBundle {
  title: string;
  records: number;
  /** Signs it in main; an IpcError `forbidden` means the passphrase is needed (or wrong). */
  sign(passphrase?: string): Promise<SignedBundleFile>;
  cancel(): Promise<void>;
}

/**
 * Where an exported bundle goes: a file the user chooses, or the team locker's outbox in main,
 * which publishes it once it is signed (the same bundle, the same signature).
 */
export type ExportDestination = 'file' | 'team-locker';

/**
 * Writes a bundle of `scope` to a file the user chooses (null when they cancel the dialog), or
 * to the team locker's outbox.
 */
export async function startExport(
  scope: BundleScope,
  destination: ExportDestination = 'file',
): Promise<PendingBundle | null> {
  const signer = await declaredSigner();
  const info = await getApi().appGetInfo();
  const bundleId = newId();
  const now = new Date();
  const prepared = await prepareFromDatabase(appDb, scope, { bundleId, since: null });
  const title = prepared.selection.title;
  const suggestedName = bundleFileName(`${prepared.selection.workspace.name} ${title}`, now);
  const write: ChunkedWrite | null = await beginChunkedWrite(
    destination === 'file'
      ? { to: 'dialog', suggestedName, description: 'Demo Ledger audit bundle' }
      : { to: 'locker-outbox', suggestedName },
  );
  if (write === null) return null;
  try {
    await writeSlice(appDb, prepared, write.sink, {
      bundleId,
      signer,
      review: null,
      app: { name: info.name, version: info.version },
      createdBy: currentActor(),
      now,
    });
    await write.sink.flush();
  } catch (error) {
    await write.abort().catch(() => undefined);
    throw error;
  }
  const records = recordsWritten(prepared);
  return {
    title,
    records,
    async sign(passphrase) {
      const signed = await getApi().bundleFinish({
        writeId: write.writeId,
        identity: signer.fingerprint,
        ...(passphrase === undefined ? {} : { passphrase }),
      });
      await recordBundle(appDb, { role: 'exported', bundleId, scope, title, signed, records });
      return signed;
    },
    cancel: write.abort,
  };
}

export function signerSummary(check: SignatureCheck): SignerSummary {
  return {
    commonName: check.signer?.commonName || check.signer?.subject || '',
    fingerprint: check.signer?.fingerprint ?? '',
    trusted: check.trust.trusted,
    signedAt: check.signedAt,
  };
}

/**
 * Records a bundle that left the app: one exported here, or a review of an imported one sent
 * back (`reviewOf`: the imported bundle's row, whose exporter and reviews it carries on).
 */
export async function recordBundle(
  db: LedgerDatabase,
  entry: {
    role: 'exported' | 'reviewed';
    bundleId: string;
    scope: BundleScope;
    title: string;
    signed: SignedBundleFile;
    records: number;
    reviewOf?: BundleRecord;
  },
): Promise<BundleRecord> {
  const { signed, reviewOf } = entry;
  const signer = signerSummary(signed.signature);
  const original = reviewOf ?? signed.ref;
  const record: BundleRecord = {
    id: newId(),
    bundleId: entry.bundleId,
    workspaceId: entry.scope.workspaceId,
    role: entry.role,
    title: entry.title,
    scope: entry.scope,
    fileName: signed.path.split(/[\\/]/).pop() ?? signed.path,
    path: signed.path,
    size: signed.size,
    sha256: signed.sha256,
    manifestSha256: original.manifestSha256,
    signatureSha256: original.signatureSha256,
    signer: reviewOf?.signer ?? signer,
    reviews: reviewOf
      ? [...reviewOf.reviews, { number: reviewOf.reviews.length + 1, ...signed.ref, signer }]
      : [],
    records: entry.records,
    applied: 0,
    resolutions: [],
    at: new Date().toISOString(),
    by: currentActor(),
    file: null,
  };
  await db.audited('export', ['bundles'], () => db.bundles.add(record));
  return record;
}
