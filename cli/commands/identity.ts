import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseCertificate, summariseCertificate } from '../../core/signing/certificates';
import { derToPem } from '../../core/signing/der';
import { createSelfSignedIdentity } from '../../core/signing/keys';
import { writePkcs12 } from '../../core/signing/pkcs12-write';
import { parseCliArgs, required } from '../args';
import type { CliCommand } from '../command';
import { EXIT, UsageError } from '../command';
import { readNewPassphrase } from '../secrets';

const USAGE = `Usage: demo-ledger identity create --cn NAME --out ID.p12 [options]

Creates a signing identity: a new key (EC P-256, or RSA-3072 with --rsa) and a self-signed
certificate for document signing, written as a PKCS#12 file protected by a passphrase
(DEMO_LEDGER_PASSPHRASE, or typed twice at a prompt), and the certificate alone as PEM for
those who verify what it signs (\`verify --trust ID.pem\`). For people (reports, bundles) and
for CI (\`collect\`). Existing files are never overwritten.

Options:
  --cn NAME      the certificate's common name, e.g. "Payments CI" (required)
  --out FILE     the PKCS#12 file to write (required)
  --cert FILE    where to write the certificate (default: --out with .pem instead of .p12)
  --days N       validity in days from now (default 365, at most 3650)
  --org NAME     organisation
  --email ADDR   e-mail address
  --rsa          RSA-3072 instead of EC P-256

Exit status: 0 created, 1 a file exists or could not be written, 2 wrong usage.`;

export const identityCommand: CliCommand = {
  name: 'identity',
  summary: 'Create a signing identity (PKCS#12 and its certificate) for people and CI',
  usage: USAGE,
  async run(args, io) {
    const [action, ...rest] = args;
    if (action !== 'create') throw new UsageError('the one action is: identity create');
    const { values, positionals } = parseCliArgs({
      args: rest,
      allowPositionals: true,
      options: {
        cn: { type: 'string' },
        out: { type: 'string' },
        cert: { type: 'string' },
        days: { type: 'string', default: '365' },
        org: { type: 'string' },
        email: { type: 'string' },
        rsa: { type: 'boolean', default: false },
      },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
    const name = required(values.cn, 'cn').trim();
    if (name === '' || name.length > 64) throw new UsageError('--cn takes 1 to 64 characters');
    const out = required(values.out, 'out');
    const certFile = values.cert ?? `${out.replace(/\.(p12|pfx)$/i, '')}.pem`;
    if (path.resolve(certFile) === path.resolve(out)) {
      throw new UsageError('--cert and --out name the same file');
    }
    const days = Number(values.days);
    if (!Number.isInteger(days) || days < 1 || days > 3650) {
      throw new UsageError('--days takes a whole number from 1 to 3650');
    }
    const passphrase = await readNewPassphrase(io.env);
    const material = await createSelfSignedIdentity(
      {
        name,
        ...(values.org ? { organisation: values.org } : {}),
        ...(values.email ? { email: values.email } : {}),
      },
      values.rsa ? 'rsa-3072' : 'ecdsa-p256',
      new Date(),
      days,
    );
    const p12 = await writePkcs12(material, passphrase, { friendlyName: name });
    material.privateKey.fill(0);
    // 'wx': an identity someone relies on is never replaced by accident.
    try {
      await writeFile(out, p12, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      io.stderr(`demo-ledger identity: ${out}: ${describeWriteError(error)}\n`);
      return EXIT.failed;
    }
    try {
      await writeFile(certFile, derToPem(material.certificate), { flag: 'wx', mode: 0o644 });
    } catch (error) {
      io.stderr(
        `demo-ledger identity: ${certFile}: ${describeWriteError(error)} (the identity is in ${out}; export its certificate with openssl pkcs12 -nokeys)\n`,
      );
      return EXIT.failed;
    }
    const summary = await summariseCertificate(parseCertificate(material.certificate));
    io.stdout(
      [
        `${out}: signing identity for ${summary.subject} (${values.rsa ? 'RSA-3072' : 'EC P-256'})`,
        `${certFile}: its certificate, for verify --trust`,
        `  valid ${summary.notBefore} to ${summary.notAfter}`,
        `  SHA-256 fingerprint ${summary.fingerprint}`,
        `Keep ${path.basename(out)} and its passphrase secret (in CI: as secrets); share ${path.basename(certFile)}.`,
        '',
      ].join('\n'),
    );
    return EXIT.ok;
  },
};

function describeWriteError(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'EEXIST') return 'exists already; not overwritten';
  return error instanceof Error ? error.message : String(error);
}
