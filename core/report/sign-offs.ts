import type { SignOffsFile } from '../demo/sign-offs-file';
import type { ReportModel } from './model';

/** The demo sign-offs file attached to a report PDF (core/demo/sign-offs-file.ts). */

/** The file for a model, or null when no demo of it has a sign-off. */
export function signOffsFile(model: ReportModel): SignOffsFile | null {
  const demos = model.demos
    .filter((demo) => demo.signOffs.length > 0)
    .map((demo) => ({
      id: demo.id,
      label: demo.label,
      recordDigest: demo.recordDigest ?? null,
      recordDigestVersion: demo.recordDigestVersion,
      latestRound: demo.amendments.at(-1)?.number ?? null,
      signatures: demo.signOffs.flatMap((entry) =>
        entry.kind === 'signature' && entry.statement && entry.signature
          ? [
              {
                amendment: entry.amendment ?? null,
                statement: entry.statement,
                signature: entry.signature,
              },
            ]
          : [],
      ),
      legacy: demo.signOffs.flatMap((entry) =>
        entry.kind === 'legacy'
          ? [
              {
                amendment: entry.amendment ?? null,
                by: entry.by,
                role: entry.role,
                at: entry.at,
                digest: entry.digest,
              },
            ]
          : [],
      ),
    }));
  return demos.length === 0
    ? null
    : { format: 'demo-ledger.demo-sign-offs', version: 1, reportId: model.id, demos };
}
