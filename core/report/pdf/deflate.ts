/**
 * Deflate with the platform's own zlib (CompressionStream): several times faster than pdf-lib's
 * JavaScript deflate on large reports, and it runs off the main thread. Used for page content
 * and the structure tree's object streams. Text must be ASCII (PDF operators and objects).
 */

async function deflateNow(data: string | Uint8Array): Promise<Uint8Array> {
  const compressed = new Blob([data as BlobPart])
    .stream()
    .pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(compressed).arrayBuffer());
}

/** Each zlib stream holds a few hundred KiB of state: a handful at a time, not one per page. */
const DEFLATE_CONCURRENCY = 4;
let running = 0;
const waiting: (() => void)[] = [];

export async function deflate(data: string | Uint8Array): Promise<Uint8Array> {
  if (running >= DEFLATE_CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await deflateNow(data);
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}
