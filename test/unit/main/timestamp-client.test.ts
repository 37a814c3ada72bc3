import type { Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TimestampError } from '../../../core/signing/timestamp';
import {
  MAX_RESPONSE_BYTES,
  httpTimestampTransport,
} from '../../../main/services/timestamp-client';

/** What the server could hand to the connection before the client went away. */
interface Sent {
  bytes: number;
  closed: Promise<void>;
}

const SERVED_AT_MOST = 64 * 1024 * 1024;
let server: Server | undefined;

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** A local authority answering with `headers`, then streaming up to 64 MiB as fast as read. */
async function authority(headers: Record<string, string>): Promise<{ url: string; sent: Sent }> {
  let closed!: () => void;
  const sent: Sent = { bytes: 0, closed: new Promise((resolve) => (closed = resolve)) };
  const chunk = Buffer.alloc(64 * 1024, 0x30);
  const pump = (response: ServerResponse): void => {
    while (sent.bytes < SERVED_AT_MOST) {
      sent.bytes += chunk.byteLength;
      if (!response.write(chunk)) {
        response.once('drain', () => pump(response));
        return;
      }
    }
    response.destroy();
  };
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.on('close', closed);
      response.writeHead(200, { 'Content-Type': 'application/timestamp-reply', ...headers });
      pump(response);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/tsa`, sent };
}

describe('the timestamp client', () => {
  it('refuses an answer announcing more than 1 MiB before reading it', async () => {
    const { url, sent } = await authority({ 'Content-Length': String(8 * 1024 ** 3) });
    const request = httpTimestampTransport(url, 60_000)(new Uint8Array([1, 2, 3]));
    await expect(request).rejects.toThrow(TimestampError);
    await expect(request).rejects.toThrow(/oversized answer \(8589934592 bytes announced/);
    await sent.closed;
    // Only what the sockets buffer moved before the client hung up, never the whole answer.
    expect(sent.bytes).toBeLessThan(SERVED_AT_MOST / 2);
  }, 120_000);

  it('counts an answer of unannounced length as it arrives and stops past 1 MiB', async () => {
    const { url, sent } = await authority({});
    const request = httpTimestampTransport(url, 60_000)(new Uint8Array([1, 2, 3]));
    await expect(request).rejects.toThrow(
      `oversized answer (more than ${MAX_RESPONSE_BYTES} bytes sent`,
    );
    await sent.closed;
    expect(sent.bytes).toBeLessThan(SERVED_AT_MOST / 2);
  }, 120_000);
});
