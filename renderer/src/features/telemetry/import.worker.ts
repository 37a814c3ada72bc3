/// <reference lib="webworker" />
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { TelemetryImporter } from '../../../../core/telemetry/importer';
import type { ImportMessage, ImportRequest } from './import-protocol';

/**
 * Streams one file through the importer off the main thread: the window stays responsive and
 * memory stays bounded (one chunk of the file at a time). Reports progress every 100 ms; the page
 * cancels by terminating the worker.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

function post(message: ImportMessage, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

scope.onmessage = (event: MessageEvent<ImportRequest>) => {
  void run(event.data).catch((error: unknown) =>
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
};

async function run({ file, options }: ImportRequest): Promise<void> {
  const importer = new TelemetryImporter(options);
  const hash = sha256.create();
  const reader = file.stream().getReader();
  let bytes = 0;
  let reported = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    hash.update(value);
    importer.push(value);
    bytes += value.byteLength;
    const now = performance.now();
    if (now - reported > 100) {
      reported = now;
      post({ type: 'progress', bytes, total: file.size, lines: importer.lines });
    }
  }
  const result = importer.finish();
  post({ type: 'progress', bytes, total: file.size, lines: result.lines });
  const transfer = result.series.flatMap((series) => [
    series.t.buffer as ArrayBuffer,
    series.v.buffer as ArrayBuffer,
  ]);
  post({ type: 'done', result, sha256: bytesToHex(hash.digest()) }, transfer);
}
