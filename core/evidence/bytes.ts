/**
 * Byte streams as the parsers see them: any async iterable of Uint8Array chunks (a Web
 * ReadableStream, a Node file stream, a test's array). Nothing here holds a whole file.
 */
export type ByteChunks = AsyncIterable<Uint8Array>;

/** A file that can be read from the start as often as needed (a Blob, a path, bytes in a test). */
export interface ByteSource {
  name: string;
  size: number;
  open(): ByteChunks;
}

export class EvidenceParseError extends Error {
  override readonly name = 'EvidenceParseError';
}

/** Iterates a Web ReadableStream without relying on its async-iterator support. */
export async function* readableChunks(stream: ReadableStream<Uint8Array>): ByteChunks {
  const reader = stream.getReader();
  try {
    for (;;) {
      const next: ReadableStreamReadResult<Uint8Array> = await reader.read();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    reader.releaseLock();
    await stream.cancel().catch(() => undefined);
  }
}

export function toReadableStream(chunks: ByteChunks): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next: IteratorResult<Uint8Array> = await iterator.next();
      if (next.done === true) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

export function sourceFromBytes(
  name: string,
  bytes: Uint8Array,
  chunkSize = 64 * 1024,
): ByteSource {
  return {
    name,
    size: bytes.byteLength,
    async *open() {
      for (let offset = 0; offset < bytes.byteLength; offset += chunkSize) {
        yield bytes.subarray(offset, offset + chunkSize);
      }
    },
  };
}

export function sourceFromBlob(name: string, blob: Blob, chunkSize?: number): ByteSource {
  return { name, size: blob.size, open: () => blobChunks(blob, chunkSize) };
}

/** Reads at most `limit` bytes from the start (for format detection), then stops reading. */
export async function readHead(chunks: ByteChunks, limit: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of chunks) {
    const take = chunk.subarray(0, Math.min(chunk.byteLength, limit - length));
    parts.push(take);
    length += take.byteLength;
    if (length >= limit) break;
  }
  return concat(parts, length);
}

export function concat(parts: readonly Uint8Array[], length?: number): Uint8Array {
  const total = length ?? parts.reduce((sum, part) => sum + part.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

export function isGzip(head: Uint8Array): boolean {
  return head.byteLength >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Decompresses a gzip stream as it is read (DecompressionStream, in Node and browsers). */
export async function* gunzip(chunks: ByteChunks): ByteChunks {
  const stream = toReadableStream(chunks).pipeThrough(
    new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>,
  );
  try {
    yield* readableChunks(stream);
  } catch (error) {
    throw new EvidenceParseError(
      `The gzip data is corrupt or truncated (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
}

/** Decodes UTF-8 (or a declared single-byte encoding) chunk by chunk. */
export async function* decodeText(chunks: ByteChunks, encoding = 'utf-8'): AsyncIterable<string> {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: false });
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    if (text !== '') yield text;
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

/** Longest line kept whole; longer lines are cut, so one giant line cannot exhaust memory. */
export const MAX_LINE_CHARS = 1024 * 1024;

/** Splits text into lines (without their terminators) as it streams. */
export async function* textLines(chunks: ByteChunks): AsyncIterable<string> {
  let pending = '';
  let overflowing = false;
  for await (const text of decodeText(chunks)) {
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      if (newline === -1) break;
      const piece = text.slice(start, newline);
      yield stripCr(overflowing ? pending : pending + piece);
      pending = '';
      overflowing = false;
      start = newline + 1;
    }
    if (!overflowing) {
      pending += text.slice(start);
      if (pending.length > MAX_LINE_CHARS) {
        pending = pending.slice(0, MAX_LINE_CHARS);
        overflowing = true;
      }
    }
  }
  if (pending !== '') yield stripCr(pending);
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/**
 * Reads a Blob (or File) in fixed-size slices, `readAhead` slices ahead of the consumer, so the
 * next read is under way while the current slice is hashed or parsed (on a busy machine the
 * two otherwise wait on each other). Memory stays at `readAhead + 1` slices whatever the file
 * size; larger slices mean fewer calls into the hasher.
 */
export async function* blobChunks(
  blob: Blob,
  chunkSize = 4 * 1024 * 1024,
  readAhead = 2,
): ByteChunks {
  const pending: Promise<ArrayBuffer>[] = [];
  let next = 0;
  const fill = (): void => {
    while (pending.length <= readAhead && next < blob.size) {
      const read = blob.slice(next, next + chunkSize).arrayBuffer();
      // A read-ahead the consumer never awaits (it stopped early) must not surface as unhandled.
      read.catch(() => undefined);
      pending.push(read);
      next += chunkSize;
    }
  };
  fill();
  while (pending.length > 0) {
    const buffer = await (pending.shift() as Promise<ArrayBuffer>);
    fill();
    yield new Uint8Array(buffer);
  }
}
