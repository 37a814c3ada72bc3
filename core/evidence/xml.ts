import type { SaxesTag } from 'saxes';
import { SaxesParser } from 'saxes';
import type { ByteChunks } from './bytes';
import { EvidenceParseError, decodeText } from './bytes';
import { WRITE_PIECE_CHARS, boundSaxes } from './xml-bounds';

/**
 * Streaming XML for hostile files. Built on saxes, which never expands entities it was not
 * given and never fetches anything; on top of that any DOCTYPE that declares entities or points
 * to an external DTD is refused outright (XXE, "billion laughs"), while a bare `<!DOCTYPE name>`
 * (Nmap writes one) is allowed. Elements are reported as they open and close, with their direct
 * text and attribute values capped at MAX_TEXT_CHARS, and saxes's own buffers kept within bounds
 * (xml-bounds.ts), so memory stays bounded however large the file or any one node is.
 */

export interface XmlElement {
  /** Local name, without a namespace prefix. */
  name: string;
  attrs: Readonly<Record<string, string>>;
  /** Local names from the root down to this element's parent. */
  parents: readonly string[];
}

export interface XmlHandler {
  open?(element: XmlElement): void;
  /** `text` is the element's own character data (CDATA included), trimmed, capped. */
  close?(element: XmlElement, text: string): void;
}

export const MAX_TEXT_CHARS = 64 * 1024;
export const MAX_DEPTH = 256;

export class XmlSecurityError extends EvidenceParseError {}

export function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon === -1 ? qualified : qualified.slice(colon + 1);
}

/** A DOCTYPE is acceptable only as a bare name: no internal subset, no SYSTEM/PUBLIC id. */
export function checkDoctype(doctype: string): void {
  if (doctype.includes('[') || /\b(?:SYSTEM|PUBLIC)\b/.test(doctype)) {
    throw new XmlSecurityError(
      'The XML declares a DTD (entity definitions or an external DTD). Such documents are refused: entities can read local files (XXE) or expand without bound ("billion laughs").',
    );
  }
}

interface Frame {
  element: XmlElement;
  text: string;
}

export async function readXml(chunks: ByteChunks, handler: XmlHandler): Promise<void> {
  const parser = new SaxesParser({ position: true });
  const stack: Frame[] = [];
  const names: string[] = [];
  let failure: Error | null = null;
  let sawRoot = false;

  const appendText = (text: string): void => {
    const frame = stack[stack.length - 1];
    if (frame && frame.text.length < MAX_TEXT_CHARS) {
      frame.text += text.slice(0, MAX_TEXT_CHARS - frame.text.length);
    }
  };
  parser.on('error', (error) => {
    failure ??= new EvidenceParseError(`Malformed XML: ${error.message}`);
  });
  parser.on('doctype', (doctype) => {
    try {
      checkDoctype(doctype);
    } catch (error) {
      failure ??= error as Error;
    }
  });
  parser.on('opentag', (tag: SaxesTag) => {
    if (failure) return;
    if (stack.length >= MAX_DEPTH) {
      failure = new EvidenceParseError(
        `The XML nests deeper than ${MAX_DEPTH} elements (line ${parser.line}); refused.`,
      );
      return;
    }
    sawRoot = true;
    const attrs: Record<string, string> = {};
    const attributes = tag.attributes as Record<string, string>;
    for (const key in attributes) {
      const value = attributes[key] ?? '';
      attrs[key.includes(':') ? localName(key) : key] =
        value.length > MAX_TEXT_CHARS ? value.slice(0, MAX_TEXT_CHARS) : value;
    }
    const element: XmlElement = { name: localName(tag.name), attrs, parents: [...names] };
    stack.push({ element, text: '' });
    names.push(element.name);
    try {
      handler.open?.(element);
    } catch (error) {
      failure = error as Error;
    }
  });
  parser.on('text', appendText);
  parser.on('cdata', appendText);
  parser.on('closetag', () => {
    const frame = stack.pop();
    names.pop();
    if (!frame || failure) return;
    try {
      handler.close?.(frame.element, frame.text.trim());
    } catch (error) {
      failure = error as Error;
    }
  });

  const { encoding, chunks: all } = await withDeclaredEncoding(chunks);
  const sinks = { text: appendText, maxValueChars: MAX_TEXT_CHARS };
  for await (const text of decodeText(all, encoding)) {
    for (let at = 0; at < text.length; at += WRITE_PIECE_CHARS) {
      parser.write(text.slice(at, at + WRITE_PIECE_CHARS));
      if (!failure) {
        try {
          boundSaxes(parser, sinks);
        } catch (error) {
          failure = error as Error;
        }
      }
      if (failure) throw withLine(failure, parser.line);
    }
  }
  parser.close();
  if (failure) throw withLine(failure, parser.line);
  if (!sawRoot) throw new EvidenceParseError('The file contains no XML element.');
}

function withLine(error: Error, line: number): Error {
  if (error instanceof XmlSecurityError) return error;
  if (error instanceof EvidenceParseError && !/line \d+/.test(error.message)) {
    return new EvidenceParseError(`${error.message} (near line ${line})`);
  }
  return error;
}

/** Reads the encoding from the XML declaration in the first chunk; UTF-8 otherwise. */
async function withDeclaredEncoding(
  chunks: ByteChunks,
): Promise<{ encoding: string; chunks: ByteChunks }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return { encoding: 'utf-8', chunks: (async function* () {})() };
  const head = new TextDecoder('latin1').decode(first.value.subarray(0, 200));
  const match = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.-]+)["']/.exec(head);
  async function* rest(): ByteChunks {
    yield first.value as Uint8Array;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { encoding: match?.[1]?.toLowerCase() ?? 'utf-8', chunks: rest() };
}
