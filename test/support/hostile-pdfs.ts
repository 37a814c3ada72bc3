import { constants, deflateRawSync } from 'node:zlib';

/**
 * Small generators of hostile PDFs (a few KB to a few MB each), so the tests build them instead
 * of committing them: decompression bombs, loops in trees, thousands of revisions.
 */

const bytesOf = (text: string): Uint8Array => Uint8Array.from(text, (char) => char.charCodeAt(0));

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * A zlib stream that inflates to `mebibytes` MiB of zeros, built without compressing them: one
 * byte-aligned raw deflate chunk for 1 MiB (a literal, then distance-1 matches, so it decodes
 * the same wherever it stands) repeated, then an empty final block.
 */
export function zlibBomb(mebibytes: number): Uint8Array {
  const chunk = deflateRawSync(new Uint8Array(1024 * 1024), {
    finishFlush: constants.Z_SYNC_FLUSH,
  });
  const parts: Uint8Array[] = [new Uint8Array([0x78, 0x9c])];
  for (let index = 0; index < mebibytes; index += 1) parts.push(chunk);
  parts.push(new Uint8Array([0x03, 0x00, 0, 0, 0, 0]));
  return concat(parts);
}

/** A one-revision PDF of `objects` (number → body text or [dictionary text, stream data]). */
export function minimalPdf(
  objects: ReadonlyMap<number, string | [string, Uint8Array]>,
): Uint8Array {
  const parts: Uint8Array[] = [bytesOf('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
  let offset = parts[0]?.length ?? 0;
  const offsets = new Map<number, number>();
  for (const [num, body] of objects) {
    offsets.set(num, offset);
    const part =
      typeof body === 'string'
        ? bytesOf(`${num} 0 obj\n${body}\nendobj\n`)
        : concat([
            bytesOf(
              `${num} 0 obj\n${body[0].replace('>>', ` /Length ${body[1].length} >>`)}\nstream\n`,
            ),
            body[1],
            bytesOf('\nendstream\nendobj\n'),
          ]);
    parts.push(part);
    offset += part.length;
  }
  const size = Math.max(...objects.keys()) + 1;
  let xref = `xref\n0 ${size}\n0000000000 65535 f\r\n`;
  for (let num = 1; num < size; num += 1) {
    const at = offsets.get(num);
    xref +=
      at === undefined ? '0000000000 00000 f\r\n' : `${String(at).padStart(10, '0')} 00000 n\r\n`;
  }
  parts.push(
    bytesOf(`${xref}trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`),
  );
  return concat(parts);
}

const PAGES = new Map<number, string>([
  [1, '<< /Type /Catalog /Pages 2 0 R /AcroForm 4 0 R /Names << /EmbeddedFiles 5 0 R >> >>'],
  [2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>'],
  [3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>'],
]);

/** An attachment name tree that lists itself, each node a 64 MiB deflate bomb. */
export function selfReferencingBombTree(): Uint8Array {
  return minimalPdf(
    new Map<number, string | [string, Uint8Array]>([
      ...PAGES,
      [4, '<< /Fields [] >>'],
      [5, '<< /Kids [5 0 R 5 0 R] /Names [(a.bin) 6 0 R (b.bin) 8 0 R] >>'],
      [6, '<< /Type /Filespec /F (a.bin) /EF << /F 7 0 R >> >>'],
      [7, ['<< /Type /EmbeddedFile /Filter /FlateDecode >>', zlibBomb(64)]],
      [8, '<< /Type /Filespec /F (b.bin) /EF << /F 7 0 R >> /Kids [5 0 R] >>'],
    ]),
  );
}

/** One attachment that inflates to 4 GiB. */
export function fourGibibyteBomb(): Uint8Array {
  return minimalPdf(
    new Map<number, string | [string, Uint8Array]>([
      ...PAGES,
      [4, '<< /Fields [] >>'],
      [5, '<< /Names [(evidence-manifest.json) 6 0 R] >>'],
      [6, '<< /Type /Filespec /F (evidence-manifest.json) /EF << /F 7 0 R >> >>'],
      [7, ['<< /Type /EmbeddedFile /Filter /FlateDecode >>', zlibBomb(4096)]],
    ]),
  );
}

/** A form field that lists itself among its /Kids (a few hundred bytes). */
export function fieldListingItself(): Uint8Array {
  return minimalPdf(
    new Map<number, string>([
      ...PAGES,
      [4, '<< /Fields [6 0 R] >>'],
      [5, '<< /Names [] >>'],
      [6, '<< /T (loop) /Kids [6 0 R 6 0 R] /FT /Sig /V 7 0 R >>'],
      [7, '<< /Type /Sig /ByteRange [0 1 2 3] /Contents <00> >>'],
    ]),
  );
}

/** `count` incremental updates, each adding a signature whose ByteRange names its own %%EOF. */
export function manyRevisionsEachSigned(count: number): Uint8Array {
  let pdf = minimalPdf(new Map([...PAGES, [4, '<< /Fields [] >>'], [5, '<< /Names [] >>']]));
  const parts: Uint8Array[] = [pdf];
  let length = pdf.length;
  let prev = Number(
    /startxref\n(\d+)\n%%EOF\n$/.exec(new TextDecoder('latin1').decode(pdf.subarray(-40)))?.[1],
  );
  for (let index = 0; index < count; index += 1) {
    const num = 6 + index;
    const body = `\n${num} 0 obj\n<< /Type /Sig /ByteRange [0 10 20 ${length}] /Contents <00> >>\nendobj\n`;
    const objectAt = length + 1;
    const xrefAt = length + body.length;
    const tail = `xref\n${num} 1\n${String(objectAt).padStart(10, '0')} 00000 n\r\ntrailer\n<< /Size ${num + 1} /Root 1 0 R /Prev ${prev} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
    const part = bytesOf(body + tail);
    parts.push(part);
    length += part.length;
    prev = xrefAt;
  }
  pdf = concat(parts);
  return pdf;
}

/** `pdf` followed by a million digits (after its last %%EOF, or inside an object of an update). */
export function millionDigitsAfter(pdf: Uint8Array): Uint8Array {
  return concat([pdf, new Uint8Array(1_000_000).fill(0x37)]);
}
