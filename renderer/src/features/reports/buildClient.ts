import boldUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';
import regularUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import type { ReportModel } from '../../../../core/report/model';
import type { BuildProgress, EvidenceAttachment } from '../../../../core/report/pdf/build';
import type { BuildMessage, BuildRequest } from './build.worker';

/** A running build: its result, and a way to stop it (the worker is terminated at once). */
export interface BuildJob {
  result: Promise<Uint8Array>;
  cancel(): void;
}

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
  let rejectBuild: ((error: Error) => void) | undefined;
  const result = new Promise<Uint8Array>((resolve, reject) => {
    rejectBuild = reject;
    worker.onmessage = (event: MessageEvent<BuildMessage>) => {
      const message = event.data;
      if (message.type === 'progress') onProgress(message.progress);
      else {
        worker.terminate();
        if (message.type === 'done') resolve(message.pdf);
        else reject(new Error(message.message));
      }
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'The report build failed.'));
    };
  });
  const request: BuildRequest = {
    model,
    fonts: {
      regular: new URL(regularUrl, location.href).href,
      bold: new URL(boldUrl, location.href).href,
    },
    attachments,
  };
  worker.postMessage(request);
  return {
    result,
    cancel() {
      worker.terminate();
      rejectBuild?.(new BuildCancelledError());
    },
  };
}
