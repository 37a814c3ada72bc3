import { z } from 'zod';
import { BundleInfo } from '../bundle/manifest';
import { SHA256_HEX } from '../util/hash';

/**
 * The Demo Ledger archive: a POSIX tar file (see tar.ts) holding, in this order,
 *
 *   demo-ledger-archive.json   what this file is: format, version, kind (`backup` or `bundle`)
 *   tables/<table>/table.json  the table: Dexie schema, primary key, whether it is audited
 *   tables/<table>/<n>.jsonl   its rows, one encoded value per line (values.ts); the audit log
 *                              is the table `auditLog`, written first
 *   blobs/<n>                  the content of each Blob a row holds, referenced from the row
 *   manifest.json              what the archive holds: database schema, row counts, chain head,
 *                              and the size and SHA-256 of every entry above
 *   SHA256SUMS                 the same hashes in `sha256sum -c` form, manifest.json included
 *
 * The manifest pins every byte, so a signature over manifest.json alone signs the archive: an
 * audit bundle is an archive of a slice (kind `bundle`, `audit.start` the entry before the
 * slice, `bundle` saying what it holds) followed by
 *
 *   manifest.json.sig          a detached CMS signature over manifest.json, by the exporter
 *   reviews/<n>.dlbundle       each review: a complete bundle archive of the reviewer's changes
 *                              and observations, signed by the reviewer, whose manifest pins
 *                              the original manifest and signature (core/bundle/)
 */

export const ARCHIVE_FORMAT = 'demo-ledger-archive';
export const ARCHIVE_FORMAT_VERSION = 1;
export const MARKER_PATH = 'demo-ledger-archive.json';
export const MANIFEST_PATH = 'manifest.json';
export const SUMS_PATH = 'SHA256SUMS';
/** Audit bundles: the detached signature over manifest.json, after SHA256SUMS. */
export const SIGNATURE_PATH = 'manifest.json.sig';
export const ARCHIVE_EXTENSION = '.dlbackup';
export const AUDIT_TABLE_NAME = 'auditLog';

/** A table name that can become part of an entry path. */
export const TABLE_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const Sha256Hex = z.string().regex(SHA256_HEX, 'expected a SHA-256 hex digest');

export const ArchiveKind = z.enum(['backup', 'bundle']);
export type ArchiveKind = z.infer<typeof ArchiveKind>;

export const FormatMarker = z.strictObject({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.literal(ARCHIVE_FORMAT_VERSION),
  kind: ArchiveKind,
});
export type FormatMarker = z.infer<typeof FormatMarker>;

export const ManifestFile = z.strictObject({
  path: z.string().min(1).max(100),
  size: z.number().int().nonnegative(),
  sha256: Sha256Hex,
});
export type ManifestFile = z.infer<typeof ManifestFile>;

const KeyPath = z.union([z.string(), z.array(z.string()).min(1)]).nullable();

/** Written before a table's rows, so a reader knows how to key and check them as they stream. */
export const TableDescriptor = z.strictObject({
  name: z.string().regex(TABLE_NAME),
  /** The Dexie store declaration (`id, workspaceId, name`), for the record. */
  schema: z.string().max(2000),
  /** Inbound key path; null when keys are stored beside values (`{"key", "value"}` lines). */
  primaryKey: KeyPath,
  autoIncrement: z.boolean(),
  /** Whether every change to the table is in the audit log, so its rows must match the chain. */
  audited: z.boolean(),
});
export type TableDescriptor = z.infer<typeof TableDescriptor>;

export const ManifestTable = z.strictObject({
  name: z.string().regex(TABLE_NAME),
  rows: z.number().int().nonnegative(),
  /** The row files, in order. */
  parts: z.array(z.string()),
});
export type ManifestTable = z.infer<typeof ManifestTable>;

const Head = z.strictObject({ seq: z.number().int().nonnegative(), hash: Sha256Hex });

export const Manifest = z.strictObject({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.literal(ARCHIVE_FORMAT_VERSION),
  kind: ArchiveKind,
  createdAt: z.iso.datetime({ offset: true }),
  createdBy: z.string().max(200),
  app: z.strictObject({ name: z.string().max(100), version: z.string().max(50) }),
  database: z.strictObject({
    name: z.string().max(200),
    schemaVersion: z.number().nonnegative(),
    tables: z.array(ManifestTable).max(1000),
  }),
  audit: z.strictObject({
    /** The entry before the first one in the archive (the empty head for a whole backup). */
    start: Head,
    head: Head,
    entries: z.number().int().nonnegative(),
  }),
  blobs: z.strictObject({
    count: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
  }),
  files: z.array(ManifestFile),
  /** Audit bundles only: the slice, the intended signer, what a review reviews. */
  bundle: BundleInfo.optional(),
});
export type Manifest = z.infer<typeof Manifest>;

export function tablePartPath(table: string, part: number): string {
  return `tables/${table}/${String(part).padStart(6, '0')}.jsonl`;
}

export function tableDescriptorPath(table: string): string {
  return `tables/${table}/table.json`;
}

export function blobPath(index: number): string {
  return `blobs/${String(index).padStart(6, '0')}`;
}

/** `sha256sum` output for the archive's files: two spaces, text mode, one line each. */
export function sha256SumsText(files: readonly ManifestFile[]): string {
  return files.map((file) => `${file.sha256}  ${file.path}\n`).join('');
}

/** `demo-ledger-backup-20261126T120000Z.dlbackup`: sortable, and safe on every file system. */
export function backupFileName(at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  return `demo-ledger-backup-${stamp}${ARCHIVE_EXTENSION}`;
}

const BACKUP_STEM = /^demo-ledger-backup-\d{8}T\d{6}Z$/;
const COPY_SUFFIX = /^ \(\d{1,6}\)$/;

/** Names this app gives backups (`… (2).dlbackup` when two fall in the same second). */
export function isBackupFileName(name: string): boolean {
  if (!name.endsWith(ARCHIVE_EXTENSION)) return false;
  const stem = name.slice(0, -ARCHIVE_EXTENSION.length);
  const base = stem.slice(0, 'demo-ledger-backup-00000000T000000Z'.length);
  return BACKUP_STEM.test(base) && (stem === base || COPY_SUFFIX.test(stem.slice(base.length)));
}

/** What a file is, judged by its first bytes; `verify` dispatches on this. */
export type SniffedKind =
  'demo-ledger-archive' | 'demo-ledger-bundle' | 'demo-ledger-evidence' | 'pdf' | 'unknown';

/**
 * The marker entry's content: what kind of archive follows. Evidence bundles
 * (core/evidence-bundle/) share the container and the marker with backups and audit bundles.
 */
export function markerJson(kind: ArchiveKind | 'evidence'): string {
  return `${JSON.stringify({ format: ARCHIVE_FORMAT, formatVersion: ARCHIVE_FORMAT_VERSION, kind })}\n`;
}

/**
 * Needs the first 1,024 bytes (or all of a shorter file). The marker entry comes first and is
 * short, so its content (and with it the kind of archive) is inside them.
 */
export function sniffFile(head: Uint8Array): SniffedKind {
  const text = (from: number, to: number): string =>
    String.fromCharCode(...head.subarray(from, Math.min(to, head.length)));
  // PDF readers accept the header anywhere in the first 1,024 bytes.
  if (text(0, 1024).includes('%PDF-')) return 'pdf';
  const nameEnd = head.indexOf(0);
  if (head.length >= 512 && text(257, 263) === 'ustar\0' && text(0, nameEnd) === MARKER_PATH) {
    const marker = text(512, 1024);
    if (/^\{[^}]*"kind":"bundle"/.test(marker)) return 'demo-ledger-bundle';
    if (/^\{[^}]*"kind":"evidence"/.test(marker)) return 'demo-ledger-evidence';
    return 'demo-ledger-archive';
  }
  return 'unknown';
}
