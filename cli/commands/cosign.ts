import { readFile } from 'node:fs/promises';
import { parseCertificate, summariseCertificate } from '../../core/signing/certificates';
import { signPdf } from '../../core/signing/sign';
import { verifyPdfInWorker } from '../../main/services/pdf-verifier';
import { writeFileAtomic } from '../../main/services/files';
import type { CliCommand } from '../command';
import { EXIT } from '../command';
import { parseCliArgs, positionals, required } from '../args';
import { loadIdentity } from '../report-assets';
import { SIGN_OPTIONS, signOptions } from './report';

export const cosignCommand: CliCommand = {
  name: 'cosign',
  summary: 'Add a signature to a signed report as an incremental update',
  usage: `Usage: demo-ledger cosign REPORT.pdf --identity ID.p12 --out COSIGNED.pdf [options]

Adds your signature after the existing ones; the earlier bytes are kept unchanged, so every
earlier signature stays valid. Refuses a file whose signatures do not verify or that was
changed after its last signature. Passphrase: DEMO_LEDGER_PASSPHRASE or a prompt.

Options:
  --identity FILE   PKCS#12 (.p12/.pfx) signing identity (required)
  --out FILE        where to write the co-signed PDF (required)
  --tsa URL         add an RFC 3161 signature timestamp from this authority
  --reason TEXT     signature reason (default: "Co-signature")
  --location TEXT   signature location
  --compat          sign as adbe.pkcs7.detached
  --reserve BYTES   space reserved for the signature (default 24000)`,
  async run(args, io) {
    const { values, positionals: given } = parseCliArgs({
      args,
      allowPositionals: true,
      options: SIGN_OPTIONS,
    });
    const [file = ''] = positionals(given, 1, 'exactly one REPORT.pdf');
    const out = required(values.out, 'out');
    const identityFile = required(values.identity, 'identity');
    const before = await verifyPdfInWorker({ input: { path: file }, trusted: [] });
    if (['invalid', 'tampered', 'refused'].includes(before.verdict)) {
      io.stderr(
        `${file}: not co-signed, the existing signatures do not hold (${before.verdict}${before.refused === null ? '' : `: ${before.refused}`}).\n`,
      );
      return EXIT.failed;
    }
    const pdf = new Uint8Array(await readFile(file));
    const identity = await loadIdentity(identityFile, io.env);
    const signer = await summariseCertificate(parseCertificate(identity.material.certificate));
    const signed = await signPdf(pdf, identity.signer, {
      ...signOptions(values, 'Co-signature'),
      name: signer.commonName,
      contactInfo: signer.email,
    });
    await writeFileAtomic(out, signed);
    io.stdout(
      `${out}: signature ${before.signatures.length + 1} added by ${signer.commonName || signer.subject}\n`,
    );
    return EXIT.ok;
  },
};
