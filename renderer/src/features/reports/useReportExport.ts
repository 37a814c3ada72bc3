import { useCallback, useRef, useState } from 'react';
import type { IdentityInfo, VerifyReport } from '../../../../core/ipc/contract';
import type { Person } from '../../../../core/model';
import { PERSON_ROLE_LABELS } from '../../../../core/model';
import { IpcError } from '../../../../core/ipc/result';
import type { ReportModel } from '../../../../core/report/model';
import type { BuildProgress, EvidenceAttachment } from '../../../../core/report/pdf/build';
import { getApi } from '../../app/api';
import { describeError } from '../../app/notifications';
import type { BuildJob } from './buildClient';
import { BuildCancelledError, startBuild } from './buildClient';
import { recordExport } from './commands';
import { uploadPdf } from './upload';

/**
 * The export flow shared by every signed report (sprint records, matrices, post-mortems):
 * build in a worker (progress, cancel) → send to main in chunks → sign there (asking for the
 * passphrase when it is not remembered, without sending the file again) → save → verify what
 * was saved → record it in the ledger.
 */

export type ExportPhase =
  | { step: 'idle' }
  | { step: 'building'; progress: BuildProgress | null }
  | { step: 'sending'; sent: number; total: number }
  | { step: 'passphrase'; error: string | null }
  | { step: 'signing' }
  | { step: 'done'; fileName: string; path: string; verification: VerifyReport }
  | { step: 'failed'; message: string };

export interface SignSettings {
  reason: string;
  location: string;
  tsaUrl: string;
}

export interface ExportRequest {
  model: ReportModel;
  /** The identity that signs it (its certificate's fingerprint). */
  identity: string;
  workspaceId: string;
  sprintId: string | null;
  /** Evidence files to embed (stored Blobs, read by the worker in slices). */
  attachments: EvidenceAttachment[];
  settings: SignSettings;
}

/** The person signing the report, as its sign-off page names them: the certificate's name. */
export function signatoriesOf(
  identity: IdentityInfo | null,
  person: Person | null,
): { name: string; role: string; organisation: string }[] {
  if (identity === null) return [];
  return [
    {
      name: identity.certificate.commonName || identity.certificate.subject,
      role: person ? PERSON_ROLE_LABELS[person.role] : '',
      organisation: identity.certificate.organisation || (person?.organisation ?? ''),
    },
  ];
}

interface Pending {
  request: ExportRequest;
  uploadId: string;
}

export function useReportExport() {
  const [phase, setPhase] = useState<ExportPhase>({ step: 'idle' });
  const job = useRef<BuildJob | null>(null);
  const pending = useRef<Pending | null>(null);

  const discard = useCallback(() => {
    const current = pending.current;
    pending.current = null;
    if (current)
      void getApi()
        .reportDiscardUpload({ uploadId: current.uploadId })
        .catch(() => undefined);
  }, []);

  const sign = useCallback(async (passphrase?: string) => {
    const current = pending.current;
    if (current === null) return;
    const { request, uploadId } = current;
    const { model, settings } = request;
    setPhase({ step: 'signing' });
    try {
      const fileName = `${model.id}.pdf`;
      const signed = await getApi().reportSignUpload({
        uploadId,
        identity: request.identity,
        reason: settings.reason,
        location: settings.location,
        suggestedName: fileName,
        description: 'PDF document',
        ...(passphrase === undefined ? {} : { passphrase }),
        ...(settings.tsaUrl ? { tsaUrl: settings.tsaUrl } : {}),
      });
      pending.current = null;
      if (signed.path === null || signed.verification === null) {
        setPhase({ step: 'idle' });
        return;
      }
      const savedName = signed.path.split(/[\\/]/).at(-1) ?? fileName;
      await recordExport({
        model,
        workspaceId: request.workspaceId,
        sprintId: request.sprintId,
        fileName: savedName,
        path: signed.path,
        size: signed.size,
        verification: signed.verification,
      });
      setPhase({
        step: 'done',
        fileName: savedName,
        path: signed.path,
        verification: signed.verification,
      });
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
    async (request: ExportRequest) => {
      discard();
      setPhase({ step: 'building', progress: null });
      const running = startBuild(request.model, request.attachments, (progress) =>
        setPhase({ step: 'building', progress }),
      );
      job.current = running;
      try {
        const pdf = await running.result;
        job.current = null;
        setPhase({ step: 'sending', sent: 0, total: pdf.byteLength });
        const uploadId = await uploadPdf(pdf, (sent, total) =>
          setPhase({ step: 'sending', sent, total }),
        );
        pending.current = { request, uploadId };
        await sign();
      } catch (error) {
        setPhase(
          error instanceof BuildCancelledError
            ? { step: 'idle' }
            : { step: 'failed', message: describeError(error) },
        );
      } finally {
        job.current = null;
      }
    },
    [discard, sign],
  );

  const cancel = useCallback(() => {
    job.current?.cancel();
    discard();
    setPhase({ step: 'idle' });
  }, [discard]);

  return {
    phase,
    start,
    cancel,
    unlock: (passphrase: string) => void sign(passphrase),
    reset: () => setPhase({ step: 'idle' }),
  };
}
