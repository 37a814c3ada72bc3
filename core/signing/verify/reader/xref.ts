import type { Budget } from './budget';
import { PdfSyntaxError } from './budget';
import { decodeWhole } from './inflate';
import { Lexer } from './lexer';
import type { PdfValue } from './objects';
import { PdfDict, PdfStream } from './objects';
import type { LengthResolver } from './parser';
import { expectKeyword, parseIndirectAt, parseValue } from './parser';

/**
 * One cross-reference section: a classic table (`xref … trailer`), a cross-reference stream, or
 * both (a hybrid file's table whose trailer names an /XRefStm), and where its revision ends:
 * just past the `%%EOF` that follows its `startxref`.
 */

export type XrefEntry =
  | { type: 'free'; gen: number }
  | { type: 'offset'; offset: number; gen: number }
  | { type: 'compressed'; stream: number; index: number };

export interface XrefSection {
  /** Offset of `xref` or of the cross-reference stream object. */
  offset: number;
  entries: Map<number, XrefEntry>;
  trailer: PdfDict;
  /** Object number of the cross-reference stream (stream sections and hybrid /XRefStm). */
  streamObjects: number[];
  /** Just past `%%EOF` and its end of line: where this revision ends. */
  end: number;
}

const MAX_XREF_STREAM_BYTES = 64 * 1024 * 1024;
const MAX_ENTRIES = 8_388_607;

export function sameEntry(a: XrefEntry | undefined, b: XrefEntry | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.type === 'free' || b.type === 'free') return a.type === b.type;
  if (a.type === 'offset' && b.type === 'offset') return a.offset === b.offset && a.gen === b.gen;
  if (a.type === 'compressed' && b.type === 'compressed')
    return a.stream === b.stream && a.index === b.index;
  return false;
}

function nonNegative(value: PdfValue | undefined, what: string, at: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw new PdfSyntaxError(`${what} is not a non-negative integer`, at);
  return value;
}

/** Reads the section at `offset`; `lengthOf` resolves an indirect /Length of a stream section. */
export function readXrefSection(
  bytes: Uint8Array,
  offset: number,
  budget: Budget,
  lengthOf: LengthResolver,
): XrefSection {
  const lexer = new Lexer(bytes, offset, budget);
  const first = lexer.next();
  if (first.start !== offset)
    throw new PdfSyntaxError('startxref does not point at a cross-reference section', offset);
  let section: Omit<XrefSection, 'end'>;
  if (first.kind === 'keyword' && first.value === 'xref') {
    section = readTable(lexer, offset, budget);
    const stmOffset = section.trailer.get('XRefStm');
    if (stmOffset !== undefined) {
      const stream = readStreamSection(
        bytes,
        nonNegative(stmOffset, '/XRefStm', offset),
        budget,
        lengthOf,
      );
      for (const [num, entry] of stream.entries)
        if (!section.entries.has(num)) section.entries.set(num, entry);
      section.streamObjects.push(...stream.streamObjects);
    }
  } else {
    section = readStreamSection(bytes, offset, budget, lengthOf);
    lexer.pos = endOfObject(bytes, offset, budget, lengthOf);
  }
  expectKeyword(lexer, 'startxref');
  const pointer = lexer.next();
  if (pointer.kind !== 'number' || pointer.value !== offset)
    throw new PdfSyntaxError(
      'startxref does not name its own cross-reference section',
      pointer.start,
    );
  return { ...section, end: eofEnd(bytes, lexer.pos) };
}

/** Just past `%%EOF` (after optional whitespace) and one end of line. */
export function eofEnd(bytes: Uint8Array, from: number): number {
  let pos = from;
  while (
    pos < bytes.length &&
    (bytes[pos] === 0x20 || bytes[pos] === 0x0a || bytes[pos] === 0x0d || bytes[pos] === 0x09)
  )
    pos += 1;
  const marker = [0x25, 0x25, 0x45, 0x4f, 0x46];
  if (!marker.every((byte, index) => bytes[pos + index] === byte))
    throw new PdfSyntaxError('expected %%EOF after startxref', pos);
  pos += marker.length;
  if (bytes[pos] === 0x0d) pos += 1;
  if (bytes[pos] === 0x0a) pos += 1;
  return pos;
}

function endOfObject(
  bytes: Uint8Array,
  offset: number,
  budget: Budget,
  lengthOf: LengthResolver,
): number {
  return parseIndirectAt(new Lexer(bytes, offset, budget), offset, budget, lengthOf).end;
}

function readTable(lexer: Lexer, offset: number, budget: Budget): Omit<XrefSection, 'end'> {
  const entries = new Map<number, XrefEntry>();
  const { bytes } = lexer;
  for (;;) {
    const token = lexer.next();
    if (token.kind === 'keyword' && token.value === 'trailer') break;
    const count = lexer.next();
    if (token.kind !== 'number' || count.kind !== 'number' || !token.integer || !count.integer)
      throw new PdfSyntaxError('a cross-reference subsection without "first count"', token.start);
    if (token.value < 0 || count.value < 0 || entries.size + count.value > MAX_ENTRIES)
      throw new PdfSyntaxError('a cross-reference subsection out of range', token.start);
    budget.work(Math.ceil(count.value / 64));
    let pos = lexer.skipSpace();
    for (let index = 0; index < count.value; index += 1) {
      // Each entry is exactly 20 bytes: 10 digits, space, 5 digits, space, n|f, 2-byte EOL.
      const line = bytes.subarray(pos, pos + 20);
      const text = String.fromCharCode(...line);
      const match = /^(\d{10}) (\d{5}) ([nf])(?: \r| \n|\r\n)$/.exec(text);
      if (match === null) throw new PdfSyntaxError('a malformed cross-reference entry', pos);
      const num = token.value + index;
      if (entries.has(num))
        throw new PdfSyntaxError(
          `object ${num} is listed twice in one cross-reference section`,
          pos,
        );
      const gen = Number(match[2]);
      entries.set(
        num,
        match[3] === 'n'
          ? { type: 'offset', offset: Number(match[1]), gen }
          : { type: 'free', gen },
      );
      pos += 20;
    }
    lexer.pos = pos;
  }
  const trailer = parseValue(lexer, budget);
  if (!(trailer instanceof PdfDict))
    throw new PdfSyntaxError('the trailer is not a dictionary', lexer.pos);
  return { offset, entries, trailer, streamObjects: [] };
}

function readStreamSection(
  bytes: Uint8Array,
  offset: number,
  budget: Budget,
  lengthOf: LengthResolver,
): Omit<XrefSection, 'end'> {
  const object = parseIndirectAt(new Lexer(bytes, offset, budget), offset, budget, lengthOf);
  const stream = object.value;
  if (!(stream instanceof PdfStream) || stream.dict.name('Type') !== 'XRef')
    throw new PdfSyntaxError('the cross-reference section is not a cross-reference stream', offset);
  const dict = stream.dict;
  const size = nonNegative(dict.get('Size'), '/Size', offset);
  const widths = dict.get('W');
  if (!Array.isArray(widths) || widths.length !== 3)
    throw new PdfSyntaxError('a cross-reference stream without /W [a b c]', offset);
  const [w1, w2, w3] = widths.map((value) => nonNegative(value, '/W', offset)) as [
    number,
    number,
    number,
  ];
  if (w1 > 4 || w2 > 8 || w3 > 4)
    throw new PdfSyntaxError('a cross-reference /W out of range', offset);
  const index = dict.get('Index') ?? [0, size];
  if (!Array.isArray(index) || index.length % 2 !== 0)
    throw new PdfSyntaxError('a malformed cross-reference /Index', offset);
  const data = decodeWhole(bytes, stream, budget, MAX_XREF_STREAM_BYTES);
  const rowLength = w1 + w2 + w3;
  const entries = new Map<number, XrefEntry>();
  let row = 0;
  const field = (at: number, width: number, fallback: number): number => {
    if (width === 0) return fallback;
    let value = 0;
    for (let byte = 0; byte < width; byte += 1) value = value * 256 + (data[at + byte] ?? 0);
    return value;
  };
  for (let pair = 0; pair < index.length; pair += 2) {
    const start = nonNegative(index[pair], '/Index', offset);
    const count = nonNegative(index[pair + 1], '/Index', offset);
    if (entries.size + count > MAX_ENTRIES || (row + count) * rowLength > data.length)
      throw new PdfSyntaxError('a cross-reference stream shorter than its /Index', offset);
    budget.work(Math.ceil(count / 64));
    for (let at = 0; at < count; at += 1, row += 1) {
      const base = row * rowLength;
      const type = field(base, w1, 1);
      const second = field(base + w1, w2, 0);
      const third = field(base + w1 + w2, w3, 0);
      const num = start + at;
      if (entries.has(num))
        throw new PdfSyntaxError(
          `object ${num} is listed twice in one cross-reference stream`,
          offset,
        );
      if (type === 0) entries.set(num, { type: 'free', gen: third });
      else if (type === 1) entries.set(num, { type: 'offset', offset: second, gen: third });
      else if (type === 2) entries.set(num, { type: 'compressed', stream: second, index: third });
      else throw new PdfSyntaxError(`a cross-reference entry of unknown type ${type}`, offset);
    }
  }
  return { offset, entries, trailer: dict, streamObjects: [object.num] };
}
