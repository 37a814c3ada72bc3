import type { ChainBreak, ChainHead, StateMismatch } from '../audit/chain';
import {
  EMPTY_HEAD,
  HEAD_LOCATION,
  createStateComparison,
  expectedStates,
  keyString,
} from '../audit/chain';
import { canonicalJson } from '../audit/canonical';
import { isRedactedRun, verifySegment } from '../audit/segment';
import { REVIEW_PATH } from '../bundle/manifest';
import type { Sha256Factory } from '../util/hash';
import { createSha256, sha256Hex } from '../util/hash';
import type { FormatMarker, Manifest, ManifestFile, TableDescriptor } from './format';
import {
  AUDIT_TABLE_NAME,
  FormatMarker as FormatMarkerSchema,
  MANIFEST_PATH,
  MARKER_PATH,
  Manifest as ManifestSchema,
  SIGNATURE_PATH,
  SUMS_PATH,
  TableDescriptor as TableDescriptorSchema,
} from './format';
import type { EncodedRow } from './rows';
import { MAX_PART_BYTES, parseRowFile, rowOfLine } from './rows';
import type { EntryConsumer, TarEntry } from './tar';
import { ArchiveFormatError, readTar } from './tar';
import { canonicalOfEncoded, blobRefsIn, decodeValue } from './values';
import {
  BLOB_PATH,
  checkCounts,
  checkFiles,
  describe,
  entryCollector,
  equalHeads,
  noBlobInLog,
  parseJson,
  sameHead,
  sumsMatch,
} from './verify-checks';

/** Everything learned from reading an archive once, front to back. */
export interface ArchiveVerdict {
  ok: boolean;
  /** Sentences for people, the root cause first. Empty when ok. */
  problems: string[];
  marker: FormatMarker | null;
  manifest: Manifest | null;
  /** manifest.json exactly as stored: what a bundle's signature covers. */
  manifestBytes: Uint8Array | null;
  /** Each table's descriptor, in archive order. */
  tables: TableDescriptor[];
  /** Every tar entry with its offsets, for reading content again without a second scan. */
  entries: TarEntry[];
  files: { checked: number; mismatched: string[] };
  chain: {
    ok: boolean;
    /** Entries covered, redacted ones included. */
    checked: number;
    /** The entry before the archive's first (the empty head for a whole backup). */
    start: ChainHead;
    head: ChainHead;
    firstBreak: ChainBreak | null;
    /** Entries about records outside a bundle, present only as redacted runs. */
    redacted: number;
  };
  /** Records whose content differs from the state the audit log pins (first 1,000). */
  mismatches: StateMismatch[];
  mismatchCount: number;
  /** A bundle's detached signature over manifest.json, when it has one. */
  signature: Uint8Array | null;
  /** A bundle's reviews (`reviews/<n>.dlbundle`), in order, to verify from their offsets. */
  reviews: TarEntry[];
}

export interface VerifyArchiveOptions {
  createSha256?: Sha256Factory;
  /** Whether a bundle may carry reviews; a review archive itself may not. */
  allowReviews?: boolean;
}

const MAX_SMALL_FILE = 64 * 1024;
const MAX_SIGNATURE_BYTES = 1024 * 1024;
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
const MAX_LISTED_MISMATCHES = 1000;
const PART_PATH = /^tables\/([A-Za-z0-9_-]+)\/(\d{6})\.jsonl$/;
const DESCRIPTOR_PATH = /^tables\/([A-Za-z0-9_-]+)\/table\.json$/;
const decoder = new TextDecoder();

/**
 * Verifies an archive in one streaming pass: the tar structure, every entry's SHA-256 against
 * the manifest, the manifest against SHA256SUMS, the audit chain link by link, and every
 * audited record against the state its last log entry pins. A bundle's chain is a segment
 * (core/audit/segment.ts) starting where its manifest says; its signature and reviews follow
 * SHA256SUMS and are handed back for core/bundle/verify.ts to check. Never throws for a bad
 * archive: the verdict says what is wrong.
 */
export async function verifyArchive(
  stream: ReadableStream<Uint8Array>,
  options: VerifyArchiveOptions = {},
): Promise<ArchiveVerdict> {
  const hasher = options.createSha256 ?? createSha256;
  const structural: string[] = [];
  const content: string[] = [];
  const hashes = new Map<string, ManifestFile>();
  const small = new Map<string, Uint8Array>();
  const descriptors = new Map<string, TableDescriptor>();
  const rowCounts = new Map<string, number>();
  const partsSeen = new Map<string, string[]>();
  const trailer = new Set<string>();
  const reviews: TarEntry[] = [];
  // Mutated by the entry consumers; a holder keeps TypeScript from narrowing it.
  const state: {
    bundle: boolean;
    auditComplete: boolean;
    afterSums: boolean;
    start: ChainHead | null;
    head: ChainHead;
    checked: number;
    redacted: number;
    broken: ChainBreak | null;
  } = {
    bundle: false,
    auditComplete: false,
    afterSums: false,
    start: null,
    head: EMPTY_HEAD,
    checked: 0,
    redacted: 0,
    broken: null,
  };
  const expected = new Map<string, string | null>();
  let comparison: ReturnType<typeof createStateComparison> | null = null;
  let storedHead: unknown = undefined;
  const mismatches: StateMismatch[] = [];
  let mismatchCount = 0;
  let entryIndex = 0;

  const processAudit = (rows: readonly EncodedRow[]): void => {
    if (state.broken) return;
    const decoded = rows.map((row) => decodeValue(row.value, noBlobInLog));
    if (state.start === null) {
      state.start = state.bundle ? segmentStart(decoded[0]) : EMPTY_HEAD;
      state.head = state.start;
    }
    const verdict = verifySegment(decoded, state.head, { allowRedacted: state.bundle });
    state.checked += verdict.checked;
    state.redacted += verdict.redacted;
    state.head = verdict.head;
    if (!verdict.ok) state.broken = verdict.firstBreak ?? null;
    for (const [id, hash] of expectedStates(verdict.entries)) expected.set(id, hash);
  };

  const processPart = (path: string, table: string, bytes: Uint8Array): void => {
    const descriptor = descriptors.get(table);
    if (!descriptor) {
      content.push(`${path} comes before the description of its table`);
      return;
    }
    const parts = partsSeen.get(table) ?? [];
    parts.push(path);
    partsSeen.set(table, parts);
    const lines = parseRowFile(bytes, path);
    const rows: EncodedRow[] = lines.map((line, index) =>
      rowOfLine(line, descriptor, `${path} line ${index + 1}`),
    );
    rowCounts.set(table, (rowCounts.get(table) ?? 0) + rows.length);
    rows.forEach((row, index) => {
      for (const ref of blobRefsIn(row.value)) {
        const file = hashes.get(ref.path);
        if (!file || file.size !== ref.size || file.sha256 !== ref.sha256) {
          content.push(
            `${path} line ${index + 1} refers to ${ref.path}, which is missing or differs`,
          );
        }
      }
    });
    if (table === AUDIT_TABLE_NAME) {
      processAudit(rows);
      return;
    }
    if (table === HEAD_LOCATION.table) {
      for (const row of rows) {
        if (row.key === HEAD_LOCATION.key) storedHead = row.value;
      }
    }
    if (!descriptor.audited || state.broken) return;
    if (!state.auditComplete) {
      content.push(`${path} comes before the audit log is complete`);
      return;
    }
    comparison ??= createStateComparison(expected);
    rows.forEach((row, index) => {
      let stateHash: string;
      try {
        stateHash = sha256Hex(canonicalJson(canonicalOfEncoded(row.value)));
      } catch (error) {
        content.push(`${path} line ${index + 1}: ${describe(error)}`);
        return;
      }
      const mismatch = comparison?.add(table, keyString(row.key), stateHash);
      if (mismatch) noteMismatch(mismatch);
    });
  };

  const noteMismatch = (mismatch: StateMismatch): void => {
    mismatchCount += 1;
    if (mismatches.length < MAX_LISTED_MISMATCHES) mismatches.push(mismatch);
  };

  /**
   * After SHA256SUMS a bundle may carry its signature, then its reviews in order; a backup, its
   * signature (whether it should have one is its manifest's to say: core/archive/signed.ts).
   */
  const trailerCap = (name: string): number | null => {
    if (!state.afterSums) return null;
    if (name === SIGNATURE_PATH && trailer.size === 0) return MAX_SIGNATURE_BYTES;
    if (!state.bundle) return null;
    const review = REVIEW_PATH.exec(name);
    if (review && options.allowReviews !== false && Number(review[1]) === reviews.length + 1) {
      return 0;
    }
    return null;
  };

  const onEntry = (entry: TarEntry): EntryConsumer => {
    const index = entryIndex;
    entryIndex += 1;
    const { name } = entry;
    if (index === 0 && name !== MARKER_PATH) {
      throw new ArchiveFormatError(
        'not a Demo Ledger archive (it does not start with its marker)',
        entry.headerOffset,
      );
    }
    const descriptorMatch = DESCRIPTOR_PATH.exec(name);
    const partMatch = PART_PATH.exec(name);
    const trailing = trailerCap(name);
    if (trailing !== null) {
      trailer.add(name);
      if (trailing === 0) reviews.push(entry);
    }
    const isKnown =
      trailing !== null ||
      (!state.afterSums &&
        (name === MARKER_PATH ||
          name === MANIFEST_PATH ||
          name === SUMS_PATH ||
          descriptorMatch !== null ||
          partMatch !== null ||
          BLOB_PATH.test(name)));
    if (!isKnown) content.push(`unexpected entry "${name}"`);
    if (name === SUMS_PATH) state.afterSums = true;
    if (descriptorMatch) {
      if (descriptors.size === 0 && descriptorMatch[1] !== AUDIT_TABLE_NAME) {
        content.push('the audit log is not the first table in the archive');
      }
      if (descriptors.size > 0) state.auditComplete = true;
    }
    const cap =
      trailing !== null
        ? trailing
        : name === MANIFEST_PATH || name === SUMS_PATH
          ? MAX_MANIFEST_BYTES
          : partMatch
            ? MAX_PART_BYTES
            : name === MARKER_PATH || descriptorMatch
              ? MAX_SMALL_FILE
              : 0;
    return entryCollector(entry, hasher, cap, (file, bytes) => {
      hashes.set(name, file);
      if (bytes === null) return;
      try {
        if (partMatch) processPart(name, partMatch[1] ?? '', bytes);
        else if (descriptorMatch) {
          const descriptor = TableDescriptorSchema.parse(JSON.parse(decoder.decode(bytes)));
          if (descriptor.name !== descriptorMatch[1]) throw new Error('names another table');
          descriptors.set(descriptor.name, descriptor);
        } else {
          small.set(name, bytes);
          // The marker comes first, so the kind is known before the audit log is read.
          if (name === MARKER_PATH) state.bundle = markerKind(bytes) === 'bundle';
        }
      } catch (error) {
        content.push(`${name}: ${describe(error)}`);
      }
    });
  };

  let entries: TarEntry[] = [];
  try {
    entries = await readTar(stream, onEntry);
  } catch (error) {
    structural.push(
      error instanceof ArchiveFormatError
        ? `The archive is damaged or not a Demo Ledger archive: ${error.message}.`
        : `The archive could not be read: ${describe(error)}.`,
    );
  }

  const readable = structural.length === 0;
  const marker = readable
    ? parseJson(
        small.get(MARKER_PATH),
        (value) => FormatMarkerSchema.safeParse(value),
        MARKER_PATH,
        structural,
      )
    : null;
  const manifest = readable
    ? parseJson(
        small.get(MANIFEST_PATH),
        (value) => ManifestSchema.safeParse(value),
        MANIFEST_PATH,
        structural,
      )
    : null;
  const start = state.start ?? EMPTY_HEAD;
  const hashProblems: string[] = [];
  const mismatched: string[] = [];
  if (manifest && structural.length === 0) {
    checkFiles(manifest, entries, trailer, hashes, mismatched, hashProblems);
    if (!sumsMatch(manifest, hashes, small.get(SUMS_PATH))) {
      hashProblems.push(`${SUMS_PATH} does not match the manifest.`);
    }
    if (marker && marker.kind !== manifest.kind)
      content.push('the marker and the manifest disagree on the kind of archive');
    if ((manifest.kind === 'bundle') !== (manifest.bundle !== undefined))
      content.push('only an audit bundle, and every audit bundle, says what slice it holds');
    checkCounts(manifest, rowCounts, partsSeen, descriptors, hashes, content);
  }

  if (readable && !state.broken) {
    // Records the log expects that never came were deleted outside the app.
    const finished = comparison ?? createStateComparison(expected);
    for (const mismatch of finished.finish().slice(mismatchCount)) noteMismatch(mismatch);
  }
  const chainProblems: string[] = [];
  if (state.broken) {
    const broken: ChainBreak = state.broken;
    chainProblems.push(
      `The audit chain is broken at entry ${broken.seq} (${broken.reason.replaceAll('-', ' ')}); ${state.checked} entries before it are intact.`,
    );
  } else if (manifest && structural.length === 0) {
    if (!equalHeads(start, manifest.audit.start)) {
      chainProblems.push(
        'The audit log does not start where the manifest says (entries were cut from its beginning).',
      );
    }
    if (!equalHeads(state.head, manifest.audit.head) || state.checked !== manifest.audit.entries) {
      chainProblems.push('The audit log does not end at the head the manifest records.');
    }
    if (descriptors.has(HEAD_LOCATION.table) && !sameHead(storedHead, state.head)) {
      chainProblems.push(
        'The stored chain head does not match the last audit entry (entries were removed or added).',
      );
    }
  }
  if (mismatchCount > 0) {
    chainProblems.push(
      `${mismatchCount} record(s) differ from what the audit log records (edited outside the app).`,
    );
  }

  const problems =
    structural.length > 0
      ? structural
      : [...hashProblems, ...(hashProblems.length > 0 ? [] : [...content, ...chainProblems])];
  const filesChecked = manifest ? manifest.files.length - mismatched.length : 0;
  return {
    ok: problems.length === 0,
    problems,
    marker,
    manifest,
    manifestBytes: readable ? (small.get(MANIFEST_PATH) ?? null) : null,
    tables: [...descriptors.values()],
    entries,
    files: { checked: Math.max(0, filesChecked), mismatched },
    chain: {
      ok: state.broken === null,
      checked: state.checked,
      start,
      head: state.head,
      firstBreak: state.broken,
      redacted: state.redacted,
    },
    mismatches,
    mismatchCount,
    signature: readable ? (small.get(SIGNATURE_PATH) ?? null) : null,
    reviews,
  };
}

function markerKind(bytes: Uint8Array): string | null {
  const parsed = FormatMarkerSchema.safeParse(JSON.parse(decoder.decode(bytes)));
  return parsed.success ? parsed.data.kind : null;
}

/** A segment starts at the entry before its first row, which names that entry's hash. */
function segmentStart(first: unknown): ChainHead {
  if (typeof first !== 'object' || first === null) return EMPTY_HEAD;
  const row = first as { seq?: unknown; from?: unknown; prev?: unknown };
  const seq = isRedactedRun(first) ? row.from : row.seq;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return EMPTY_HEAD;
  if (typeof row.prev !== 'string') return EMPTY_HEAD;
  return { seq: seq - 1, hash: row.prev };
}
