import boldUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';
import regularUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import type { ReportModel } from '../../../../core/report/model';
import type { BuildProgress, EvidenceAttachment } from '../../../../core/report/pdf/build';
import type { WorkerJob } from '../../lib/workerJob';
import { runWorkerJob } from '../../lib/workerJob';
import type { BuildRequest } from './build.worker';

/** A running build: its result, and a way to stop it (the worker is terminated at once). */
export type BuildJob = WorkerJob<Uint8Array>;

export class BuildCancelledError extends Error {
  override readonly name = 'BuildCancelledError';
  constructor() {
    super('The report build was cancelled.');
  }
}

export function startBuild(
  model: ReportModel,
  attachments: EvidenceAttachment[],
  onProgress: (progress: BuildProgress) => void,
): BuildJob {
  const worker = new Worker(new URL('./build.worker.ts', import.meta.url), {
    type: 'module',
    name: 'report-build',
  });
  const request: BuildRequest = {
    model,
    fonts: {
      regular: new URL(regularUrl, location.href).href,
      bold: new URL(boldUrl, location.href).href,
    },
    attachments,
  };
  return runWorkerJob(worker, request, {
    onProgress,
    cancelled: () => new BuildCancelledError(),
    failure: 'The report build failed.',
  });
}
