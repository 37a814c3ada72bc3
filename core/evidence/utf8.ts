import type { ByteChunks } from './bytes';
import { concat } from './bytes';

/**
 * Text evidence is UTF-8, but real files carry the odd stray byte (a Latin-1 name in a log, a
 * cut multi-byte character). One such byte must not make a structured file unreadable: bytes
 * that are not valid UTF-8 are replaced by U+FFFD (as `TextDecoder` does) and counted, so the
 * summary can say how many were replaced. Valid chunks pass through untouched (no copy).
 */

const REPLACEMENT_BYTES = Uint8Array.of(0xef, 0xbf, 0xbd);

/** Expected length of a sequence from its lead byte; 0 for a byte that cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Whether `byte` may follow `lead` as the second byte (excludes overlongs and surrogates). */
function validSecond(lead: number, byte: number): boolean {
  if (lead === 0xe0) return byte >= 0xa0 && byte <= 0xbf;
  if (lead === 0xed) return byte >= 0x80 && byte <= 0x9f;
  if (lead === 0xf0) return byte >= 0x90 && byte <= 0xbf;
  if (lead === 0xf4) return byte >= 0x80 && byte <= 0x8f;
  return byte >= 0x80 && byte <= 0xbf;
}

/**
 * What starts at `index`: the length of a valid sequence (> 0); 0 when the bytes end before
 * the sequence does (it may go on in the next chunk); or minus the number of bytes that make one
 * U+FFFD (the "maximal subpart" of an ill-formed sequence, as the WHATWG decoder replaces it).
 */
function sequenceAt(bytes: Uint8Array, index: number): number {
  const lead = bytes[index] ?? 0;
  const need = sequenceLength(lead);
  if (need === 0) return -1;
  for (let offset = 1; offset < need; offset += 1) {
    if (index + offset >= bytes.byteLength) return 0;
    const byte = bytes[index + offset] ?? 0;
    const ok = offset === 1 ? validSecond(lead, byte) : byte >= 0x80 && byte <= 0xbf;
    if (!ok) return -offset;
  }
  return need;
}

export class Utf8Repair {
  /** Invalid sequences replaced so far. */
  replaced = 0;
  private carry: Uint8Array = new Uint8Array(0);
  private readonly validator = new TextDecoder('utf-8', { fatal: true });

  /** The chunk as valid UTF-8; an incomplete sequence at the end waits for the next chunk. */
  push(chunk: Uint8Array): Uint8Array {
    const bytes = this.carry.byteLength === 0 ? chunk : concat([this.carry, chunk]);
    this.carry = new Uint8Array(0);
    // Fast path: the platform's decoder checks the whole chunk (but a sequence cut at its end).
    const cut = incompleteTail(bytes);
    const whole = bytes.subarray(0, bytes.byteLength - cut);
    try {
      this.validator.decode(whole);
      if (cut > 0) this.carry = bytes.slice(bytes.byteLength - cut);
      return whole;
    } catch {
      return this.repair(bytes, false);
    }
  }

  /** The end of the file: a sequence cut short there is one more replacement. */
  finish(): Uint8Array {
    const rest = this.carry;
    this.carry = new Uint8Array(0);
    return rest.byteLength === 0 ? rest : this.repair(rest, true);
  }

  /** Slow path: valid runs are kept as views, each ill-formed subpart becomes one U+FFFD. */
  private repair(bytes: Uint8Array, final: boolean): Uint8Array {
    const parts: Uint8Array[] = [];
    let index = 0;
    let runStart = 0;
    while (index < bytes.byteLength) {
      const found = (bytes[index] ?? 0) < 0x80 ? 1 : sequenceAt(bytes, index);
      if (found > 0) {
        index += found;
        continue;
      }
      parts.push(bytes.subarray(runStart, index));
      if (found === 0 && !final) {
        this.carry = bytes.slice(index);
        return concat(parts);
      }
      parts.push(REPLACEMENT_BYTES);
      this.replaced += 1;
      index = found === 0 ? bytes.byteLength : index - found;
      runStart = index;
    }
    parts.push(bytes.subarray(runStart));
    return concat(parts);
  }
}

/** Bytes at the end that start a multi-byte sequence the chunk does not finish. */
function incompleteTail(bytes: Uint8Array): number {
  const length = bytes.byteLength;
  for (let back = 1; back <= Math.min(3, length); back += 1) {
    const byte = bytes[length - back] ?? 0;
    if (byte < 0x80) return 0;
    if (byte >= 0xc0) return sequenceLength(byte) > back ? back : 0;
  }
  return 0;
}

/** Passes chunks through `repair`, so every consumer sees valid UTF-8. */
export async function* repairedUtf8(chunks: ByteChunks, repair: Utf8Repair): ByteChunks {
  for await (const chunk of chunks) {
    const fixed = repair.push(chunk);
    if (fixed.byteLength > 0) yield fixed;
  }
  const rest = repair.finish();
  if (rest.byteLength > 0) yield rest;
}

/** The note a summary carries when bytes were replaced. */
export function replacementNote(replaced: number): string {
  return `${replaced === 1 ? '1 byte sequence was' : `${replaced} byte sequences were`} not valid UTF-8 and ${replaced === 1 ? 'was' : 'were'} read as the replacement character (U+FFFD); the stored file is unchanged.`;
}

/**
 * Whether the head looks like binary data rather than text: a NUL byte, or more than one in
 * eight of its first 8 KiB being control characters or invalid UTF-8. A few stray bytes in text
 * do not make it binary.
 */
export function looksBinary(head: Uint8Array): boolean {
  if (head.includes(0)) return true;
  const sample = head.subarray(0, 8192);
  let odd = 0;
  let index = 0;
  while (index < sample.byteLength) {
    const byte = sample[index] ?? 0;
    if (byte < 0x80) {
      if (
        byte < 0x20 &&
        byte !== 0x09 &&
        byte !== 0x0a &&
        byte !== 0x0d &&
        byte !== 0x0c &&
        byte !== 0x1b
      )
        odd += 1;
      index += 1;
      continue;
    }
    const found = sequenceAt(sample, index);
    if (found > 0) index += found;
    else if (found === 0)
      break; // cut by the end of the sample: not evidence of anything
    else {
      odd += 1;
      index -= found;
    }
  }
  return odd * 8 > sample.byteLength;
}
