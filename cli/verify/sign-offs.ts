import type { BundleVerdict } from '../../core/bundle/verify';
import { readSlice, reviewChanges } from '../../core/bundle/contents';
import type { Version } from '../../core/bundle/merge';
import type { DemoRecord } from '../../core/demo/digest';
import type { SignOffsReport } from '../../core/demo/sign-offs-check';
import {
  NO_SIGN_OFFS,
  checkSignOffs,
  checkSignOffsFile,
  signOffLabel,
} from '../../core/demo/sign-offs-check';
import type { SignOffsOfDemo } from '../../core/demo/sign-offs-file';
import { signOffsOfRecord } from '../../core/demo/sign-offs-file';
import type { Demo, DemoSignature } from '../../core/model';
import type { VerifyReport as PdfReport } from '../../core/signing/verify/index';
import { plain } from '../../core/util/plain-text';
import { trustWords } from './trust-words';
import type { VerifyOptions } from './verifier';

/**
 * The demo sign-offs `verify` checks: those a report PDF carries (its `demo-sign-offs.json`),
 * and those recorded in an audit bundle and its reviews (the bundle's records, each review's
 * changes applied in order, so a reviewer's sign-off is checked against the record it signed).
 */

function checkOptions(options: VerifyOptions) {
  return { trusted: options.trusted, crls: options.crls, now: options.now };
}

/** The sign-offs file the PDF verifier read from the report (on its worker), checked. */
export function pdfSignOffs(report: PdfReport, options: VerifyOptions): Promise<SignOffsReport> {
  return checkSignOffsFile(report.signOffs, checkOptions(options));
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
  if (!verdict.archive.ok) return NO_SIGN_OFFS;
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
    return demos.length === 0 ? NO_SIGN_OFFS : checkSignOffs(demos, checkOptions(options));
  } catch (error) {
    return {
      present: true,
      lines: [],
      problems: [
        `The sign-offs could not be read: ${plain(error instanceof Error ? error.message : String(error))}`,
      ],
    };
  }
}

/** The report's lines for people: one per sign-off, strings from the file made plain. */
export function describeSignOffs(
  report: SignOffsReport,
  options: Pick<VerifyOptions, 'policy' | 'anchors'>,
): string[] {
  return [
    ...report.problems.map((problem) => `Sign-offs: ${plain(problem)}`),
    ...report.lines.map((line) => {
      if (line.kind === 'legacy')
        return `${signOffLabel(line)}, ${plain(line.signedAt ?? '')}: ${line.standing}`;
      const time = line.timestamp
        ? `${line.timestamp} (timestamp)`
        : `${line.signedAt ?? 'an unstated time'} (claimed by the signer)`;
      const matches =
        line.signsReportedRecord === true
          ? '; signs the record as shown'
          : line.signsReportedRecord === false
            ? '; signs ANOTHER record than the one shown'
            : '';
      const trust = trustWords(
        { trusted: line.trusted, problem: line.trustProblem, reason: line.trustReason },
        options,
      );
      const problems = line.valid ? '' : ` (${plain(line.problems.join('; '))})`;
      return `${signOffLabel(line)} [certificate SHA-256 ${line.fingerprint ?? '?'}], ${time}: ${line.valid ? 'valid' : `INVALID${problems}`}, ${trust}${matches}. ${plain(line.standing)}`;
    }),
  ];
}
