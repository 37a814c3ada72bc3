import type { Budget } from './budget';
import { PdfSyntaxError } from './budget';
import type { Lexer, Token } from './lexer';
import { isWhitespace } from './lexer';
import type { PdfValue } from './objects';
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString } from './objects';

/** Objects from tokens: direct values, and indirect objects (`n g obj … endobj`) at an offset. */

export interface IndirectObject {
  num: number;
  gen: number;
  value: PdfValue;
  /** Offset of the object number, and just past `endobj`. */
  start: number;
  end: number;
}

/** Resolves a stream's /Length when it is a reference; undefined when it cannot. */
export type LengthResolver = (ref: PdfRef) => number | undefined;

function isInteger(token: Token): token is Token & { kind: 'number'; value: number } {
  return token.kind === 'number' && token.integer;
}

/** Reads one direct value; `n g R` becomes a reference. */
export function parseValue(lexer: Lexer, budget: Budget, depth = 0, first?: Token): PdfValue {
  budget.depth(depth, 'an object');
  const token = first ?? lexer.next();
  switch (token.kind) {
    case 'number': {
      if (!token.integer || token.value < 0) return token.value;
      // Two integers followed by R are a reference; look ahead without consuming otherwise.
      const back = lexer.pos;
      const second = lexer.next();
      if (isInteger(second) && second.value >= 0) {
        const third = lexer.next();
        if (third.kind === 'keyword' && third.value === 'R')
          return new PdfRef(token.value, second.value);
      }
      lexer.pos = back;
      return token.value;
    }
    case 'name':
      return new PdfName(token.value);
    case 'string':
      return new PdfString(token.bytes, token.hex);
    case 'keyword':
      if (token.value === 'true') return true;
      if (token.value === 'false') return false;
      if (token.value === 'null') return null;
      throw new PdfSyntaxError(`unexpected "${token.value.slice(0, 32)}"`, token.start);
    case 'delimiter':
      if (token.value === '[') {
        const items: PdfValue[] = [];
        for (;;) {
          const next = lexer.next();
          if (next.kind === 'delimiter' && next.value === ']') return items;
          if (next.kind === 'eof') throw new PdfSyntaxError('an unterminated array', token.start);
          items.push(parseValue(lexer, budget, depth + 1, next));
        }
      }
      if (token.value === '<<') {
        const entries = new Map<string, PdfValue>();
        for (;;) {
          const key = lexer.next();
          if (key.kind === 'delimiter' && key.value === '>>') return new PdfDict(entries);
          if (key.kind !== 'name')
            throw new PdfSyntaxError('a dictionary key that is not a name', key.start);
          // A key written twice is ambiguous (readers disagree on which wins): refuse it.
          if (entries.has(key.value))
            throw new PdfSyntaxError(
              `the key /${key.value} appears twice in one dictionary`,
              key.start,
            );
          entries.set(key.value, parseValue(lexer, budget, depth + 1));
        }
      }
      throw new PdfSyntaxError(`unexpected "${token.value}"`, token.start);
    case 'eof':
      throw new PdfSyntaxError('the file ends inside an object', token.start);
  }
}

/** Expects the keyword `word` next. */
export function expectKeyword(lexer: Lexer, word: string): Token {
  const token = lexer.next();
  if (token.kind !== 'keyword' || token.value !== word)
    throw new PdfSyntaxError(`expected "${word}"`, token.start);
  return token;
}

/** Reads `n g obj` at the lexer's position; null when the next tokens are not an object header. */
export function readObjectHeader(lexer: Lexer): { num: number; gen: number; start: number } | null {
  const first = lexer.next();
  const second = lexer.next();
  const third = lexer.next();
  if (
    isInteger(first) &&
    isInteger(second) &&
    first.value > 0 &&
    second.value >= 0 &&
    second.value <= 65535 &&
    third.kind === 'keyword' &&
    third.value === 'obj'
  )
    return { num: first.value, gen: second.value, start: first.start };
  return null;
}

/**
 * The indirect object whose header starts at `offset`. Stream data is located with /Length
 * (resolved through `lengthOf` when indirect) and must be followed by `endstream`; the object
 * must end with `endobj`.
 */
export function parseIndirectAt(
  lexer: Lexer,
  offset: number,
  budget: Budget,
  lengthOf: LengthResolver,
): IndirectObject {
  budget.work();
  lexer.pos = offset;
  const header = readObjectHeader(lexer);
  if (header === null || header.start !== offset)
    throw new PdfSyntaxError(
      'no object header ("n g obj") where the cross-reference points',
      offset,
    );
  let value = parseValue(lexer, budget);
  const after = lexer.next();
  if (after.kind === 'keyword' && after.value === 'stream') {
    if (!(value instanceof PdfDict))
      throw new PdfSyntaxError('stream data after something other than a dictionary', after.start);
    value = readStreamData(lexer, value, after.start, lengthOf);
    expectKeyword(lexer, 'endobj');
  } else if (after.kind !== 'keyword' || after.value !== 'endobj') {
    throw new PdfSyntaxError('expected "endobj"', after.start);
  }
  return { num: header.num, gen: header.gen, value, start: offset, end: lexer.pos };
}

function readStreamData(
  lexer: Lexer,
  dict: PdfDict,
  keywordStart: number,
  lengthOf: LengthResolver,
): PdfStream {
  const { bytes } = lexer;
  let dataStart = keywordStart + 'stream'.length;
  // The keyword is followed by CRLF or LF (a lone CR is tolerated by readers; accept it too).
  if (bytes[dataStart] === 0x0d) dataStart += 1;
  if (bytes[dataStart] === 0x0a) dataStart += 1;
  else if (bytes[dataStart - 1] !== 0x0d)
    throw new PdfSyntaxError('"stream" not followed by an end of line', dataStart);
  const declared = dict.get('Length');
  const length =
    typeof declared === 'number'
      ? declared
      : declared instanceof PdfRef
        ? lengthOf(declared)
        : undefined;
  if (length === undefined || !Number.isSafeInteger(length) || length < 0)
    throw new PdfSyntaxError('a stream without a usable /Length', keywordStart);
  if (dataStart + length > lexer.end)
    throw new PdfSyntaxError(
      'a stream /Length that runs past the end of the revision',
      keywordStart,
    );
  let pos = dataStart + length;
  while (pos < lexer.end && isWhitespace(bytes[pos])) pos += 1;
  lexer.pos = pos;
  expectKeyword(lexer, 'endstream');
  return new PdfStream(dict, dataStart, length);
}
