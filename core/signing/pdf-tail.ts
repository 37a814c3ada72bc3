/** Reading the end of a PDF: where the last cross-reference section starts and what kind it is. */

const latin1 = new TextDecoder('latin1');

export function latin1Text(bytes: Uint8Array): string {
  return latin1.decode(bytes);
}

export function asciiBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code > 0x7f) throw new Error('internal: non-ASCII text in a PDF structure');
    out[index] = code;
  }
  return out;
}

/** The offset after the last `startxref` of the file, or throws when the file has none. */
export function lastStartXref(pdf: Uint8Array): number {
  const tail = latin1Text(pdf.subarray(Math.max(0, pdf.length - 4096)));
  const at = tail.lastIndexOf('startxref');
  if (at === -1) throw new Error('This is not a complete PDF file (no startxref at its end).');
  const match = /^startxref\s+(\d+)/.exec(tail.slice(at));
  const offset = match?.[1] === undefined ? Number.NaN : Number(match[1]);
  if (!Number.isSafeInteger(offset) || offset <= 0 || offset >= pdf.length) {
    throw new Error('This PDF file has a damaged startxref.');
  }
  return offset;
}

export function usesXrefStream(pdf: Uint8Array, startXref: number): boolean {
  return latin1Text(pdf.subarray(startXref, startXref + 4)) !== 'xref';
}
