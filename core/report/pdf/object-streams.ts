import { concatBytes } from '../../util/bytes';
import { deflate } from './deflate';

/**
 * Adds objects to a PDF pdf-lib has just saved, packed in compressed object streams, and
 * replaces its cross-reference table with a cross-reference stream that lists both.
 *
 * The structure tree of a large report is over a hundred thousand small dictionaries. Registered
 * with pdf-lib each would cost a reference, a map entry and an object until the save (about 70 MB
 * for 20,000 rows) and some 100 bytes of file; here they are produced one stream at a time,
 * deflated natively, and take a few bytes each.
 */

/** Objects per object stream. */
const PER_STREAM = 500;

interface Trailer {
  xrefOffset: number;
  entries: Map<number, number>;
  /** The trailer dictionary's keys other than /Size and /Prev, as written. */
  keys: string;
}

const latin1 = new TextDecoder('latin1');

function ascii(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index += 1) bytes[index] = text.charCodeAt(index);
  return bytes;
}

/**
 * Reads the cross-reference table and trailer pdf-lib wrote (one table; its own output, so the
 * layout is known and anything else is refused).
 */
function readTrailer(pdf: Uint8Array): Trailer {
  const tail = latin1.decode(pdf.subarray(Math.max(0, pdf.length - 1024)));
  const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  const xrefOffset = Number(start?.[1] ?? Number.NaN);
  if (!Number.isSafeInteger(xrefOffset) || xrefOffset <= 0 || xrefOffset >= pdf.length)
    throw new Error('internal: the saved PDF has no startxref');
  const text = latin1.decode(pdf.subarray(xrefOffset));
  if (!text.startsWith('xref\n')) throw new Error('internal: expected a cross-reference table');
  const entries = new Map<number, number>();
  let at = 5;
  for (;;) {
    const header = /^(\d+) (\d+)\n/.exec(text.slice(at, at + 40));
    if (header === null) break;
    const firstNumber = Number(header[1]);
    const count = Number(header[2]);
    at += header[0].length;
    for (let index = 0; index < count; index += 1, at += 20) {
      const entry = text.slice(at, at + 20);
      if (entry[17] === 'n') entries.set(firstNumber + index, Number(entry.slice(0, 10)));
    }
  }
  const trailer = /^\s*trailer\s*<<([\s\S]*?)>>\s*startxref/.exec(text.slice(at));
  if (trailer === null) throw new Error('internal: the saved PDF has no trailer');
  const keys = (trailer[1] ?? '')
    .replace(/\/Size\s+\d+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return { xrefOffset, entries, keys };
}

/**
 * `objects` are numbered below `firstFree`, and above pdf-lib's own objects or on numbers it
 * left free; the object and cross-reference streams take the numbers from `firstFree` on.
 */
export async function appendObjects(
  pdf: Uint8Array,
  objects: Iterable<readonly [number, string]>,
  firstFree: number,
): Promise<Uint8Array> {
  const trailer = readTrailer(pdf);
  const parts: Uint8Array[] = [pdf.subarray(0, trailer.xrefOffset)];
  let offset = trailer.xrefOffset;
  const push = (part: Uint8Array): void => {
    parts.push(part);
    offset += part.length;
  };
  const uncompressed = new Map(trailer.entries);
  /** Object number → [object stream number, index in it]. */
  const compressed = new Map<number, readonly [number, number]>();
  let nextNumber = firstFree;

  let batch: (readonly [number, string])[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const streamNumber = nextNumber++;
    const offsets: string[] = [];
    const bodies: string[] = [];
    let length = 0;
    for (const [index, [number, text]] of batch.entries()) {
      if (number >= firstFree || uncompressed.has(number) || compressed.has(number))
        throw new Error(`internal: object ${number} is numbered twice`);
      compressed.set(number, [streamNumber, index]);
      offsets.push(`${number} ${length}`);
      bodies.push(text);
      length += text.length + 1;
    }
    const head = `${offsets.join(' ')}\n`;
    const data = await deflate(`${head}${bodies.join('\n')}\n`);
    uncompressed.set(streamNumber, offset);
    push(
      ascii(
        `${streamNumber} 0 obj\n<< /Type /ObjStm /N ${batch.length} /First ${head.length} /Filter /FlateDecode /Length ${data.length} >>\nstream\n`,
      ),
    );
    push(data);
    push(ascii('\nendstream\nendobj\n'));
    batch = [];
  };
  for (const object of objects) {
    batch.push(object);
    if (batch.length === PER_STREAM) await flush();
  }
  await flush();

  // The cross-reference stream: every number from 0 to its own, free where nothing is.
  const xrefNumber = nextNumber++;
  const xrefOffset = offset;
  uncompressed.set(xrefNumber, xrefOffset);
  if (offset > 0xffffffff) throw new Error('The PDF is too large for its cross-reference stream.');
  const size = xrefNumber + 1;
  const rows = new Uint8Array(size * 7);
  const view = new DataView(rows.buffer);
  for (let number = 0; number < size; number += 1) {
    const at = number * 7;
    const direct = uncompressed.get(number);
    const packed = compressed.get(number);
    if (direct !== undefined) {
      view.setUint8(at, 1);
      view.setUint32(at + 1, direct);
    } else if (packed !== undefined) {
      view.setUint8(at, 2);
      view.setUint32(at + 1, packed[0]);
      view.setUint16(at + 5, packed[1]);
    } else view.setUint16(at + 5, number === 0 ? 0xffff : 0);
  }
  const data = await deflate(rows);
  push(
    ascii(
      `${xrefNumber} 0 obj\n<< /Type /XRef /Size ${size} /W [1 4 2] ${trailer.keys} /Filter /FlateDecode /Length ${data.length} >>\nstream\n`,
    ),
  );
  push(data);
  push(ascii(`\nendstream\nendobj\nstartxref\n${xrefOffset}\n%%EOF\n`));
  return concatBytes(parts);
}
