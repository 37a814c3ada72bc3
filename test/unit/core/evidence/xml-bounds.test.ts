import { SaxesParser } from 'saxes';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { XmlElement } from '../../../../core/evidence/xml';
import { MAX_TEXT_CHARS, readXml } from '../../../../core/evidence/xml';
import { MAX_ATTRIBUTES, WRITE_PIECE_CHARS } from '../../../../core/evidence/xml-bounds';

const MiB = 1024 * 1024;
const encoder = new TextEncoder();

/** `head`, then `size` bytes of `fill` in 1 MiB chunks, then `tail`: a file never held whole. */
async function* hugeNode(head: string, fill: string, size: number, tail: string) {
  yield encoder.encode(head);
  const chunk = encoder.encode(fill.repeat(MiB / fill.length));
  for (let sent = 0; sent < size; sent += chunk.byteLength) yield chunk;
  yield encoder.encode(tail);
}

/** The most characters saxes held in one of its buffers right after any write. */
let largestHeld = 0;
const { write } = SaxesParser.prototype;
beforeEach(() => {
  largestHeld = 0;
  vi.spyOn(SaxesParser.prototype, 'write').mockImplementation(function (
    this: SaxesParser,
    chunk: string | object | null,
  ) {
    const result = write.call(this, chunk);
    const held = this as unknown as { text: string; name: string };
    largestHeld = Math.max(largestHeld, held.text.length, held.name.length);
    return result;
  });
});
afterEach(() => vi.restoreAllMocks());

async function elements(chunks: AsyncIterable<Uint8Array>) {
  const closed: { element: XmlElement; text: string }[] = [];
  await readXml(chunks, { close: (element, text) => closed.push({ element, text }) });
  return closed;
}

const BOUND = 4 * WRITE_PIECE_CHARS;

describe('XML nodes larger than any cap', { timeout: 300_000 }, () => {
  it('a 48 MiB text node is capped before saxes gathers it', async () => {
    const [log] = await elements(hugeNode('<log>', 'line of output\n', 48 * MiB, '</log>'));
    expect(log?.text.length).toBe(MAX_TEXT_CHARS);
    expect(log?.text.startsWith('line of output\nline')).toBe(true);
    expect(largestHeld).toBeLessThan(BOUND);
  });

  it('a 48 MiB CDATA section and a 48 MiB comment are not held either', async () => {
    const [out] = await elements(
      hugeNode('<r><out><![CDATA[', 'x<y ', 48 * MiB, ']]></out><!-- a -->done</r>'),
    );
    // Capped, then trimmed of the trailing space.
    expect(out?.text.length).toBe(MAX_TEXT_CHARS - 1);
    expect(largestHeld).toBeLessThan(BOUND);
    largestHeld = 0;
    const [root] = await elements(hugeNode('<r><!--', 'note ', 48 * MiB, '-->kept</r>'));
    expect(root?.text).toBe('kept');
    expect(largestHeld).toBeLessThan(BOUND);
  });

  it('a 48 MiB attribute value is cut to the text cap', async () => {
    const [failure] = await elements(
      hugeNode('<testcase name="t"><failure message="', 'boom ', 48 * MiB, '"/></testcase>'),
    );
    expect(failure?.element.name).toBe('failure');
    expect(failure?.element.attrs['message']?.length).toBe(MAX_TEXT_CHARS);
    expect(largestHeld).toBeLessThan(BOUND);
  });

  it('names, entity references and attribute lists beyond their caps refuse the file', async () => {
    await expect(elements(hugeNode('<a', 'b', 8 * MiB, '/>'))).rejects.toThrow(
      /name longer than 4096 characters; refused/,
    );
    await expect(elements(hugeNode('<a>&', 'b', 8 * MiB, ';</a>'))).rejects.toThrow(
      /entity reference longer than 256 characters; refused/,
    );
    const attributes = Array.from({ length: MAX_ATTRIBUTES + 1 }, (_, index) => `a${index}=""`);
    await expect(elements(hugeNode(`<a ${attributes.join(' ')}`, ' ', MiB, '/>'))).rejects.toThrow(
      /more than 1024 attributes; refused/,
    );
    expect(largestHeld).toBeLessThan(BOUND);
  });

  it('reads text, entities and CDATA split anywhere exactly as before', async () => {
    const body = 'a &amp; b &lt;c&gt;\r\n<![CDATA[ <raw> ]]>&#x41;'.repeat(2000);
    const expected = 'a & b <c>\n <raw> A'.repeat(2000).trim().slice(0, MAX_TEXT_CHARS);
    const bytes = encoder.encode(`<r a="x &amp; y">${body}</r>`);
    async function* sevenAtATime() {
      for (let at = 0; at < bytes.length; at += 7) yield bytes.subarray(at, at + 7);
    }
    const [root] = await elements(sevenAtATime());
    expect(root?.element.attrs['a']).toBe('x & y');
    expect(root?.text).toBe(expected);
  });
});
