import type { VerifyReport } from '../../../../core/ipc/contract';
import { newId, nowIso } from '../../../../core/model';
import type { ExportedReport } from '../../../../core/report/exported';
import { ExportedReport as ExportedReportSchema } from '../../../../core/report/exported';
import type { ReportModel } from '../../../../core/report/model';
import { db } from '../../db';
import { parseOrThrow } from '../../lib/validation';

/** Records a signed report that left the app, labelled `export` in the audit log. */
export async function recordExport(input: {
  model: ReportModel;
  workspaceId: string;
  sprintId: string | null;
  fileName: string;
  path: string | null;
  /** Size of the signed file, in bytes. */
  size: number;
  verification: VerifyReport;
}): Promise<ExportedReport> {
  const record = parseOrThrow(ExportedReportSchema, {
    id: newId(),
    workspaceId: input.workspaceId,
    sprintId: input.sprintId,
    kind: input.model.kind,
    reportId: input.model.id,
    title: input.model.title,
    fileName: input.fileName,
    path: input.path,
    size: input.size,
    sha256: input.verification.fileSha256,
    signers: input.verification.signatures.map(
      (signature) => signature.signer?.commonName || signature.signer?.subject || 'unknown',
    ),
    verdict: input.verification.verdict,
    createdAt: nowIso(),
  });
  await db.audited('export', ['reports'], async () => {
    await db.reports.add(record);
  });
  return record;
}
