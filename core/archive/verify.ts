import type { ChainBreak, ChainHead, StateMismatch } from '../audit/chain';
import {
  AuditEntry,
  EMPTY_HEAD,
  HEAD_LOCATION,
  createStateComparison,
  expectedStates,
  keyString,
  verifyChain,
} from '../audit/chain';
import { canonicalJson } from '../audit/canonical';
import { concatBytes } from '../util/bytes';
import type { Sha256Factory } from '../util/hash';
import { createSha256, sha256Hex } from '../util/hash';
import type { FormatMarker, Manifest, ManifestFile, TableDescriptor } from './format';
import {
  AUDIT_TABLE_NAME,
  FormatMarker as FormatMarkerSchema,
  MANIFEST_PATH,
  MARKER_PATH,
  Manifest as ManifestSchema,
  SUMS_PATH,
  TableDescriptor as TableDescriptorSchema,
  sha256SumsText,
} from './format';
import type { EncodedRow } from './rows';
import { MAX_PART_BYTES, parseRowFile, rowOfLine } from './rows';
import type { EntryConsumer, TarEntry } from './tar';
import { ArchiveFormatError, readTar } from './tar';
import { blobRefsIn, canonicalOfEncoded, decodeValue } from './values';

/** Everything learned from reading an archive once, front to back. */
export interface ArchiveVerdict {
  ok: boolean;
  /** Sentences for people, the root cause first. Empty when ok. */
  problems: string[];
  marker: FormatMarker | null;
  manifest: Manifest | null;
  /** Each table's descriptor, in archive order. */
  tables: TableDescriptor[];
  /** Every tar entry with its offsets, for reading content again without a second scan. */
  entries: TarEntry[];
  files: { checked: number; mismatched: string[] };
  chain: {
    ok: boolean;
    checked: number;
    head: ChainHead;
    firstBreak: ChainBreak | null;
  };
  /** Records whose content differs from the state the audit log pins (first 1,000). */
  mismatches: StateMismatch[];
  mismatchCount: number;
}

export interface VerifyArchiveOptions {
  createSha256?: Sha256Factory;
}

const MAX_SMALL_FILE = 64 * 1024;
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
const MAX_LISTED_MISMATCHES = 1000;
const PART_PATH = /^tables\/([A-Za-z0-9_-]+)\/(\d{6})\.jsonl$/;
const DESCRIPTOR_PATH = /^tables\/([A-Za-z0-9_-]+)\/table\.json$/;
const BLOB_PATH = /^blobs\/\d{6}$/;
const decoder = new TextDecoder();

/**
 * Verifies an archive in one streaming pass: the tar structure, every entry's SHA-256 against
 * the manifest, the manifest against SHA256SUMS, the audit chain link by link, and every
 * audited record against the state its last log entry pins. Never throws for a bad archive:
 * the verdict says what is wrong.
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
  let auditComplete = false;
  // Mutated by the entry consumers; a holder keeps TypeScript from narrowing it.
  const chain: { head: ChainHead; checked: number; broken: ChainBreak | null } = {
    head: EMPTY_HEAD,
    checked: 0,
    broken: null,
  };
  const expected = new Map<string, string | null>();
  let comparison: ReturnType<typeof createStateComparison> | null = null;
  let storedHead: unknown = undefined;
  const mismatches: StateMismatch[] = [];
  let mismatchCount = 0;
  let entryIndex = 0;

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
      if (chain.broken) return;
      const entries = rows.map((row) => decodeValue(row.value, noBlobInLog));
      const verdict = verifyChain(entries, chain.head);
      chain.checked += verdict.checked;
      chain.head = verdict.head;
      if (!verdict.ok) chain.broken = verdict.firstBreak ?? null;
      const valid = entries.slice(0, verdict.checked).map((entry) => AuditEntry.parse(entry));
      for (const [id, state] of expectedStates(valid)) expected.set(id, state);
      return;
    }
    if (table === HEAD_LOCATION.table) {
      for (const row of rows) {
        if (row.key === HEAD_LOCATION.key) storedHead = row.value;
      }
    }
    if (!descriptor.audited || chain.broken) return;
    if (!auditComplete) {
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
    const isKnown =
      name === MARKER_PATH ||
      name === MANIFEST_PATH ||
      name === SUMS_PATH ||
      descriptorMatch !== null ||
      partMatch !== null ||
      BLOB_PATH.test(name);
    if (!isKnown) content.push(`unexpected entry "${name}"`);
    if (descriptorMatch) {
      if (descriptors.size === 0 && descriptorMatch[1] !== AUDIT_TABLE_NAME) {
        content.push('the audit log is not the first table in the archive');
      }
      if (descriptors.size > 0) auditComplete = true;
    }
    const cap =
      name === MANIFEST_PATH || name === SUMS_PATH
        ? MAX_MANIFEST_BYTES
        : partMatch
          ? MAX_PART_BYTES
          : name === MARKER_PATH || descriptorMatch
            ? MAX_SMALL_FILE
            : 0;
    if (cap > 0 && entry.size > cap) {
      throw new ArchiveFormatError(
        `"${name}" is larger than this program accepts`,
        entry.headerOffset,
      );
    }
    const hash = hasher();
    const chunks: Uint8Array[] = [];
    return {
      write(chunk) {
        hash.update(chunk);
        if (cap > 0) chunks.push(chunk.slice());
      },
      end() {
        hashes.set(name, { path: name, size: entry.size, sha256: hash.hex() });
        if (cap === 0) return;
        const bytes = concatBytes(chunks, entry.size);
        try {
          if (partMatch) processPart(name, partMatch[1] ?? '', bytes);
          else if (descriptorMatch) {
            const descriptor = TableDescriptorSchema.parse(JSON.parse(decoder.decode(bytes)));
            if (descriptor.name !== descriptorMatch[1]) throw new Error('names another table');
            descriptors.set(descriptor.name, descriptor);
          } else small.set(name, bytes);
        } catch (error) {
          content.push(`${name}: ${describe(error)}`);
        }
      },
    };
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
  const hashProblems: string[] = [];
  const mismatched: string[] = [];
  if (manifest && structural.length === 0) {
    checkFiles(manifest, entries, hashes, mismatched, hashProblems);
    const manifestHash = hashes.get(MANIFEST_PATH);
    const sums = small.get(SUMS_PATH);
    if (
      !manifestHash ||
      !sums ||
      decoder.decode(sums) !== sha256SumsText([...manifest.files, manifestHash])
    ) {
      hashProblems.push(`${SUMS_PATH} does not match the manifest.`);
    }
    if (marker && marker.kind !== manifest.kind)
      content.push('the marker and the manifest disagree on the kind of archive');
    checkCounts(manifest, rowCounts, partsSeen, descriptors, hashes, content);
  }

  if (readable && !chain.broken) {
    // Records the log expects that never came were deleted outside the app.
    const finished = comparison ?? createStateComparison(expected);
    for (const mismatch of finished.finish().slice(mismatchCount)) noteMismatch(mismatch);
  }
  const chainProblems: string[] = [];
  if (chain.broken) {
    const broken: ChainBreak = chain.broken;
    chainProblems.push(
      `The audit chain is broken at entry ${broken.seq} (${broken.reason.replaceAll('-', ' ')}); ${chain.checked} entries before it are intact.`,
    );
  } else if (manifest && structural.length === 0) {
    if (
      chain.head.seq !== manifest.audit.head.seq ||
      chain.head.hash !== manifest.audit.head.hash ||
      chain.checked !== manifest.audit.entries
    ) {
      chainProblems.push('The audit log does not end at the head the manifest records.');
    }
    if (descriptors.has(HEAD_LOCATION.table) && !sameHead(storedHead, chain.head)) {
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
    tables: [...descriptors.values()],
    entries,
    files: { checked: Math.max(0, filesChecked), mismatched },
    chain: {
      ok: chain.broken === null,
      checked: chain.checked,
      head: chain.head,
      firstBreak: chain.broken,
    },
    mismatches,
    mismatchCount,
  };
}

function checkFiles(
  manifest: Manifest,
  entries: readonly TarEntry[],
  hashes: ReadonlyMap<string, ManifestFile>,
  mismatched: string[],
  problems: string[],
): void {
  const listed = new Set(manifest.files.map((file) => file.path));
  for (const file of manifest.files) {
    const actual = hashes.get(file.path);
    if (!actual) {
      problems.push(`${file.path} is listed in the manifest but missing from the archive.`);
      mismatched.push(file.path);
    } else if (actual.size !== file.size || actual.sha256 !== file.sha256) {
      problems.push(
        `${file.path} is damaged or was changed (its SHA-256 does not match the manifest).`,
      );
      mismatched.push(file.path);
    }
  }
  for (const entry of entries) {
    if (entry.name !== MANIFEST_PATH && entry.name !== SUMS_PATH && !listed.has(entry.name)) {
      problems.push(`${entry.name} is in the archive but not in the manifest.`);
    }
  }
  const order = entries.map((entry) => entry.name);
  const expectedOrder = [...manifest.files.map((file) => file.path), MANIFEST_PATH, SUMS_PATH];
  if (problems.length === 0 && order.join('\n') !== expectedOrder.join('\n')) {
    problems.push('The entries are not in the order the manifest lists them.');
  }
}

function checkCounts(
  manifest: Manifest,
  rowCounts: ReadonlyMap<string, number>,
  partsSeen: ReadonlyMap<string, string[]>,
  descriptors: ReadonlyMap<string, TableDescriptor>,
  hashes: ReadonlyMap<string, ManifestFile>,
  problems: string[],
): void {
  const names = new Set(manifest.database.tables.map((table) => table.name));
  for (const table of manifest.database.tables) {
    if (!descriptors.has(table.name)) problems.push(`the table ${table.name} has no description`);
    if ((rowCounts.get(table.name) ?? 0) !== table.rows) {
      problems.push(
        `the table ${table.name} holds ${rowCounts.get(table.name) ?? 0} rows, the manifest says ${table.rows}`,
      );
    }
    if ((partsSeen.get(table.name) ?? []).join('\n') !== table.parts.join('\n')) {
      problems.push(`the row files of ${table.name} differ from the manifest`);
    }
  }
  for (const name of descriptors.keys()) {
    if (!names.has(name)) problems.push(`the table ${name} is not in the manifest`);
  }
  const blobFiles = [...hashes.values()].filter((file) => BLOB_PATH.test(file.path));
  const bytes = blobFiles.reduce((sum, file) => sum + file.size, 0);
  if (blobFiles.length !== manifest.blobs.count || bytes !== manifest.blobs.bytes) {
    problems.push('the number or size of stored files differs from the manifest');
  }
}

function parseJson<T>(
  bytes: Uint8Array | undefined,
  parse: (
    value: unknown,
  ) => { success: true; data: T } | { success: false; error: { message: string } },
  path: string,
  problems: string[],
): T | null {
  if (bytes === undefined) {
    problems.push(`The archive has no ${path}; it is incomplete or not a Demo Ledger archive.`);
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(bytes));
  } catch {
    problems.push(`${path} is not valid JSON; the archive is damaged.`);
    return null;
  }
  const result = parse(json);
  if (!result.success) {
    problems.push(
      `${path} is not in the expected form; the archive is damaged or from an unknown version.`,
    );
    return null;
  }
  return result.data;
}

function noBlobInLog(): never {
  throw new Error('an audit entry cannot hold a Blob');
}

function sameHead(stored: unknown, head: ChainHead): boolean {
  if (head.seq === 0) return stored === undefined;
  const value = (stored as { value?: { seq?: unknown; hash?: unknown } } | undefined)?.value;
  return value?.seq === head.seq && value.hash === head.hash;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
