import { Unzlib } from 'fflate';
import { concatBytes } from '../../../util/bytes';
import type { Budget } from './budget';
import { LimitExceeded, PdfSyntaxError, mebibytes } from './budget';
import type { PdfStream, PdfValue } from './objects';
import { PdfDict, PdfName } from './objects';

/**
 * Stream data decoded under the budget: FlateDecode is fed to fflate's streaming inflater in
 * small slices, so no slice can expand past about a megabyte before the caps (bytes per stream,
 * bytes per file, output/input ratio) are checked. A decompression bomb is refused after a few
 * megabytes, not after it has filled memory.
 */

/** Compressed bytes pushed at once: deflate expands at most ~1032:1, so ≤ 4 MiB per push. */
const SLICE = 4096;

function filters(stream: PdfStream): { names: string[]; parms: PdfValue[] } {
  const filter = stream.dict.get('Filter');
  const parms = stream.dict.get('DecodeParms');
  const names = (Array.isArray(filter) ? filter : filter === undefined ? [] : [filter]).map(
    (item) => (item instanceof PdfName ? item.name : '?'),
  );
  const parmList = Array.isArray(parms) ? parms : [parms ?? null];
  return { names, parms: parmList };
}

/**
 * Streams the decoded data of `stream` to `onChunk`, stopping with LimitExceeded at `cap` bytes
 * (or the budget's caps). Supports no filter and FlateDecode (with PNG predictors), which is
 * all Demo Ledger and common PDF writers use for the streams a verifier must read.
 */
export function decodeStream(
  bytes: Uint8Array,
  stream: PdfStream,
  budget: Budget,
  onChunk: (chunk: Uint8Array) => void,
  cap: number = budget.limits.inflateBytes,
): void {
  const raw = bytes.subarray(stream.dataStart, stream.dataStart + stream.dataLength);
  const { names, parms } = filters(stream);
  if (names.length === 0) {
    if (raw.length > cap) throw new LimitExceeded(`exceeds ${mebibytes(cap)} in one stream`);
    onChunk(raw);
    return;
  }
  if (names.length > 1 || (names[0] !== 'FlateDecode' && names[0] !== 'Fl'))
    throw new PdfSyntaxError(
      `a stream filter this verifier does not decode (${names.join(', ')})`,
      stream.dataStart,
    );
  const parm = parms[0];
  const predictor = parm instanceof PdfDict ? parm.get('Predictor') : undefined;
  const usesPredictor = typeof predictor === 'number' && predictor > 1;
  const collected: Uint8Array[] = [];
  let produced = 0;
  let consumed = 0;
  const inflater = new Unzlib((chunk) => {
    produced += chunk.length;
    budget.inflate(chunk.length);
    if (produced > cap)
      throw new LimitExceeded(`exceeds ${mebibytes(cap)} inflated from one stream`);
    if (produced > budget.limits.ratioFloor && produced > consumed * budget.limits.inflateRatio)
      throw new LimitExceeded(
        `exceeds a ${budget.limits.inflateRatio}:1 compression ratio in one stream (a decompression bomb)`,
      );
    if (usesPredictor) collected.push(chunk);
    else onChunk(chunk);
  });
  try {
    for (let at = 0; at < raw.length; at += SLICE) {
      const end = Math.min(raw.length, at + SLICE);
      consumed = end;
      inflater.push(raw.subarray(at, end), end === raw.length);
    }
    if (raw.length === 0) inflater.push(raw, true);
  } catch (error) {
    if (error instanceof LimitExceeded) throw error;
    throw new PdfSyntaxError(
      `a FlateDecode stream that does not inflate (${error instanceof Error ? error.message : 'damaged'})`,
      stream.dataStart,
    );
  }
  if (usesPredictor)
    onChunk(unpredict(concatBytes(collected, produced), parm as PdfDict, stream.dataStart));
}

/** The whole decoded stream, for structures the reader needs at once (xref and object streams). */
export function decodeWhole(
  bytes: Uint8Array,
  stream: PdfStream,
  budget: Budget,
  cap: number,
): Uint8Array {
  const parts: Uint8Array[] = [];
  let length = 0;
  decodeStream(
    bytes,
    stream,
    budget,
    (chunk) => {
      parts.push(chunk);
      length += chunk.length;
    },
    cap,
  );
  return parts.length === 1 && parts[0] !== undefined ? parts[0] : concatBytes(parts, length);
}

/** Reverses PNG row predictors (Predictor 10–15), one filter-type byte per row. */
function unpredict(data: Uint8Array, parms: PdfDict, offset: number): Uint8Array {
  const predictor = parms.get('Predictor');
  const columns = parms.get('Columns') ?? 1;
  const colors = parms.get('Colors') ?? 1;
  const bits = parms.get('BitsPerComponent') ?? 8;
  if (
    typeof predictor !== 'number' ||
    predictor < 10 ||
    typeof columns !== 'number' ||
    typeof colors !== 'number' ||
    bits !== 8 ||
    columns < 1 ||
    colors < 1 ||
    columns * colors > 65536
  )
    throw new PdfSyntaxError('a stream predictor this verifier does not decode', offset);
  const bpp = colors;
  const rowLength = columns * colors;
  const rows = Math.floor(data.length / (rowLength + 1));
  const out = new Uint8Array(rows * rowLength);
  for (let row = 0; row < rows; row += 1) {
    const type = data[row * (rowLength + 1)];
    const source = row * (rowLength + 1) + 1;
    const target = row * rowLength;
    for (let index = 0; index < rowLength; index += 1) {
      const raw = data[source + index] ?? 0;
      const left = index >= bpp ? (out[target + index - bpp] ?? 0) : 0;
      const up = row > 0 ? (out[target - rowLength + index] ?? 0) : 0;
      const upLeft = row > 0 && index >= bpp ? (out[target - rowLength + index - bpp] ?? 0) : 0;
      let value: number;
      if (type === 0) value = raw;
      else if (type === 1) value = raw + left;
      else if (type === 2) value = raw + up;
      else if (type === 3) value = raw + ((left + up) >> 1);
      else if (type === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        value = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
      } else throw new PdfSyntaxError('an unknown PNG predictor row type', offset);
      out[target + index] = value & 0xff;
    }
  }
  return out;
}
