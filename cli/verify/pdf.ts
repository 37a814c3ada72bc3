import type { VerifyReport as PdfReport } from '../../core/signing/verify/index';
import { verifyPdfInWorker } from '../../main/services/pdf-verifier';
import { judgeSignatures } from '../../core/trust/rule';
import { pdfSignatureStandings } from '../../core/signing/verify/standing';
import { plain } from '../../core/util/plain-text';
import { signOffStandings } from '../../core/demo/sign-offs-check';
import { describeSignOffs, pdfSignOffs } from './sign-offs';
import { trustWords } from './trust-words';
import type { FileVerifier, VerifyOptions } from './verifier';

/** Signed reports: every signature, certificate trust, tampering, and the embedded evidence. */
export const pdfVerifier: FileVerifier = {
  accepts: 'pdf',
  async verify(file, options: VerifyOptions) {
    const report = await verifyPdfInWorker({
      input: { path: file },
      trusted: [...options.trusted],
    });
    // Every demo sign-off the report carries is a signature too, judged by the same rule.
    const signOffs = await pdfSignOffs(report, options);
    const trust = judgeSignatures(
      [...pdfSignatureStandings(report), ...signOffStandings(signOffs)],
      options.policy,
      { signatureRequired: true },
    );
    const intact = report.verdict === 'valid' || report.verdict === 'valid-untrusted';
    const problems = [
      ...(report.refused === null ? [] : [`Refused: ${report.refused}.`]),
      ...(report.tampering.detected
        ? report.tampering.reasons.map((reason) => `Tampering: ${reason}`)
        : []),
      ...report.signatures.flatMap((signature, index) =>
        signature.problems.map((problem) => `Signature ${index + 1}: ${problem}`),
      ),
      ...report.manifest.problems.map((problem) => `Evidence manifest: ${problem}`),
      ...signOffs.problems.map((problem) => `Sign-offs: ${plain(problem)}`),
      ...trust.problems.filter((problem) => intact || !problem.includes('not valid')),
    ];
    return {
      file,
      kind: 'pdf',
      ok: intact && trust.ok && signOffs.problems.length === 0,
      problems,
      trust,
      summary: [...describePdf(report, options), ...describeSignOffs(signOffs, options)],
      details: { pdf: { ...report, signOffs } },
    };
  },
};

export function describePdf(
  report: PdfReport,
  options: Pick<VerifyOptions, 'policy' | 'anchors'>,
): string[] {
  const { policy } = options;
  const lines = [
    `${report.signatures.length} signature(s), ${report.fileSize} bytes, SHA-256 ${report.fileSha256}`,
  ];
  report.signatures.forEach((signature, index) => {
    const who = signature.signer
      ? plain(signature.signer.commonName || signature.signer.subject)
      : 'unknown signer';
    lines.push(
      `Signature ${index + 1} (${plain(signature.fieldName)}, ${plain(signature.subFilter)}): ${signature.valid ? 'valid' : 'INVALID'}`,
    );
    lines.push(
      `  signer: ${who}${signature.signer ? ` [${plain(signature.signer.subject)}]` : ''}`,
    );
    lines.push(`  time: ${signature.claimedSigningTime ?? 'not stated'} (claimed by the signer)`);
    if (signature.timestamp) {
      const timestamp = signature.timestamp;
      const valid = timestamp.signatureValid && timestamp.imprintMatches ? '' : ' (INVALID)';
      const trust = timestamp.trust.trusted ? ', authority trusted' : ', authority not trusted';
      lines.push(
        `  timestamp: ${timestamp.time} from ${plain(timestamp.authority) || 'unknown authority'}${valid}${trust}`,
      );
    }
    lines.push(
      `  covers: ${signature.coversWholeDocument ? 'the whole document' : `${signature.signedBytes} of ${report.fileSize} bytes (a later revision follows)`}`,
    );
    const path = signature.trust.path.map((step) => plain(step)).join(' → ');
    lines.push(
      `  certificate: ${trustWords(signature.trust, options)}${signature.trust.trusted ? ` (${path})` : ''}`,
    );
  });
  if (report.tampering.detected) {
    lines.push('TAMPERING: the file was changed after it was signed:');
    for (const reason of report.tampering.reasons) lines.push(`  - ${plain(reason)}`);
  }
  if (report.manifest.present) {
    const counts = new Map<string, number>();
    for (const entry of report.manifest.files)
      counts.set(entry.status, (counts.get(entry.status) ?? 0) + 1);
    lines.push(
      `Evidence manifest (SHA-256 ${report.manifest.sha256 ?? '?'}): ${report.manifest.files.length} file(s); ${[...counts].map(([status, count]) => `${count} ${status}`).join(', ') || 'none'}`,
    );
  }
  if (report.refused !== null) lines.push(`Refused: ${report.refused}`);
  lines.push(
    `Verdict: ${report.verdict}${report.verdict === 'valid-untrusted' && policy.allowUntrusted ? ' (accepted without trust: --allow-untrusted)' : ''}`,
  );
  return lines;
}
