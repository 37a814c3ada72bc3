import { useCallback, useRef, useState } from 'react';
import type { VerifyReport } from '../../../../core/ipc/contract';
import { IpcError } from '../../../../core/ipc/result';
import type { ReportModel } from '../../../../core/report/model';
import type { BuildProgress } from '../../../../core/report/pdf/build';
import { getApi } from '../../app/api';
import { describeError } from '../../app/notifications';
import type { ReportRequest } from './assemble';
import type { BuildJob } from './buildClient';
import { BuildCancelledError, startBuild } from './buildClient';
import { recordExport } from './commands';

/**
 * The export flow: assemble → build in a worker (progress, cancel) → sign in main (asking for
 * the passphrase when it is not remembered) → save → verify what was saved → record it.
 */

export type ExportPhase =
  | { step: 'idle' }
  | { step: 'building'; progress: BuildProgress | null }
  | { step: 'passphrase'; error: string | null }
  | { step: 'signing' }
  | { step: 'done'; fileName: string; path: string | null; verification: VerifyReport }
  | { step: 'failed'; message: string };

export interface SignSettings {
  reason: string;
  location: string;
  tsaUrl: string;
}

export function useReportExport() {
  const [phase, setPhase] = useState<ExportPhase>({ step: 'idle' });
  const job = useRef<BuildJob | null>(null);
  const pending = useRef<{ model: ReportModel; pdf: Uint8Array<ArrayBuffer>; request: ReportRequest; settings: SignSettings } | null>(null);

  const sign = useCallback(async (passphrase?: string) => {
    const current = pending.current;
    if (current === null) return;
    const { model, pdf, request, settings } = current;
    setPhase({ step: 'signing' });
    try {
      const api = getApi();
      const { data: signed } = await api.reportSign({
        data: pdf,
        reason: settings.reason,
        location: settings.location,
        ...(passphrase === undefined ? {} : { passphrase }),
        ...(settings.tsaUrl ? { tsaUrl: settings.tsaUrl } : {}),
      });
      const fileName = `${model.id}.pdf`;
      const { path } = await api.fileSave({ suggestedName: fileName, data: signed, description: 'PDF document' });
      const verification = await api.reportVerify({ data: signed });
      await recordExport({
        model,
        workspaceId: request.workspaceId,
        sprintId: request.kind === 'sprint-demo-record' ? request.sprintId : null,
        fileName,
        path,
        pdf: signed,
        verification,
      });
      pending.current = null;
      setPhase({ step: 'done', fileName, path, verification });
    } catch (error) {
      if (error instanceof IpcError && error.code === 'forbidden') {
        setPhase({ step: 'passphrase', error: passphrase === undefined ? null : error.message });
        return;
      }
      pending.current = null;
      setPhase({ step: 'failed', message: describeError(error) });
    }
  }, []);

  const start = useCallback(
    async (request: ReportRequest, model: ReportModel, settings: SignSettings) => {
      setPhase({ step: 'building', progress: null });
      const running = startBuild(model, [], (progress) => setPhase({ step: 'building', progress }));
      job.current = running;
      try {
        const pdf = (await running.result) as Uint8Array<ArrayBuffer>;
        pending.current = { model, pdf, request, settings };
        await sign();
      } catch (error) {
        setPhase(error instanceof BuildCancelledError ? { step: 'idle' } : { step: 'failed', message: describeError(error) });
      } finally {
        job.current = null;
      }
    },
    [sign],
  );

  const cancel = useCallback(() => {
    job.current?.cancel();
    pending.current = null;
    setPhase({ step: 'idle' });
  }, []);

  return { phase, start, cancel, unlock: (passphrase: string) => void sign(passphrase), reset: () => setPhase({ step: 'idle' }) };
}
