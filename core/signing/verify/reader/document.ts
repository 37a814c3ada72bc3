import type { Budget } from './budget';
import { LimitExceeded, PdfSyntaxError } from './budget';
import { decodeWhole } from './inflate';
import { Lexer, isWhitespace } from './lexer';
import type { PdfValue } from './objects';
import { PdfDict, PdfRef, PdfStream } from './objects';
import type { IndirectObject } from './parser';
import { parseIndirectAt, parseValue } from './parser';
import type { XrefEntry, XrefSection } from './xref';
import { readXrefSection } from './xref';

/**
 * A PDF read as a conforming reader reads it: from the last `startxref` back along /Prev, one
 * revision per cross-reference section, each object resolved through its own revision's
 * entries at the byte offset they give (or inside the object stream they name). Nothing is
 * found by scanning for `obj`: a comment, a duplicate or an object no entry names is invisible
 * here exactly as it is to every viewer.
 */

const MAX_OBJECT_STREAM_BYTES = 64 * 1024 * 1024;

export interface Revision {
  /** 0 for the original document. */
  index: number;
  /** Where this revision's own bytes start (the previous revision's end) and end. */
  start: number;
  end: number;
  section: XrefSection;
}

export class PdfFile {
  readonly revisions: Revision[];
  /** Bytes after the last revision's %%EOF that are not whitespace. */
  readonly trailingBytes: number;
  private readonly resolvers = new Map<number, Resolver>();

  constructor(
    readonly bytes: Uint8Array,
    readonly budget: Budget,
    /** Read as if the file ended here (a prefix ending at a revision's end). */
    readonly length: number = bytes.length,
  ) {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 8));
    if (!head.startsWith('%PDF-'))
      throw new PdfSyntaxError('the file does not start with %PDF-', 0);
    const eof = lastEof(bytes, length);
    if (eof < 0) throw new PdfSyntaxError('this is not a complete PDF file (no %%EOF)', length);
    const sections: XrefSection[] = [];
    const seen = new Set<number>();
    let offset = startxrefBefore(bytes, eof);
    for (;;) {
      if (seen.has(offset)) throw new PdfSyntaxError('the /Prev chain loops', offset);
      seen.add(offset);
      if (sections.length >= budget.limits.revisions)
        throw new LimitExceeded(
          `exceeds ${budget.limits.revisions} revisions (incremental updates)`,
        );
      const lengthOf = (ref: PdfRef): number | undefined => this.directLength(sections, ref);
      const section = readXrefSection(bytes, offset, budget, lengthOf);
      sections.push(section);
      const prev = section.trailer.get('Prev');
      if (prev === undefined) break;
      if (typeof prev !== 'number' || !Number.isSafeInteger(prev) || prev < 0 || prev >= offset)
        throw new PdfSyntaxError('a /Prev that does not point to an earlier section', offset);
      offset = prev;
    }
    sections.reverse();
    this.revisions = sections.map((section, index) => ({
      index,
      start: index === 0 ? 0 : (sections[index - 1]?.end ?? 0),
      end: section.end,
      section,
    }));
    for (const revision of this.revisions) {
      if (revision.end <= revision.start || revision.section.offset < revision.start)
        throw new PdfSyntaxError(
          'revisions overlap: a cross-reference section lies inside an earlier revision',
          revision.section.offset,
        );
    }
    const last = this.revisions[this.revisions.length - 1];
    if (last === undefined || last.end > length) throw new PdfSyntaxError('no revision', 0);
    let trailing = 0;
    for (let pos = last.end; pos < length; pos += 1) if (!isWhitespace(bytes[pos])) trailing += 1;
    this.trailingBytes = trailing;
    if (this.final.section.trailer.has('Encrypt'))
      throw new PdfSyntaxError('the file is encrypted; signed reports are never encrypted', 0);
  }

  get final(): Revision {
    return this.revisions[this.revisions.length - 1] as Revision;
  }

  resolver(revision: Revision): Resolver {
    let resolver = this.resolvers.get(revision.index);
    if (resolver === undefined) {
      resolver = new Resolver(this, revision);
      this.resolvers.set(revision.index, resolver);
    }
    return resolver;
  }

  /** The entry an object number has in `revision`: its own section first, then earlier ones. */
  entry(revision: Revision, num: number): XrefEntry | undefined {
    for (let index = revision.index; index >= 0; index -= 1) {
      this.budget.work(0.01);
      const found = this.revisions[index]?.section.entries.get(num);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** A stream /Length given by reference while the sections are still being read. */
  private directLength(sections: readonly XrefSection[], ref: PdfRef): number | undefined {
    for (const section of sections) {
      const entry = section.entries.get(ref.num);
      if (entry?.type !== 'offset' || entry.gen !== ref.gen) continue;
      const lexer = new Lexer(this.bytes, entry.offset, this.budget, this.length);
      const value = parseIndirectAt(lexer, entry.offset, this.budget, () => undefined).value;
      return typeof value === 'number' ? value : undefined;
    }
    return undefined;
  }
}

/** A decoded object stream: the object numbers it holds, in order, and their offsets. */
export interface ObjectStreamIndex {
  data: Uint8Array;
  offsets: Map<number, number>;
  numbers: number[];
  first: number;
}

/** Objects as one revision defines them, each parsed once. */
export class Resolver {
  private readonly cache = new Map<number, PdfValue>();
  private readonly objectStreams = new Map<number, ObjectStreamIndex>();
  private readonly reading = new Set<number>();

  constructor(
    readonly file: PdfFile,
    readonly revision: Revision,
  ) {}

  /** The object `num` (with generation `gen` when given); null when free, absent or of another generation. */
  object(num: number, gen?: number): PdfValue {
    const entry = this.file.entry(this.revision, num);
    if (entry === undefined || entry.type === 'free') return null;
    if (entry.type === 'offset' && gen !== undefined && entry.gen !== gen) return null;
    if (entry.type === 'compressed' && gen !== undefined && gen !== 0) return null;
    const cached = this.cache.get(num);
    if (cached !== undefined) return cached;
    if (this.reading.has(num))
      throw new PdfSyntaxError(`object ${num} is needed to read itself (a reference loop)`, 0);
    this.reading.add(num);
    try {
      const value =
        entry.type === 'offset'
          ? this.parseAt(entry.offset, num, entry.gen).value
          : this.fromObjectStream(num, entry.stream, entry.index);
      this.cache.set(num, value);
      return value;
    } finally {
      this.reading.delete(num);
    }
  }

  /** A value with a reference followed (one step). */
  resolve(value: PdfValue | undefined): PdfValue {
    if (value === undefined) return null;
    return value instanceof PdfRef ? this.object(value.num, value.gen) : value;
  }

  dict(value: PdfValue | undefined): PdfDict | undefined {
    const resolved = this.resolve(value);
    return resolved instanceof PdfDict ? resolved : undefined;
  }

  array(value: PdfValue | undefined): PdfValue[] | undefined {
    const resolved = this.resolve(value);
    return Array.isArray(resolved) ? resolved : undefined;
  }

  parseAt(offset: number, num: number, gen: number): IndirectObject {
    if (offset >= this.revision.end)
      throw new PdfSyntaxError(
        `the entry for object ${num} points past the end of its revision`,
        offset,
      );
    const lexer = new Lexer(this.file.bytes, offset, this.file.budget, this.revision.end);
    const parsed = parseIndirectAt(lexer, offset, this.file.budget, (ref) => {
      const length = this.object(ref.num, ref.gen);
      return typeof length === 'number' ? length : undefined;
    });
    if (parsed.num !== num || parsed.gen !== gen)
      throw new PdfSyntaxError(
        `the entry for object ${num} ${gen} points at object ${parsed.num} ${parsed.gen}`,
        offset,
      );
    return parsed;
  }

  private fromObjectStream(num: number, streamNum: number, index: number): PdfValue {
    const container = this.objectStream(streamNum);
    const offset = container.offsets.get(num);
    if (offset === undefined || container.numbers[index] !== num)
      throw new PdfSyntaxError(
        `object ${num} is not where its entry says in object stream ${streamNum}`,
        0,
      );
    const lexer = new Lexer(container.data, container.first + offset, this.file.budget);
    this.file.budget.work();
    return parseValue(lexer, this.file.budget);
  }

  objectStream(streamNum: number): ObjectStreamIndex {
    const known = this.objectStreams.get(streamNum);
    if (known !== undefined) return known;
    const entry = this.file.entry(this.revision, streamNum);
    if (entry?.type !== 'offset')
      throw new PdfSyntaxError(`object stream ${streamNum} is not a plain object`, 0);
    const stream = this.object(streamNum);
    if (!(stream instanceof PdfStream) || stream.dict.name('Type') !== 'ObjStm')
      throw new PdfSyntaxError(`object ${streamNum} is not an object stream`, entry.offset);
    const count = stream.dict.get('N');
    const first = stream.dict.get('First');
    if (typeof count !== 'number' || typeof first !== 'number' || count < 0 || first < 0)
      throw new PdfSyntaxError('an object stream without /N and /First', entry.offset);
    const data = decodeWhole(this.file.bytes, stream, this.file.budget, MAX_OBJECT_STREAM_BYTES);
    const lexer = new Lexer(data, 0, this.file.budget, Math.min(first, data.length));
    const offsets = new Map<number, number>();
    this.file.budget.work(Math.ceil(count / 64));
    for (let at = 0; at < count; at += 1) {
      const objectNumber = lexer.next();
      const objectOffset = lexer.next();
      if (objectNumber.kind !== 'number' || objectOffset.kind !== 'number')
        throw new PdfSyntaxError(`object stream ${streamNum} has a short header`, entry.offset);
      if (offsets.has(objectNumber.value))
        throw new PdfSyntaxError(
          `object stream ${streamNum} holds object ${objectNumber.value} twice`,
          entry.offset,
        );
      offsets.set(objectNumber.value, objectOffset.value);
    }
    const result = { data, offsets, numbers: [...offsets.keys()], first };
    this.objectStreams.set(streamNum, result);
    return result;
  }

  /** The raw bytes of a stream's data, for comparing streams between revisions. */
  streamBytes(stream: PdfStream): Uint8Array {
    return this.file.bytes.subarray(stream.dataStart, stream.dataStart + stream.dataLength);
  }

  get trailer(): PdfDict {
    return this.revision.section.trailer;
  }

  get catalog(): PdfDict | undefined {
    return this.dict(this.trailer.get('Root'));
  }
}

/** Offset of the last `%%EOF` at or before `length`. */
export function lastEof(bytes: Uint8Array, length: number): number {
  for (let pos = length - 5; pos >= 0; pos -= 1) {
    if (
      bytes[pos] === 0x25 &&
      bytes[pos + 1] === 0x25 &&
      bytes[pos + 2] === 0x45 &&
      bytes[pos + 3] === 0x4f &&
      bytes[pos + 4] === 0x46
    )
      return pos;
  }
  throw new PdfSyntaxError('this is not a complete PDF file (no %%EOF)', length);
}

/** The offset `startxref N` names just before the `%%EOF` at `eof`. */
function startxrefBefore(bytes: Uint8Array, eof: number): number {
  const from = Math.max(0, eof - 64);
  const text = new TextDecoder('latin1').decode(bytes.subarray(from, eof));
  const at = text.lastIndexOf('startxref');
  const match =
    at === -1 ? null : /^startxref[\0\t\n\f\r ]+(\d{1,15})[\0\t\n\f\r ]*$/.exec(text.slice(at));
  if (match?.[1] === undefined) throw new PdfSyntaxError('no startxref before the last %%EOF', eof);
  return Number(match[1]);
}
