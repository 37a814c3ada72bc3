import type { SignatureStanding } from '../trust/rule';
import type { TrustReason } from '../signing/certificates';
import { fromBase64 } from '../util/bytes';
import { plain } from '../util/plain-text';
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
  /** Why the certificate is not trusted ('' when it is). */
  trustProblem: string;
  /** Why it is trusted (the anchor it chains to); null when it is not. */
  trustReason: TrustReason | null;
  /** Expiry and revocation, in a sentence. */
  standing: string;
  /** For the latest round: whether it signed the record the report shows. */
  signsReportedRecord: boolean | null;
  problems: string[];
}

export interface SignOffsReport {
  present: boolean;
  lines: SignOffLine[];
  /** What is wrong with the sign-offs as a whole (a file that cannot be read); each line's own are its `problems`. */
  problems: string[];
}

export const NO_SIGN_OFFS: SignOffsReport = { present: false, lines: [], problems: [] };

/** Checks every sign-off in the attached file (its text as the PDF verifier read it). */
export async function checkSignOffsFile(
  embedded: { present: boolean; text: string | null; problem: string | null },
  options: SignOffCheckOptions,
): Promise<SignOffsReport> {
  if (!embedded.present) return NO_SIGN_OFFS;
  if (embedded.text === null)
    return { present: true, lines: [], problems: [embedded.problem ?? 'unreadable'] };
  let file: SignOffsFile;
  try {
    file = SignOffsFileSchema.parse(JSON.parse(embedded.text));
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
        trustProblem: check.trust.problem,
        trustReason: check.trust.reason,
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
        trustProblem: '',
        trustReason: null,
        standing:
          'legacy, unsigned: a name typed by whoever was at the keyboard, with no signature',
        signsReportedRecord: null,
        problems: [],
      });
    }
  }
  return { present: true, lines, problems: [] };
}

/**
 * The signed sign-offs as the trust rule (core/trust/rule.ts) sees them: each must be valid
 * (which here includes the certificate's standing and the record it signed) and trusted.
 * Legacy sign-offs are not signatures and are only listed.
 */
export function signOffStandings(report: SignOffsReport): SignatureStanding[] {
  return report.lines
    .filter((line) => line.kind === 'signature')
    .map((line) => ({
      label: signOffLabel(line),
      valid: line.valid,
      trusted: line.trusted,
      problem: plain(line.valid ? line.trustProblem : line.problems.join('; ')),
    }));
}

/** "Sign-off of Card tokenisation, amendment 1 (CN=Dana Reyes, O=Example)". */
export function signOffLabel(line: SignOffLine): string {
  return `Sign-off of ${plain(line.label)}${line.round === null ? '' : `, amendment ${line.round}`} (${plain(line.signer)})`;
}
