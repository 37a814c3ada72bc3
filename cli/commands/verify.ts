import { readFile } from 'node:fs/promises';
import { certificatesFromFile } from '../../core/signing/der';
import type { VerifyReport } from '../../core/signing/verify/index';
import { verifyPdf } from '../../core/signing/verify/index';
import type { CliCommand } from '../command';
import { EXIT, UsageError } from '../command';
import { parseOptions } from '../options';

export function describeReport(file: string, report: VerifyReport): string {
  const lines = [
    `${file}: ${report.signatures.length} signature(s), ${report.fileSize} bytes, SHA-256 ${report.fileSha256}`,
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
      lines.push(
        `  timestamp: ${signature.timestamp.time} from ${signature.timestamp.authority || 'unknown authority'}${signature.timestamp.signatureValid && signature.timestamp.imprintMatches ? '' : ' (INVALID)'}${signature.timestamp.trust.trusted ? ', authority trusted' : ', authority not trusted'}`,
      );
    }
    lines.push(
      `  covers: ${signature.coversWholeDocument ? 'the whole document' : `${signature.signedBytes} of ${report.fileSize} bytes (a later revision follows)`}`,
    );
    lines.push(
      `  certificate: ${signature.trust.trusted ? `trusted (${signature.trust.path.join(' → ')})` : `not trusted: ${signature.trust.problem}`}`,
    );
    for (const problem of signature.problems) lines.push(`  problem: ${problem}`);
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
    for (const problem of report.manifest.problems) lines.push(`  problem: ${problem}`);
  }
  lines.push(`Verdict: ${report.verdict}`);
  return `${lines.join('\n')}\n`;
}

export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: 'Verify the signatures, trust, tampering and embedded evidence of a PDF',
  usage: `Usage: demo-ledger verify FILE.pdf [--json] [--trust CERT.pem]... [--require-trust]

Checks every signature (signer, time, validity, coverage), each certificate against the
trusted certificates given with --trust (PEM or DER, repeatable), content added after the last
signature (reported as tampering), and re-hashes embedded evidence against the manifest.

Exit status: 0 when every signature is valid, nothing was changed after signing and the
evidence matches (untrusted certificates fail only with --require-trust); 1 otherwise.`,
  async run(args, io) {
    const options = parseOptions(args, {
      values: ['trust'],
      repeatable: ['trust'],
      flags: ['json', 'require-trust'],
    });
    const [file, ...extra] = options.positional;
    if (file === undefined || extra.length > 0) throw new UsageError('give exactly one FILE.pdf');
    const trusted: Uint8Array[] = [];
    for (const path of options.values.get('trust') ?? [])
      trusted.push(...certificatesFromFile(new Uint8Array(await readFile(path))));
    const report = await verifyPdf(new Uint8Array(await readFile(file)), { trusted });
    io.stdout(
      options.flags.has('json')
        ? `${JSON.stringify(report, null, 2)}\n`
        : describeReport(file, report),
    );
    const passes =
      report.verdict === 'valid' ||
      (report.verdict === 'valid-untrusted' && !options.flags.has('require-trust'));
    return passes ? EXIT.ok : EXIT.failed;
  },
};
