/// <reference lib="webworker" />
import { defaultLayout } from '../../../../core/report/layouts';
import { parseReportModel } from '../../../../core/report/model';
import type { BuildProgress, EvidenceAttachment } from '../../../../core/report/pdf/build';
import { buildReportPdf } from '../../../../core/report/pdf/build';
import { serveWorkerJob } from '../../lib/workerJob';

/**
 * Builds report PDFs off the main thread, so the window stays responsive on a 200-page report.
 * Request: { model, fonts: {regular, bold} (URLs), attachments }. Answers: progress, then the
 * bytes (transferred) or an error. Cancelling terminates the worker.
 */

export interface BuildRequest {
  model: unknown;
  fonts: { regular: string; bold: string };
  attachments: EvidenceAttachment[];
}

declare const self: DedicatedWorkerGlobalScope;

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`The report font could not be loaded (${response.status}).`);
  return new Uint8Array(await response.arrayBuffer());
}

serveWorkerJob<BuildRequest, Uint8Array, BuildProgress, Record<string, never>>(
  self,
  async (request, { progress }) => {
    const model = parseReportModel(request.model);
    const [regular, bold] = await Promise.all([
      fetchBytes(request.fonts.regular),
      fetchBytes(request.fonts.bold),
    ]);
    return buildReportPdf(model, {
      layout: defaultLayout(model.kind),
      fonts: { regular, bold },
      attachments: request.attachments,
      onProgress: progress,
    });
  },
  (pdf) => [pdf.buffer],
);
