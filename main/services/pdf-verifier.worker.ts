import { stat, readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { verifyPdf } from '../../core/signing/verify/index';
import { DEFAULT_LIMITS, mebibytes } from '../../core/signing/verify/reader/budget';
import { nodeSha256 } from './archive-file';
import type { PdfVerifyJob, PdfVerifyResult } from './pdf-verifier';

/** The thread that reads an untrusted PDF: checks its size before reading it, then verifies it. */
async function run(job: PdfVerifyJob): Promise<PdfVerifyResult> {
  const limits = job.limits ?? DEFAULT_LIMITS;
  let bytes: Uint8Array;
  if ('path' in job.input) {
    const { size } = await stat(job.input.path);
    if (size > limits.fileBytes)
      return {
        ok: false,
        refused: `exceeds ${mebibytes(limits.fileBytes)} (the file is ${mebibytes(size)})`,
      };
    bytes = new Uint8Array(await readFile(job.input.path));
  } else bytes = job.input.bytes;
  const report = await verifyPdf(bytes, { trusted: job.trusted, limits, createSha256: nodeSha256 });
  return { ok: true, report };
}

run(workerData as PdfVerifyJob).then(
  (result) => parentPort?.postMessage(result),
  (error: unknown) =>
    parentPort?.postMessage({
      ok: false,
      error: error instanceof Error ? error.message : String(error),
    } satisfies PdfVerifyResult),
);
