import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { MAX_IPC_BYTES, MAX_REPORT_BYTES } from '../../../core/ipc/contract';
import { createHandlers, dispatch } from '../../../main/handlers';
import type { Platform } from '../../../main/platform';
import { unavailableSecretStorage } from '../../../main/platform';
import { Uploads } from '../../../main/services/uploads';

function handlersWith(uploads: Uploads) {
  const dataPath = mkdtempSync(path.join(tmpdir(), 'report-uploads-'));
  const platform: Platform = {
    host: 'chromium',
    appName: 'Demo Ledger',
    appVersion: 'test',
    dataPath,
    secrets: unavailableSecretStorage,
    chooseSavePath: vi.fn(async () => null),
    chooseFolder: vi.fn(async () => null),
    openExternal: vi.fn(async () => undefined),
  };
  return createHandlers({ platform, uploads });
}

describe('report uploads (PDFs larger than one IPC message)', () => {
  it('holds only what has arrived, not what was announced', () => {
    const uploads = new Uploads();
    const before = process.memoryUsage().arrayBuffers;
    const first = uploads.begin(MAX_REPORT_BYTES);
    const second = uploads.begin(MAX_REPORT_BYTES);
    uploads.append(first, new Uint8Array(1024));
    // Two announced GiB with 1 KiB sent: nowhere near a GiB of buffers.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
    expect(uploads.discard(first) && uploads.discard(second)).toBe(true);
  });

  it('reassembles chunks in order and hands the file out only when complete', () => {
    const uploads = new Uploads();
    const id = uploads.begin(10);
    expect(uploads.append(id, new Uint8Array([1, 2, 3, 4]))).toBe(4);
    expect(() => uploads.complete(id)).toThrow('4 of 10 bytes');
    expect(uploads.append(id, new Uint8Array([5, 6, 7, 8, 9, 10]))).toBe(10);
    expect([...uploads.complete(id)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // Still there for a second signing attempt, until discarded.
    expect(uploads.complete(id).byteLength).toBe(10);
    expect(uploads.discard(id)).toBe(true);
    expect(() => uploads.complete(id)).toThrow('no longer exists');
  });

  it('drops an upload that sends more than it announced', () => {
    const uploads = new Uploads();
    const id = uploads.begin(3);
    expect(() => uploads.append(id, new Uint8Array(4))).toThrow('More bytes arrived');
    expect(uploads.open).toBe(0);
  });

  it('limits concurrent uploads and drops idle ones', () => {
    let now = 0;
    const uploads = new Uploads({ maxUploads: 2, idleMs: 1000, now: () => now });
    uploads.begin(1);
    uploads.begin(1);
    expect(() => uploads.begin(1)).toThrow('Too many reports');
    now = 5000;
    expect(() => uploads.begin(1)).not.toThrow();
    expect(uploads.open).toBe(1);
  });

  it('refuses sizes beyond the limit and chunks beyond one message at the IPC boundary', async () => {
    const handlers = handlersWith(new Uploads());
    expect(
      await dispatch(handlers, 'report:beginUpload', { size: MAX_REPORT_BYTES + 1 }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const begun = await dispatch(handlers, 'report:beginUpload', { size: 16 });
    if (!begun.ok) throw new Error(begun.error.message);
    const { uploadId } = begun.value as { uploadId: string };
    const tooLarge = new Uint8Array(MAX_IPC_BYTES + 1);
    expect(
      await dispatch(handlers, 'report:uploadChunk', { uploadId, data: tooLarge }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await dispatch(handlers, 'report:verifyUpload', { uploadId })).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: /incomplete/ },
    });
    expect(await dispatch(handlers, 'report:discardUpload', { uploadId })).toMatchObject({
      ok: true,
      value: { discarded: true },
    });
  });

  it('verifies a PDF sent in several chunks and consumes the upload', async () => {
    const handlers = handlersWith(new Uploads());
    const text = new TextEncoder().encode('%PDF-1.7\nnot really a pdf\n%%EOF\n');
    const begun = await dispatch(handlers, 'report:beginUpload', { size: text.byteLength });
    if (!begun.ok) throw new Error(begun.error.message);
    const { uploadId } = begun.value as { uploadId: string };
    for (let offset = 0; offset < text.byteLength; offset += 7)
      await dispatch(handlers, 'report:uploadChunk', {
        uploadId,
        data: text.slice(offset, offset + 7),
      });
    const verified = await dispatch(handlers, 'report:verifyUpload', { uploadId });
    // Not a real PDF: the verifier answers (unsigned or an error), but never with a crash.
    expect(verified.ok ? 'answered' : verified.error.code).toMatch(/answered|internal/);
    expect(await dispatch(handlers, 'report:discardUpload', { uploadId })).toMatchObject({
      ok: true,
      value: { discarded: false },
    });
  });
});
