import { z } from 'zod';
import { Id, IsoDateTime } from '../model/common';
import { ReportKind } from './model';

/**
 * The record kept of each signed report that left the app: what it was, the SHA-256 of the
 * exact file, who signed it and what the verifier said right after signing.
 */
export const ExportedReport = z.object({
  id: Id,
  workspaceId: Id,
  sprintId: Id.nullable(),
  kind: ReportKind,
  reportId: z.string().min(1).max(100),
  title: z.string().min(1).max(300),
  fileName: z.string().min(1).max(200),
  /** Where it was saved, when the host says. */
  path: z.string().max(4096).nullable(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  signers: z.array(z.string().max(300)).max(50),
  verdict: z.enum(['valid', 'valid-untrusted', 'invalid', 'tampered', 'unsigned']),
  createdAt: IsoDateTime,
});
export type ExportedReport = z.infer<typeof ExportedReport>;
