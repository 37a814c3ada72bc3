import type { WorkMeter } from './head-json';

/**
 * A single-pass scanner for the head of an XML document: the declared encoding, the root
 * element (name, namespace and attributes) and the names of the elements that open in the
 * head. Declarations, processing instructions, comments, CDATA and a DOCTYPE are skipped by
 * searching forward for their terminator; an unterminated one ends the scan. Nothing is ever
 * re-read, so the work is linear in the head whatever it holds (`<a`×128k, `<!--`×64k).
 * The document itself is read later by the safe parser (xml.ts); this only decides its format.
 */

export interface XmlHead {
  /** `encoding` from the XML declaration, lower case; null when none is declared. */
  encoding: string | null;
  root: { name: string; attrs: Record<string, string> } | null;
  /** Local names of the elements that open in the head (the first MAX_NAMES distinct ones). */
  names: Set<string>;
}

const MAX_NAMES = 2000;
const MAX_ATTRS = 64;

function isNameChar(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x5f ||
    code === 0x2d ||
    code === 0x2e ||
    code === 0x3a ||
    code > 0x7f
  );
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

function local(name: string): string {
  const colon = name.lastIndexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

export function xmlHead(text: string, meter?: WorkMeter): XmlHead {
  const head: XmlHead = { encoding: null, root: null, names: new Set() };
  const length = text.length;
  let index = 0;
  /** Moves to just past `terminator` searched from `from`; false when it is not in the head. */
  const skipPast = (terminator: string, from: number): boolean => {
    const found = text.indexOf(terminator, from);
    const end = found === -1 ? length : found + terminator.length;
    if (meter) meter.steps += end - index;
    index = end;
    return found !== -1;
  };
  while (index < length) {
    const open = text.indexOf('<', index);
    if (meter) meter.steps += (open === -1 ? length : open) - index;
    if (open === -1) break;
    index = open;
    if (text.startsWith('<?', index)) {
      const start = index;
      if (!skipPast('?>', index + 2)) break;
      if (head.encoding === null && text.startsWith('<?xml', start))
        head.encoding = declaredEncoding(text.slice(start, index));
    } else if (text.startsWith('<!--', index)) {
      if (!skipPast('-->', index + 4)) break;
    } else if (text.startsWith('<![CDATA[', index)) {
      if (!skipPast(']]>', index + 9)) break;
    } else if (text.startsWith('<!', index)) {
      if (!skipDeclaration()) break;
    } else if (text.startsWith('</', index)) {
      if (!skipPast('>', index + 2)) break;
    } else {
      const element = readStartTag();
      if (element === null) break;
      if (head.root === null) head.root = element;
      if (head.names.size < MAX_NAMES) head.names.add(element.name);
    }
  }
  return head;

  /** `<!DOCTYPE name [ ... ]>`: the internal subset ends at the first `]`, then the `>`. */
  function skipDeclaration(): boolean {
    const close = text.indexOf('>', index + 2);
    const limit = close === -1 ? length : close;
    // Look for `[` only up to the `>`, so a run of declarations is not searched to the end each time.
    let bracket = -1;
    for (let position = index + 2; position < limit; position += 1) {
      if (text.charCodeAt(position) === 0x5b) {
        bracket = position;
        break;
      }
    }
    if (bracket !== -1) {
      if (!skipPast(']', bracket + 1)) return false;
      return skipPast('>', index);
    }
    return skipPast('>', index + 2);
  }

  /** Reads `<name attr="value" ...>`; null when the tag does not end in the head. */
  function readStartTag(): { name: string; attrs: Record<string, string> } | null {
    let position = index + 1;
    while (position < length && isNameChar(text.charCodeAt(position))) position += 1;
    const name = text.slice(index + 1, position);
    const attrs: Record<string, string> = {};
    let count = 0;
    while (position < length) {
      const code = text.charCodeAt(position);
      if (code === 0x3e) {
        if (meter) meter.steps += position + 1 - index;
        index = position + 1;
        return name === '' ? { name: '', attrs } : { name: local(name), attrs };
      }
      if (code === 0x22 || code === 0x27) {
        // A stray quote outside an attribute: skip to its partner so `>` inside is not an end.
        const end = text.indexOf(code === 0x22 ? '"' : "'", position + 1);
        if (end === -1) break;
        position = end + 1;
        continue;
      }
      if (!isNameChar(code)) {
        position += 1;
        continue;
      }
      const nameStart = position;
      while (position < length && isNameChar(text.charCodeAt(position))) position += 1;
      const attrName = text.slice(nameStart, position);
      while (position < length && isSpace(text.charCodeAt(position))) position += 1;
      if (text.charCodeAt(position) !== 0x3d) continue;
      position += 1;
      while (position < length && isSpace(text.charCodeAt(position))) position += 1;
      const quote = text.charCodeAt(position);
      if (quote !== 0x22 && quote !== 0x27) continue;
      const end = text.indexOf(quote === 0x22 ? '"' : "'", position + 1);
      if (end === -1) break;
      if (count < MAX_ATTRS)
        attrs[attrName] = text.slice(position + 1, Math.min(end, position + 1 + 500));
      count += 1;
      position = end + 1;
    }
    if (meter) meter.steps += length - index;
    index = length;
    return null;
  }
}

/** `encoding="…"` inside an XML declaration (already cut to the declaration). */
function declaredEncoding(declaration: string): string | null {
  const at = declaration.indexOf('encoding');
  if (at === -1) return null;
  let position = at + 'encoding'.length;
  while (isSpace(declaration.charCodeAt(position))) position += 1;
  if (declaration[position] !== '=') return null;
  position += 1;
  while (isSpace(declaration.charCodeAt(position))) position += 1;
  const quote = declaration[position];
  if (quote !== '"' && quote !== "'") return null;
  const end = declaration.indexOf(quote, position + 1);
  return end === -1
    ? null
    : declaration
        .slice(position + 1, end)
        .trim()
        .toLowerCase() || null;
}
