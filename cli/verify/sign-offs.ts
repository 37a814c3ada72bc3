import type { BundleVerdict } from '../../core/bundle/verify';
import { readSlice, reviewChanges } from '../../core/bundle/contents';
import type { Version } from '../../core/bundle/merge';
import type { DemoRecord } from '../../core/demo/digest';
import type { SignOffsReport } from '../../core/demo/sign-offs-check';
import { checkSignOffs, checkSignOffsFile } from '../../core/demo/sign-offs-check';
import type { SignOffsOfDemo } from '../../core/demo/sign-offs-file';
import { SIGN_OFFS_FILE_NAME, signOffsOfRecord } from '../../core/demo/sign-offs-file';
import type { Demo, DemoSignature } from '../../core/model';
import { loadForUpdate } from '../../core/signing/incremental';
import { embeddedFiles } from '../../core/signing/verify/attachments';
import type { VerifyOptions } from './verifier';

/**
 * The demo sign-offs `verify` checks: those a report PDF carries (its `demo-sign-offs.json`),
 * and those recorded in an audit bundle and its reviews (the bundle's records, each review's
 * changes applied in order, so a reviewer's sign-off is checked against the record it signed).
 */

function checkOptions(options: VerifyOptions) {
  return { trusted: options.trusted, crls: options.crls, now: options.now };
}

export async function pdfSignOffs(
  pdf: Uint8Array,
  options: VerifyOptions,
): Promise<SignOffsReport> {
  let file: Uint8Array | null;
  try {
    file =
      embeddedFiles(await loadForUpdate(pdf)).find((entry) => entry.name === SIGN_OFFS_FILE_NAME)
        ?.bytes ?? null;
  } catch {
    return { present: false, lines: [], problems: [] };
  }
  return checkSignOffsFile(file, checkOptions(options));
}

/** Every demo of the records with its rows and signatures, as `signOffsOfRecord` takes them. */
function demosOf(records: ReadonlyMap<string, Version<unknown> | null>): SignOffsOfDemo[] {
  const byTable = new Map<string, Record<string, unknown>[]>();
  for (const [id, version] of records) {
    if (version === null) continue;
    const table = id.slice(0, id.indexOf('\u0000'));
    byTable.set(table, [...(byTable.get(table) ?? []), version.value as Record<string, unknown>]);
  }
  const rowsOf = <T>(table: string, demoId: string): T[] =>
    (byTable.get(table) ?? []).filter((row) => row['demoId'] === demoId) as T[];
  return (byTable.get('demos') ?? []).flatMap((value) => {
    const demo = value as unknown as Demo;
    const signatures = rowsOf<DemoSignature>('demoSignOffs', demo.id);
    if (demo.signOff === null && signatures.length === 0) return [];
    const record: DemoRecord = {
      demo,
      items: rowsOf('demoItems', demo.id),
      notes: rowsOf('demoNotes', demo.id),
      verdicts: rowsOf('demoVerdicts', demo.id),
      evidence: rowsOf('demoEvidence', demo.id),
      issues: rowsOf('demoIssues', demo.id),
    };
    return [signOffsOfRecord(record, signatures)];
  });
}

export async function bundleSignOffs(
  file: Blob,
  verdict: BundleVerdict,
  options: VerifyOptions,
): Promise<SignOffsReport> {
  if (!verdict.archive.ok) return { present: false, lines: [], problems: [] };
  try {
    const records = new Map<string, Version<unknown> | null>(
      (await readSlice(file, verdict.archive)).records,
    );
    for (const review of verdict.reviews) {
      if (!review.ok) break;
      const bytes = file.slice(
        review.entry.dataOffset,
        review.entry.dataOffset + review.entry.size,
      );
      for (const [id, change] of reviewChanges(await readSlice(bytes, review.archive)))
        records.set(id, change);
    }
    const demos = demosOf(records);
    return demos.length === 0
      ? { present: false, lines: [], problems: [] }
      : checkSignOffs(demos, checkOptions(options));
  } catch (error) {
    return {
      present: true,
      lines: [],
      problems: [
        `The sign-offs could not be read: ${error instanceof Error ? error.message : String(error)}`,
      ],
    };
  }
}

/** The report's lines for people: one per sign-off. */
export function describeSignOffs(report: SignOffsReport): string[] {
  return report.lines.map((line) => {
    const round = line.round === null ? '' : `, amendment ${line.round}`;
    if (line.kind === 'legacy')
      return `Sign-off of ${line.label}${round}: ${line.signer}, ${line.signedAt ?? ''}: ${line.standing}`;
    const time = line.timestamp
      ? `${line.timestamp} (timestamp)`
      : `${line.signedAt ?? 'an unstated time'} (claimed)`;
    const matches =
      line.signsReportedRecord === true
        ? '; signs the record as shown'
        : line.signsReportedRecord === false
          ? '; signs ANOTHER record than the one shown'
          : '';
    return `Sign-off of ${line.label}${round}: ${line.signer} [SHA-256 ${line.fingerprint ?? '?'}], ${time}: ${line.valid ? 'valid' : 'INVALID'}, ${line.trusted ? 'trusted' : 'not trusted'}${matches}. ${line.standing}`;
  });
}
