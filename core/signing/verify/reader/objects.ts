/** PDF values as the reader produces them: plain data, comparable between revisions. */

export class PdfName {
  constructor(readonly name: string) {}
}

export class PdfString {
  constructor(
    readonly bytes: Uint8Array,
    readonly hex: boolean,
  ) {}

  /** A text string: UTF-16BE with a byte order mark, UTF-8 with one, else PDFDocEncoding (as Latin-1). */
  text(): string {
    const bytes = this.bytes;
    if (bytes[0] === 0xfe && bytes[1] === 0xff)
      return new TextDecoder('utf-16be').decode(bytes.subarray(2));
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
      return new TextDecoder('utf-8').decode(bytes.subarray(3));
    return new TextDecoder('latin1').decode(bytes);
  }
}

export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}

  toString(): string {
    return `${this.num} ${this.gen} R`;
  }
}

export class PdfDict {
  constructor(readonly entries: ReadonlyMap<string, PdfValue>) {}

  get(key: string): PdfValue | undefined {
    return this.entries.get(key);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** The value of a name entry (`/Type /Sig` → `Sig`). */
  name(key: string): string | undefined {
    const value = this.entries.get(key);
    return value instanceof PdfName ? value.name : undefined;
  }
}

/** A stream: its dictionary and where its raw (still encoded) data lies in the file. */
export class PdfStream {
  constructor(
    readonly dict: PdfDict,
    readonly dataStart: number,
    readonly dataLength: number,
  ) {}
}

export type PdfValue =
  null | boolean | number | PdfName | PdfString | PdfRef | PdfValue[] | PdfDict | PdfStream;

export function dictOf(value: PdfValue | undefined): PdfDict | undefined {
  if (value instanceof PdfDict) return value;
  if (value instanceof PdfStream) return value.dict;
  return undefined;
}

export function textOf(value: PdfValue | undefined): string {
  return value instanceof PdfString ? value.text() : '';
}

/**
 * A canonical text form of a value, for comparing an object between revisions: two values
 * print the same exactly when they mean the same (references by number, strings by bytes,
 * dictionaries with sorted keys). Stream data is compared separately, by its bytes.
 */
export function canonical(value: PdfValue, depth = 0): string {
  if (depth > 200) return '…';
  if (value === null) return 'null';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (value instanceof PdfName) return `/${JSON.stringify(value.name)}`;
  if (value instanceof PdfString) return `<${hexOf(value.bytes)}>`;
  if (value instanceof PdfRef) return `${value.num} ${value.gen} R`;
  if (Array.isArray(value)) return `[${value.map((item) => canonical(item, depth + 1)).join(' ')}]`;
  if (value instanceof PdfStream)
    return `${canonical(value.dict, depth + 1)}stream(${value.dataLength})`;
  const keys = [...value.entries.keys()].sort();
  return `<<${keys.map((key) => `/${JSON.stringify(key)} ${canonical(value.entries.get(key) ?? null, depth + 1)}`).join(' ')}>>`;
}

function hexOf(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}
