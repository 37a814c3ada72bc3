/**
 * A single-pass scanner for the head of a JSON document (or of JSON Lines): which key paths
 * occur and the first short values near the root. Detection needs only that much, and it must
 * take time linear in the head whatever the bytes are (a head of `[`×100,000, an unterminated
 * string, a cut document): every character is visited once, nothing is re-read, nesting is
 * bounded and malformed input simply ends the scan.
 */

/** Paths are recorded to this depth (`a.b.*.c`); deeper values still count for their ancestors. */
export const SHAPE_PATH_DEPTH = 4;
/** Values (strings, numbers) are kept for paths this shallow, cut at VALUE_CHARS. */
const VALUE_DEPTH = 2;
const VALUE_CHARS = 200;
/** Beyond this nesting the scan stops: no evidence format we detect nests this deep in its head. */
export const MAX_SCAN_DEPTH = 512;
/** At most this many distinct paths are kept, so a hostile head cannot grow the set without bound. */
const MAX_PATHS = 20_000;

/** Counts characters visited, so tests can hold a scanner to linear work. */
export interface WorkMeter {
  steps: number;
}

/** What the head of a JSON document looks like: key paths (`*` for array items) and values. */
export interface JsonShape {
  rootIsArray: boolean;
  paths: Set<string>;
  values: Map<string, string>;
  /** Top-level documents that began in the head (more than one: JSON Lines). */
  documents: number;
  /** Keys of the first document's root object, in order. */
  rootKeys: string[];
  /** Whether the first document was complete within the head. */
  firstComplete: boolean;
  /** The scan stopped at something that is not JSON (or nested too deep). */
  malformed: boolean;
}

interface Frame {
  array: boolean;
  /** Path of this container, or null once deeper than SHAPE_PATH_DEPTH. */
  path: string | null;
  depth: number;
}

const isSpace = (code: number): boolean =>
  code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;

function childPath(parent: Frame | undefined, key: string): string | null {
  if (!parent) return '';
  if (parent.path === null || parent.depth >= SHAPE_PATH_DEPTH) return null;
  return parent.path === '' ? key : `${parent.path}.${key}`;
}

export function jsonShape(text: string, meter?: WorkMeter): JsonShape {
  const shape: JsonShape = {
    rootIsArray: false,
    paths: new Set(),
    values: new Map(),
    documents: 0,
    rootKeys: [],
    firstComplete: false,
    malformed: false,
  };
  const stack: Frame[] = [];
  /** The path of the value about to start (set by a key, or by an array's next item). */
  let pendingPath: string | null = '';
  let expectKey = false;
  let index = 0;
  const length = text.length;

  // Never `stack[-1]`: reading an array out of bounds is a slow lookup in V8 that grew with
  // the number of documents read (a head of `1 `×128k took 4× per character what 16 KiB did).
  const topFrame = (): Frame | undefined =>
    stack.length === 0 ? undefined : stack[stack.length - 1];

  const record = (path: string | null): void => {
    if (path !== null && path !== '' && shape.paths.size < MAX_PATHS) shape.paths.add(path);
  };

  /** Reads a string starting at the opening quote; returns its text (cut) or null if unterminated. */
  const readString = (): string | null => {
    let out = '';
    let position = index + 1;
    while (position < length) {
      const code = text.charCodeAt(position);
      if (code === 0x22) {
        if (meter) meter.steps += position + 1 - index;
        index = position + 1;
        return out;
      }
      if (code === 0x5c) {
        if (out.length < VALUE_CHARS) out += decodeEscape(text, position);
        position += text.charCodeAt(position + 1) === 0x75 ? 6 : 2;
        continue;
      }
      if (out.length < VALUE_CHARS) out += text[position];
      position += 1;
    }
    if (meter) meter.steps += position - index;
    index = length;
    return null;
  };

  const startValue = (): void => {
    const top = topFrame();
    const depth = stack.length;
    if (depth === 0) {
      shape.documents += 1;
      if (shape.documents === 1) shape.rootIsArray = text.charCodeAt(index) === 0x5b;
    }
    const path = depth === 0 ? '' : pendingPath;
    record(path);
    const code = text.charCodeAt(index);
    if (code === 0x7b || code === 0x5b) {
      if (depth >= MAX_SCAN_DEPTH) {
        shape.malformed = true;
        index = length;
        return;
      }
      stack.push({ array: code === 0x5b, path, depth: depth === 0 ? 0 : (top?.depth ?? 0) + 1 });
      index += 1;
      if (meter) meter.steps += 1;
      expectKey = code === 0x7b;
      if (code === 0x5b) pendingPath = childPath(topFrame(), '*');
      return;
    }
    let value: string | null;
    if (code === 0x22) value = readString();
    else {
      const start = index;
      while (index < length && !isDelimiter(text.charCodeAt(index))) index += 1;
      if (meter) meter.steps += index - start + 1;
      value = text.slice(start, Math.min(index, start + VALUE_CHARS));
      if (value === '') {
        shape.malformed = true;
        index = length;
        return;
      }
    }
    if (value !== null && path !== null && path !== '' && depth <= VALUE_DEPTH) {
      if (!shape.values.has(path) && value !== 'null') shape.values.set(path, value);
    }
    afterValue();
  };

  const afterValue = (): void => {
    if (stack.length === 0 && shape.documents === 1) shape.firstComplete = true;
    const top = topFrame();
    expectKey = top !== undefined && !top.array;
    if (top?.array) pendingPath = childPath(top, '*');
  };

  while (index < length) {
    const code = text.charCodeAt(index);
    if (isSpace(code) || code === 0x2c || (code === 0xfeff && index === 0)) {
      index += 1;
      if (meter) meter.steps += 1;
      continue;
    }
    const top = topFrame();
    if (code === 0x7d || code === 0x5d) {
      if (!top || top.array !== (code === 0x5d)) {
        shape.malformed = true;
        break;
      }
      stack.pop();
      index += 1;
      if (meter) meter.steps += 1;
      afterValue();
      continue;
    }
    if (top && !top.array && expectKey) {
      if (code !== 0x22) {
        shape.malformed = true;
        break;
      }
      const key = readString();
      if (key === null) break;
      pendingPath = childPath(top, key);
      if (stack.length === 1 && shape.documents === 1 && shape.rootKeys.length < 1000)
        shape.rootKeys.push(key);
      // Skip to the colon; anything else is not JSON.
      while (index < length && isSpace(text.charCodeAt(index))) index += 1;
      if (index >= length) break;
      if (text.charCodeAt(index) !== 0x3a) {
        shape.malformed = true;
        break;
      }
      index += 1;
      if (meter) meter.steps += 1;
      expectKey = false;
      continue;
    }
    startValue();
  }
  return shape;
}

function isDelimiter(code: number): boolean {
  return isSpace(code) || code === 0x2c || code === 0x7d || code === 0x5d || code === 0x3a;
}

function decodeEscape(text: string, backslash: number): string {
  const next = text[backslash + 1] ?? '';
  switch (next) {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 'u': {
      const code = Number.parseInt(text.slice(backslash + 2, backslash + 6), 16);
      return Number.isNaN(code) ? '' : String.fromCharCode(code);
    }
    default:
      return next;
  }
}
