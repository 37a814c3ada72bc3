/**
 * Passes a byte stream through unchanged, reporting how much has gone by: about a hundred
 * reports for the whole stream, not one per chunk, so a progress line costs nothing.
 */
export function withProgress(
  stream: ReadableStream<Uint8Array>,
  total: number,
  onProgress: (bytes: number, total: number) => void,
): ReadableStream<Uint8Array> {
  let bytes = 0;
  let reported = 0;
  const step = Math.max(1, Math.floor(total / 100));
  return stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        if (bytes - reported >= step || bytes === total) {
          reported = bytes;
          onProgress(bytes, total);
        }
        controller.enqueue(chunk);
      },
    }),
  );
}
