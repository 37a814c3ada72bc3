/// <reference lib="webworker" />
import { defaultLayout } from '../../../../core/report/layouts';
import { parseReportModel } from '../../../../core/report/model';
import type { BuildProgress, EvidenceAttachment } from '../../../../core/report/pdf/build';
import { buildReportPdf } from '../../../../core/report/pdf/build';
import type { WorkerMessage } from '../../lib/workerJob';

/**
 * Builds report PDFs off the main thread, so the window stays responsive on a 200-page report.
 * Messages in: { model, fonts: {regular, bold} (URLs), attachments }. Out: progress, then the
 * bytes (transferred) or an error. Cancelling terminates the worker.
 */

export interface BuildRequest {
  model: unknown;
  fonts: { regular: string; bold: string };
  attachments: EvidenceAttachment[];
}

export type BuildMessage = WorkerMessage<Uint8Array, BuildProgress>;

declare const self: DedicatedWorkerGlobalScope;

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`The report font could not be loaded (${response.status}).`);
  return new Uint8Array(await response.arrayBuffer());
}

self.onmessage = (event: MessageEvent<BuildRequest>) => {
  const post = (message: BuildMessage, transfer: Transferable[] = []): void =>
    self.postMessage(message, transfer);
  void (async () => {
    try {
      const model = parseReportModel(event.data.model);
      const [regular, bold] = await Promise.all([
        fetchBytes(event.data.fonts.regular),
        fetchBytes(event.data.fonts.bold),
      ]);
      const pdf = await buildReportPdf(model, {
        layout: defaultLayout(model.kind),
        fonts: { regular, bold },
        attachments: event.data.attachments,
        onProgress: (progress) => post({ type: 'progress', progress }),
      });
      post({ type: 'done', value: pdf }, [pdf.buffer]);
    } catch (error) {
      post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  })();
};
