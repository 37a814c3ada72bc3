import type { TimestampTransport } from '../../core/signing/timestamp';
import { TimestampError } from '../../core/signing/timestamp';
import { concatBytes } from '../../core/util/bytes';

/** RFC 3161 over HTTP: POSTs the request to the configured TSA, bounded in time and size. */

export const MAX_RESPONSE_BYTES = 1024 * 1024;

export function parseTsaUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TimestampError(`Not a timestamp authority URL: ${value}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TimestampError('Timestamp authorities are reached over http or https only.');
  }
  return url;
}

export function httpTimestampTransport(tsaUrl: string, timeoutMs = 20_000): TimestampTransport {
  const url = parseTsaUrl(tsaUrl);
  return async (request) => {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/timestamp-query',
          Accept: 'application/timestamp-reply',
        },
        body: request as Uint8Array<ArrayBuffer>,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
    } catch (error) {
      throw new TimestampError(
        `The timestamp authority ${url.host} could not be reached: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new TimestampError(
        `The timestamp authority ${url.host} answered HTTP ${response.status}.`,
      );
    }
    return readBounded(response, url.host);
  };
}

/**
 * The response body, refused as soon as it is known to exceed MAX_RESPONSE_BYTES: from its
 * announced Content-Length before anything is read, else while counting what arrives (a chunked
 * answer announces nothing). Nothing beyond the limit is ever held in memory.
 */
async function readBounded(response: Response, host: string): Promise<Uint8Array> {
  const oversized = (size: string): TimestampError =>
    new TimestampError(
      `The timestamp authority ${host} sent an oversized answer (${size}; at most ${MAX_RESPONSE_BYTES} bytes are read).`,
    );
  const announced = Number(response.headers.get('content-length') ?? Number.NaN);
  if (announced > MAX_RESPONSE_BYTES) {
    await response.body?.cancel();
    throw oversized(`${announced} bytes announced`);
  }
  if (response.body === null) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > MAX_RESPONSE_BYTES) {
      await reader.cancel();
      throw oversized(`more than ${MAX_RESPONSE_BYTES} bytes sent`);
    }
    chunks.push(value);
  }
  return concatBytes(chunks, received);
}
