import { readFile } from 'node:fs/promises';
import type { VerifyReport as PdfReport } from '../../core/signing/verify/index';
import { verifyPdf } from '../../core/signing/verify/index';
import { describeSignOffs, pdfSignOffs } from './sign-offs';
import type { FileVerifier, VerifyOptions } from './verifier';

/** Signed reports: every signature, certificate trust, tampering, and the embedded evidence. */
export const pdfVerifier: FileVerifier = {
  accepts: 'pdf',
  async verify(file, options: VerifyOptions) {
    const pdf = new Uint8Array(await readFile(file));
    const report = await verifyPdf(pdf, { trusted: [...options.trusted] });
    const signOffs = await pdfSignOffs(pdf, options);
    const ok =
      (report.verdict === 'valid' ||
        (report.verdict === 'valid-untrusted' && !options.requireTrust)) &&
      signOffs.problems.length === 0;
    const problems = [
      ...(report.tampering.detected
        ? report.tampering.reasons.map((reason) => `Tampering: ${reason}`)
        : []),
      ...report.signatures.flatMap((signature, index) =>
        signature.problems.map((problem) => `Signature ${index + 1}: ${problem}`),
      ),
      ...report.manifest.problems.map((problem) => `Evidence manifest: ${problem}`),
      ...(report.signatures.length === 0 ? ['The file has no signature.'] : []),
      ...(report.verdict === 'valid-untrusted' && options.requireTrust
        ? ['A signing certificate is not trusted (--require-trust).']
        : []),
      ...signOffs.problems,
    ];
    return {
      file,
      kind: 'pdf',
      ok,
      problems,
      summary: [...describePdf(report), ...describeSignOffs(signOffs)],
      details: { pdf: { ...report, signOffs } },
    };
  },
};

export function describePdf(report: PdfReport): string[] {
  const lines = [
    `${report.signatures.length} signature(s), ${report.fileSize} bytes, SHA-256 ${report.fileSha256}`,
  ];
  report.signatures.forEach((signature, index) => {
    const who = signature.signer
      ? `${signature.signer.commonName || signature.signer.subject}`
      : 'unknown signer';
    lines.push(
      `Signature ${index + 1} (${signature.fieldName}, ${signature.subFilter}): ${signature.valid ? 'valid' : 'INVALID'}`,
    );
    lines.push(`  signer: ${who}${signature.signer ? ` [${signature.signer.subject}]` : ''}`);
    lines.push(`  time: ${signature.claimedSigningTime ?? 'not stated'} (claimed by the signer)`);
    if (signature.timestamp) {
      const timestamp = signature.timestamp;
      const valid = timestamp.signatureValid && timestamp.imprintMatches ? '' : ' (INVALID)';
      const trust = timestamp.trust.trusted ? ', authority trusted' : ', authority not trusted';
      lines.push(
        `  timestamp: ${timestamp.time} from ${timestamp.authority || 'unknown authority'}${valid}${trust}`,
      );
    }
    lines.push(
      `  covers: ${signature.coversWholeDocument ? 'the whole document' : `${signature.signedBytes} of ${report.fileSize} bytes (a later revision follows)`}`,
    );
    lines.push(
      `  certificate: ${signature.trust.trusted ? `trusted (${signature.trust.path.join(' → ')})` : `not trusted: ${signature.trust.problem}`}`,
    );
  });
  if (report.tampering.detected) {
    lines.push('TAMPERING: the file was changed after it was signed:');
    for (const reason of report.tampering.reasons) lines.push(`  - ${reason}`);
  }
  if (report.manifest.present) {
    const counts = new Map<string, number>();
    for (const entry of report.manifest.files)
      counts.set(entry.status, (counts.get(entry.status) ?? 0) + 1);
    lines.push(
      `Evidence manifest (SHA-256 ${report.manifest.sha256 ?? '?'}): ${report.manifest.files.length} file(s); ${[...counts].map(([status, count]) => `${count} ${status}`).join(', ') || 'none'}`,
    );
  }
  lines.push(`Verdict: ${report.verdict}`);
  return lines;
}
