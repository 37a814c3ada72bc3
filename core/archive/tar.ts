import { concatBytes } from '../util/bytes';

/**
 * The container of Demo Ledger archives: POSIX ustar (IEEE Std 1003.1), plain files only, so
 * `tar -tvf` lists an archive and `tar -xf` unpacks it anywhere.
 *
 * Written here rather than taken from a tar library for two reasons. Backups stream evidence of
 * any size out through a chunked channel, and the streaming tar writers available enqueue
 * without waiting for the reader (no backpressure), which would buffer a large file in memory.
 * And the reader is deliberately strict: it accepts only headers exactly as this writer makes
 * them (re-encoded and compared byte for byte), zero padding, and nothing after the end marker,
 * so any changed byte outside the hashed contents is caught too.
 */

export const TAR_BLOCK = 512;
/** Largest entry a ustar size field can express (11 octal digits). */
export const MAX_TAR_ENTRY_BYTES = 8 ** 11 - 1;
/** Two zero blocks end an archive. */
export const END_OF_ARCHIVE = new Uint8Array(TAR_BLOCK * 2);
const MAX_NAME_BYTES = 100;
const NAME_PART = /^[A-Za-z0-9._-]+$/;

export interface TarEntryHeader {
  name: string;
  size: number;
  /** Modification time in whole seconds since 1970. */
  mtime: number;
}

export interface TarEntry extends TarEntryHeader {
  /** Where the entry's header starts in the archive. */
  headerOffset: number;
  /** Where its content starts: its bytes are [dataOffset, dataOffset + size). */
  dataOffset: number;
}

/** The archive is not one this program wrote, or it was damaged; says where. */
export class ArchiveFormatError extends Error {
  override readonly name = 'ArchiveFormatError';
  constructor(
    message: string,
    readonly offset: number | null = null,
  ) {
    super(offset === null ? message : `${message} (at byte ${offset})`);
  }
}

export function isValidEntryName(name: string): boolean {
  return (
    name.length <= MAX_NAME_BYTES &&
    name.split('/').every((part) => NAME_PART.test(part) && part !== '.' && part !== '..')
  );
}

export function paddingFor(size: number): number {
  return (TAR_BLOCK - (size % TAR_BLOCK)) % TAR_BLOCK;
}

function writeAscii(block: Uint8Array, offset: number, text: string): void {
  for (let index = 0; index < text.length; index += 1) {
    block[offset + index] = text.charCodeAt(index);
  }
}

/** Zero-padded octal of `digits` digits followed by NUL, as GNU and BSD tar write numbers. */
function writeOctal(block: Uint8Array, offset: number, digits: number, value: number): void {
  writeAscii(block, offset, value.toString(8).padStart(digits, '0'));
  block[offset + digits] = 0;
}

export function encodeTarHeader({ name, size, mtime }: TarEntryHeader): Uint8Array {
  if (!isValidEntryName(name)) throw new ArchiveFormatError(`invalid entry name "${name}"`);
  if (!Number.isSafeInteger(size) || size < 0 || size > MAX_TAR_ENTRY_BYTES) {
    throw new ArchiveFormatError(`entry "${name}" is too large for the archive (${size} bytes)`);
  }
  if (!Number.isSafeInteger(mtime) || mtime < 0 || mtime > MAX_TAR_ENTRY_BYTES) {
    throw new ArchiveFormatError(`entry "${name}" has an invalid time`);
  }
  const block = new Uint8Array(TAR_BLOCK);
  writeAscii(block, 0, name);
  writeOctal(block, 100, 7, 0o644); // mode
  writeOctal(block, 108, 7, 0); // uid
  writeOctal(block, 116, 7, 0); // gid
  writeOctal(block, 124, 11, size);
  writeOctal(block, 136, 11, mtime);
  writeAscii(block, 148, '        '); // checksum counts as spaces while it is computed
  writeAscii(block, 156, '0'); // regular file
  writeAscii(block, 257, 'ustar');
  writeAscii(block, 263, '00');
  writeOctal(block, 329, 7, 0); // devmajor
  writeOctal(block, 337, 7, 0); // devminor
  writeOctal(block, 148, 6, checksumOf(block));
  block[155] = 0x20;
  return block;
}

function checksumOf(block: Uint8Array): number {
  let sum = 0;
  for (let index = 0; index < TAR_BLOCK; index += 1) {
    sum += index >= 148 && index < 156 ? 0x20 : (block[index] ?? 0);
  }
  return sum;
}

function readOctal(block: Uint8Array, offset: number, digits: number): number | null {
  let value = 0;
  for (let index = 0; index < digits; index += 1) {
    const code = block[offset + index] ?? 0;
    if (code < 0x30 || code > 0x37) return null;
    value = value * 8 + (code - 0x30);
  }
  return value;
}

function isZero(bytes: Uint8Array): boolean {
  return bytes.every((byte) => byte === 0);
}

/** Parses one header block; `null` for a zero block (the end marker). Throws if malformed. */
export function parseTarHeader(block: Uint8Array, offset: number): TarEntryHeader | null {
  if (block.length !== TAR_BLOCK) throw new ArchiveFormatError('truncated tar header', offset);
  if (isZero(block)) return null;
  if (String.fromCharCode(...block.subarray(257, 263)) !== 'ustar\0') {
    throw new ArchiveFormatError(
      'not a tar archive written by Demo Ledger (no ustar header)',
      offset,
    );
  }
  const stored = readOctal(block, 148, 6);
  if (stored === null || stored !== checksumOf(block)) {
    throw new ArchiveFormatError('a tar header is damaged (checksum mismatch)', offset);
  }
  const nameEnd = block.indexOf(0);
  const name = String.fromCharCode(...block.subarray(0, nameEnd < 0 ? MAX_NAME_BYTES : nameEnd));
  const size = readOctal(block, 124, 11);
  const mtime = readOctal(block, 136, 11);
  if (size === null || mtime === null || !isValidEntryName(name)) {
    throw new ArchiveFormatError('a tar header has fields this program does not write', offset);
  }
  const header = { name, size, mtime };
  const canonical = encodeTarHeader(header);
  if (!canonical.every((byte, index) => byte === block[index])) {
    throw new ArchiveFormatError(
      `the header of "${name}" has fields this program does not write`,
      offset,
    );
  }
  return header;
}

/** Receives one entry's content, chunk by chunk, as the archive is read. */
export interface EntryConsumer {
  write(chunk: Uint8Array): void;
  end(): void;
}

/**
 * Reads a whole archive front to back in one pass, handing each entry's content to the consumer
 * `onEntry` returns. Memory stays bounded by the stream's chunk size. Returns the index of every
 * entry with its offsets, so content can later be sliced from the file without reading it again.
 */
export async function readTar(
  stream: ReadableStream<Uint8Array>,
  onEntry: (entry: TarEntry) => EntryConsumer,
): Promise<TarEntry[]> {
  const entries: TarEntry[] = [];
  const names = new Set<string>();
  const reader = stream.getReader();
  let position = 0;
  let pending: Uint8Array = new Uint8Array(0);
  // Mutated inside take(); a holder keeps TypeScript from narrowing it across the closure.
  const reading: {
    state: 'header' | 'data' | 'padding' | 'end';
    current: { entry: TarEntry; consumer: EntryConsumer; remaining: number } | null;
  } = { state: 'header', current: null };
  let paddingLeft = 0;
  let endBlocks = 0;

  const take = (chunk: Uint8Array): void => {
    let offset = 0;
    while (offset < chunk.length) {
      const at = position + offset;
      if (reading.state === 'data' && reading.current) {
        const count = Math.min(reading.current.remaining, chunk.length - offset);
        reading.current.consumer.write(chunk.subarray(offset, offset + count));
        reading.current.remaining -= count;
        offset += count;
        if (reading.current.remaining === 0) {
          reading.current.consumer.end();
          paddingLeft = paddingFor(reading.current.entry.size);
          reading.current = null;
          reading.state = paddingLeft > 0 ? 'padding' : 'header';
        }
        continue;
      }
      if (reading.state === 'padding' || reading.state === 'end') {
        const count =
          reading.state === 'padding'
            ? Math.min(paddingLeft, chunk.length - offset)
            : chunk.length - offset;
        if (!isZero(chunk.subarray(offset, offset + count))) {
          throw new ArchiveFormatError(
            reading.state === 'padding'
              ? 'padding between entries is not zero'
              : 'data after the end of the archive',
            at,
          );
        }
        offset += count;
        if (reading.state === 'padding') {
          paddingLeft -= count;
          if (paddingLeft === 0) reading.state = 'header';
        }
        continue;
      }
      // A header: gather 512 bytes (they may span chunks).
      const need = TAR_BLOCK - pending.length;
      const piece = chunk.subarray(offset, offset + need);
      pending = pending.length === 0 ? piece.slice() : concatBytes([pending, piece]);
      offset += piece.length;
      if (pending.length < TAR_BLOCK) continue;
      const blockOffset = position + offset - TAR_BLOCK;
      const header = parseTarHeader(pending, blockOffset);
      pending = new Uint8Array(0);
      if (header === null) {
        endBlocks += 1;
        if (endBlocks === 2) reading.state = 'end';
        continue;
      }
      if (endBlocks > 0)
        throw new ArchiveFormatError('an entry follows an end marker', blockOffset);
      if (names.has(header.name)) {
        throw new ArchiveFormatError(`"${header.name}" appears twice in the archive`, blockOffset);
      }
      names.add(header.name);
      const entry: TarEntry = {
        ...header,
        headerOffset: blockOffset,
        dataOffset: blockOffset + TAR_BLOCK,
      };
      entries.push(entry);
      const consumer = onEntry(entry);
      if (header.size === 0) {
        consumer.end();
      } else {
        reading.current = { entry, consumer, remaining: header.size };
        reading.state = 'data';
      }
    }
    position += chunk.length;
  };

  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      take(value);
    }
  } finally {
    reader.releaseLock();
  }
  if (reading.state !== 'end') {
    throw new ArchiveFormatError(
      reading.current
        ? `the archive ends inside "${reading.current.entry.name}" (truncated)`
        : 'the archive is truncated (no end marker)',
      position,
    );
  }
  return entries;
}
