import { openAsBlob } from 'node:fs';
import path from 'node:path';
import { sniffFile } from '../../../core/archive/format';
import { BUNDLE_EXTENSION } from '../../../core/bundle/manifest';
import { EVIDENCE_EXTENSION } from '../../../core/evidence-bundle/manifest';
import { trustingChecker } from '../../../core/bundle/signature';
import { signaturesOf, standingsOf } from '../../../core/bundle/signature-lines';
import { verifyBundle } from '../../../core/bundle/verify';
import { judgeSignatures } from '../../../core/trust/rule';
import type { BlobRange } from '../../../core/locker/bundle-object';
import type { LockerBundleKind } from '../../../core/locker/layout';
import { nodeSha256, readHead } from '../archive-file';
import { readEvidenceBundleFile } from '../evidence-bundles';

/**
 * The kinds of bundle a locker holds, each able to check a bundle file on disk and say where it
 * goes and which of its bytes are blobs. A new kind (evidence bundles from `collect`) is a new
 * entry in `BUNDLE_KINDS`.
 */

export interface BundleTrust {
  /** Certificates (DER) whose signatures are trusted (`--trust`, the app's trust list). */
  trusted: readonly Uint8Array[];
  /** Accept valid signatures by certificates not trusted, and say so. */
  allowUntrusted: boolean;
}

export interface LocalBundle {
  file: string;
  kind: LockerBundleKind;
  extension: string;
  /** What the key is filed under: the workspace of an audit bundle, the repository of evidence. */
  scope: string;
  createdAt: Date;
  id: string;
  size: number;
  sha256: string;
  /** The blob entries: content stored once under its hash, left out of the bundle object. */
  blobs: BlobRange[];
  /** Who signed it, for messages. */
  signers: string[];
  /** Why it may not go into (or come out of) the locker, under the trust rule; empty when it may. */
  problems: string[];
  /** Valid signatures by certificates not trusted, accepted with --allow-untrusted. */
  untrusted: string[];
}

export interface BundleKindReader {
  kind: LockerBundleKind;
  extension: string;
  accepts(head: Uint8Array): boolean;
  read(file: string, trust: BundleTrust): Promise<LocalBundle>;
}

const auditBundles: BundleKindReader = {
  kind: 'audit',
  extension: BUNDLE_EXTENSION,
  accepts: (head) => sniffFile(head) === 'demo-ledger-bundle',
  async read(file, trust) {
    const blob = await openAsBlob(file);
    const verdict = await verifyBundle(blob, trustingChecker(trust.trusted), {
      createSha256: nodeSha256,
    });
    const manifest = verdict.archive.manifest;
    const hashes = new Map((manifest?.files ?? []).map((entry) => [entry.path, entry.sha256]));
    const blobs = verdict.archive.entries
      .filter((entry) => entry.name.startsWith('blobs/') && entry.size > 0)
      .map((entry) => ({
        offset: entry.dataOffset,
        size: entry.size,
        sha256: hashes.get(entry.name) ?? '',
      }))
      .filter((entry) => entry.sha256 !== '');
    const signatures = signaturesOf(verdict);
    const judged = judgeSignatures(
      standingsOf(signatures),
      { allowUntrusted: trust.allowUntrusted, requireSigned: true },
      { signatureRequired: true },
    );
    const problems = [
      ...verdict.problems,
      ...judged.problems.filter((problem) => !problem.includes(': not valid (')),
    ];
    const untrusted = signatures
      .filter((signature) => signature.valid && !signature.trusted)
      .map((signature) => `${signature.signer || 'an unnamed signer'} (${signature.role})`);
    return {
      file,
      kind: 'audit',
      extension: BUNDLE_EXTENSION,
      scope: verdict.info?.workspace.id ?? 'unknown',
      createdAt: new Date(manifest?.createdAt ?? 0),
      id: verdict.info?.id ?? 'unknown',
      size: blob.size,
      sha256: verdict.fileSha256,
      blobs,
      signers: signatures
        .filter((signature) => signature.problems[0] !== 'not signed')
        .map((signature) => `${signature.signer || 'an unnamed signer'} (${signature.role})`),
      problems,
      untrusted,
    };
  },
};

/** Evidence bundles from `demo-ledger collect`, filed by the repository their provenance names. */
const evidenceBundles: BundleKindReader = {
  kind: 'evidence',
  extension: EVIDENCE_EXTENSION,
  accepts: (head) => sniffFile(head) === 'demo-ledger-evidence',
  async read(file, trust) {
    const checked = await readEvidenceBundleFile(file, {
      trusted: trust.trusted,
      policy: { allowUntrusted: trust.allowUntrusted, requireSigned: true },
    });
    return {
      file,
      kind: 'evidence',
      extension: EVIDENCE_EXTENSION,
      // A pipeline that did not name its repository files its bundles under `unknown`.
      scope: checked.scope ?? 'unknown',
      createdAt: checked.createdAt ?? new Date(0),
      id: checked.id ?? 'unknown',
      size: checked.size,
      sha256: checked.sha256,
      blobs: checked.blobs.map(({ offset, size, sha256 }) => ({ offset, size, sha256 })),
      signers: checked.signers,
      problems: checked.problems,
      untrusted: checked.untrusted,
    };
  },
};

export const BUNDLE_KINDS: readonly BundleKindReader[] = [auditBundles, evidenceBundles];

/** Checks a bundle file in full; a file of no kind the locker holds is a problem, not a throw. */
export async function readLocalBundle(file: string, trust: BundleTrust): Promise<LocalBundle> {
  const head = await readHead(file);
  const reader = BUNDLE_KINDS.find((candidate) => candidate.accepts(head));
  if (!reader) {
    return {
      file,
      kind: 'audit',
      extension: path.extname(file),
      scope: '',
      createdAt: new Date(0),
      id: '',
      size: 0,
      sha256: '',
      blobs: [],
      signers: [],
      problems: ['not a bundle the locker holds (an audit bundle, or an evidence bundle)'],
      untrusted: [],
    };
  }
  return reader.read(file, trust);
}
