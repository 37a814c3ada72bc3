import type { TimestampTransport } from '../../core/signing/timestamp';
import { TimestampError } from '../../core/signing/timestamp';

/** RFC 3161 over HTTP: POSTs the request to the configured TSA, bounded in time and size. */

const MAX_RESPONSE_BYTES = 1024 * 1024;

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
    if (!response.ok)
      throw new TimestampError(
        `The timestamp authority ${url.host} answered HTTP ${response.status}.`,
      );
    const body = new Uint8Array(await response.arrayBuffer());
    if (body.length > MAX_RESPONSE_BYTES)
      throw new TimestampError('The timestamp authority sent an oversized answer.');
    return body;
  };
}
