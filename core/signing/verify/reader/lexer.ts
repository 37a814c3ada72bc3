import type { Budget } from './budget';
import { LimitExceeded, PdfSyntaxError } from './budget';

/**
 * PDF tokens as ISO 32000 defines them: whitespace (NUL, TAB, LF, FF, CR, SP) and comments
 * separate tokens anywhere, numbers take any integer form (`008`, `+8`), names decode `#xx`.
 * Every token is bounded in length, so no input makes the lexer spend more than linear time.
 */

export type Token =
  | { kind: 'number'; value: number; integer: boolean; start: number }
  | { kind: 'name'; value: string; start: number }
  | { kind: 'string'; bytes: Uint8Array; hex: boolean; start: number }
  | { kind: 'keyword'; value: string; start: number }
  | { kind: 'delimiter'; value: '[' | ']' | '<<' | '>>' | '{' | '}'; start: number }
  | { kind: 'eof'; start: number };

const WHITESPACE = new Uint8Array(256);
for (const byte of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) WHITESPACE[byte] = 1;
const DELIMITER = new Uint8Array(256);
for (const char of '()<>[]{}/%') DELIMITER[char.charCodeAt(0)] = 1;

export function isWhitespace(byte: number | undefined): boolean {
  return byte !== undefined && WHITESPACE[byte] === 1;
}

function isRegular(byte: number | undefined): boolean {
  return byte !== undefined && WHITESPACE[byte] === 0 && DELIMITER[byte] === 0;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x37;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x57;
  return -1;
}

export class Lexer {
  /** Offset of the next byte to read. */
  pos: number;

  constructor(
    readonly bytes: Uint8Array,
    start: number,
    private readonly budget: Budget,
    /** Reading stops here (the end of the revision being read). */
    readonly end: number = bytes.length,
  ) {
    this.pos = start;
  }

  /** Skips whitespace and comments; returns the offset of the next token. */
  skipSpace(): number {
    const { bytes, end } = this;
    let pos = this.pos;
    while (pos < end) {
      const byte = bytes[pos] as number;
      if (WHITESPACE[byte] === 1) pos += 1;
      else if (byte === 0x25) {
        while (pos < end && bytes[pos] !== 0x0a && bytes[pos] !== 0x0d) pos += 1;
      } else break;
    }
    this.pos = pos;
    return pos;
  }

  next(): Token {
    const start = this.skipSpace();
    const { bytes, end } = this;
    if (start >= end) return { kind: 'eof', start };
    const byte = bytes[start] as number;
    if (byte === 0x28) return this.literalString(start);
    if (byte === 0x3c) {
      if (bytes[start + 1] === 0x3c) {
        this.pos = start + 2;
        return { kind: 'delimiter', value: '<<', start };
      }
      return this.hexString(start);
    }
    if (byte === 0x3e) {
      if (bytes[start + 1] !== 0x3e) throw new PdfSyntaxError('a lone ">"', start);
      this.pos = start + 2;
      return { kind: 'delimiter', value: '>>', start };
    }
    if (byte === 0x5b || byte === 0x5d || byte === 0x7b || byte === 0x7d) {
      this.pos = start + 1;
      const value = String.fromCharCode(byte) as '[' | ']' | '{' | '}';
      return { kind: 'delimiter', value, start };
    }
    if (byte === 0x2f) return this.name(start);
    if (byte === 0x29) throw new PdfSyntaxError('a lone ")"', start);
    let pos = start;
    while (pos < end && isRegular(bytes[pos])) {
      pos += 1;
      if (pos - start > this.budget.limits.tokenChars)
        throw new LimitExceeded(
          `exceeds ${this.budget.limits.tokenChars} characters in one number or keyword (at byte ${start})`,
        );
    }
    this.pos = pos;
    let text = '';
    for (let at = start; at < pos; at += 1) text += String.fromCharCode(bytes[at] as number);
    if (NUMBER.test(text)) {
      const value = Number(text);
      const integer = !text.includes('.');
      if (integer && !Number.isSafeInteger(value))
        throw new PdfSyntaxError(`the integer ${text.slice(0, 24)} is out of range`, start);
      return { kind: 'number', value, integer, start };
    }
    return { kind: 'keyword', value: text, start };
  }

  private name(start: number): Token {
    const { bytes, end } = this;
    let pos = start + 1;
    const out: number[] = [];
    while (pos < end && isRegular(bytes[pos])) {
      const byte = bytes[pos] as number;
      if (byte === 0x23) {
        const high = hexValue(bytes[pos + 1] ?? 0);
        const low = hexValue(bytes[pos + 2] ?? 0);
        if (high < 0 || low < 0) throw new PdfSyntaxError('a bad #xx escape in a name', pos);
        out.push(high * 16 + low);
        pos += 3;
      } else {
        out.push(byte);
        pos += 1;
      }
      if (out.length > this.budget.limits.tokenChars)
        throw new LimitExceeded(
          `exceeds ${this.budget.limits.tokenChars} characters in one name (at byte ${start})`,
        );
    }
    this.pos = pos;
    return { kind: 'name', value: new TextDecoder('utf-8').decode(new Uint8Array(out)), start };
  }

  private hexString(start: number): Token {
    const { bytes, end } = this;
    const limit = this.budget.limits.stringBytes;
    const close = bytes.indexOf(0x3e, start + 1);
    if (close === -1 || close >= end) throw new PdfSyntaxError('an unterminated hex string', start);
    if ((close - start) / 2 > limit + 1024)
      throw new LimitExceeded(`exceeds ${limit} bytes in one string (at byte ${start})`);
    const out = new Uint8Array(Math.ceil((close - start) / 2));
    let length = 0;
    let high = -1;
    for (let pos = start + 1; pos < close; pos += 1) {
      const byte = bytes[pos] as number;
      if (WHITESPACE[byte] === 1) continue;
      const value = hexValue(byte);
      if (value < 0) throw new PdfSyntaxError('a non-hex character in a hex string', pos);
      if (high < 0) high = value;
      else {
        out[length++] = high * 16 + value;
        high = -1;
      }
    }
    if (high >= 0) out[length++] = high * 16;
    this.pos = close + 1;
    return { kind: 'string', bytes: out.subarray(0, length), hex: true, start };
  }

  private literalString(start: number): Token {
    const { bytes, end } = this;
    const limit = this.budget.limits.stringBytes;
    const out: number[] = [];
    let depth = 1;
    let pos = start + 1;
    while (pos < end) {
      const byte = bytes[pos] as number;
      pos += 1;
      if (byte === 0x5c) {
        const escaped = bytes[pos] ?? 0;
        pos += 1;
        const simple: Record<number, number> = {
          0x6e: 0x0a,
          0x72: 0x0d,
          0x74: 0x09,
          0x62: 0x08,
          0x66: 0x0c,
          0x28: 0x28,
          0x29: 0x29,
          0x5c: 0x5c,
        };
        if (simple[escaped] !== undefined) out.push(simple[escaped]);
        else if (escaped >= 0x30 && escaped <= 0x37) {
          let value = escaped - 0x30;
          for (
            let count = 0;
            count < 2 && (bytes[pos] ?? 0) >= 0x30 && (bytes[pos] ?? 0) <= 0x37;
            count += 1
          ) {
            value = value * 8 + ((bytes[pos] as number) - 0x30);
            pos += 1;
          }
          out.push(value & 0xff);
        } else if (escaped === 0x0d) {
          if (bytes[pos] === 0x0a) pos += 1;
        } else if (escaped !== 0x0a) out.push(escaped);
      } else if (byte === 0x28) {
        depth += 1;
        out.push(byte);
      } else if (byte === 0x29) {
        depth -= 1;
        if (depth === 0) {
          this.pos = pos;
          return { kind: 'string', bytes: new Uint8Array(out), hex: false, start };
        }
        out.push(byte);
      } else out.push(byte);
      if (out.length > limit)
        throw new LimitExceeded(`exceeds ${limit} bytes in one string (at byte ${start})`);
    }
    throw new PdfSyntaxError('an unterminated string', start);
  }
}
