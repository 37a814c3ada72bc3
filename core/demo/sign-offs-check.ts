import { fromBase64 } from '../util/bytes';
import type { SignOffCheckOptions } from './sign-off';
import { checkSignOff } from './sign-off';
import type { SignOffsFile, SignOffsOfDemo } from './sign-offs-file';
import { SIGN_OFFS_FILE_NAME, SignOffsFile as SignOffsFileSchema } from './sign-offs-file';

/**
 * Checks the demo sign-offs attached to a report (sign-offs-file.ts): every signature over its
 * statement, and whether the latest round signed the record the report shows.
 */

export interface SignOffLine {
  demo: string;
  label: string;
  round: number | null;
  kind: 'signature' | 'legacy';
  /** The certificate's subject, or the typed name of a legacy sign-off. */
  signer: string;
  fingerprint: string | null;
  signedAt: string | null;
  timestamp: string | null;
  valid: boolean;
  trusted: boolean;
  /** Expiry and revocation, in a sentence. */
  standing: string;
  /** For the latest round: whether it signed the record the report shows. */
  signsReportedRecord: boolean | null;
  problems: string[];
}

export interface SignOffsReport {
  present: boolean;
  lines: SignOffLine[];
  problems: string[];
}

/** Checks every sign-off in the attached file (bytes as extracted from the PDF). */
export async function checkSignOffsFile(
  bytes: Uint8Array | null,
  options: SignOffCheckOptions,
): Promise<SignOffsReport> {
  if (bytes === null) return { present: false, lines: [], problems: [] };
  let file: SignOffsFile;
  try {
    file = SignOffsFileSchema.parse(
      JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)),
    );
  } catch {
    return {
      present: true,
      lines: [],
      problems: [`${SIGN_OFFS_FILE_NAME} is not valid JSON of the expected shape`],
    };
  }
  return checkSignOffs(file.demos, options);
}

/** Checks the sign-offs of some demos (a report's file, a bundle's records). */
export async function checkSignOffs(
  demos: readonly SignOffsOfDemo[],
  options: SignOffCheckOptions,
): Promise<SignOffsReport> {
  const lines: SignOffLine[] = [];
  for (const demo of demos) {
    for (const entry of demo.signatures) {
      const check = await checkSignOff(entry.statement, fromBase64(entry.signature), options);
      const statement = check.statement;
      const mismatches: string[] = [];
      if (
        statement !== null &&
        (statement.demo !== demo.id || statement.amendment !== entry.amendment)
      )
        mismatches.push('the statement is about another demo or round than it is listed under');
      const latest = statement !== null && statement.amendment === demo.latestRound;
      const signsReportedRecord =
        latest && demo.recordDigest !== null && demo.recordDigestVersion === statement.digestVersion
          ? demo.recordDigest === statement.digest
          : null;
      if (signsReportedRecord === false)
        mismatches.push('it signed another record than the one the report shows');
      lines.push({
        demo: demo.id,
        label: demo.label,
        round: entry.amendment,
        kind: 'signature',
        signer: check.signer?.subject ?? 'unknown signer',
        fingerprint: check.signer?.fingerprint ?? null,
        signedAt: check.signedAt,
        timestamp: check.timestamp?.time ?? null,
        valid: check.valid && mismatches.length === 0,
        trusted: check.trust.trusted,
        standing: check.standing?.summary ?? '',
        signsReportedRecord,
        problems: [...check.problems, ...mismatches],
      });
    }
    for (const entry of demo.legacy) {
      lines.push({
        demo: demo.id,
        label: demo.label,
        round: entry.amendment,
        kind: 'legacy',
        signer: `${entry.by}${entry.role ? ` (${entry.role})` : ''}`,
        fingerprint: null,
        signedAt: entry.at,
        timestamp: null,
        valid: false,
        trusted: false,
        standing:
          'legacy, unsigned: a name typed by whoever was at the keyboard, with no signature',
        signsReportedRecord: null,
        problems: [],
      });
    }
  }
  const problems = lines.flatMap((line) =>
    line.problems.map(
      (problem) =>
        `Sign-off of ${line.label}${line.round === null ? '' : `, amendment ${line.round}`} by ${line.signer}: ${problem}`,
    ),
  );
  return { present: true, lines, problems };
}
