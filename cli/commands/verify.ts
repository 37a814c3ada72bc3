import { readFile } from 'node:fs/promises';
import { readHead } from '../../main/services/archive-file';
import { sniffFile } from '../../core/archive/format';
import { basename } from 'node:path';
import { certificatesFromFile, sha256, toHex } from '../../core/signing/der';
import { revocationListsFromFile } from '../../core/signing/revocation-list';
import type { TrustVerdict } from '../../core/trust/rule';
import type { CliCommand, CliIo } from '../command';
import { EXIT, UsageError } from '../command';
import { parseCliArgs } from '../args';
import type { FileVerifier, VerifyOptions, VerifyReport } from '../verify';
import { VERIFIERS } from '../verify';

const USAGE = `Usage: demo-ledger verify [--json] [--trust CERT.pem]... [--crl LIST.crl]... [--allow-untrusted] [--require-signed] FILE...

Verifies files offline, whatever machine made them. The kind of each file is recognised by
its content, not its name:
  signed PDF report    every signature (signer, time, validity, whether it covers the whole
                       document), each certificate against --trust, content added after the
                       last signature (reported as tampering), and the embedded evidence
                       re-hashed against its manifest; every demo sign-off it carries
  Demo Ledger backup   tar structure, the SHA-256 of every file against the manifest,
                       SHA256SUMS, the audit hash chain link by link, and every record
                       against the state its last audit entry pins
  audit bundle         the same for the bundle's slice (its audit log is a segment of the
                       chain) and for each review in it; every signature over a manifest
                       (intact, by the certificate the manifest names, trusted per --trust)
                       and each review's binding to the signed original; every demo
                       sign-off in it and its reviews
  evidence bundle      from \`collect\`: every stored file against its SHA-256 and the
                       manifest, SHA256SUMS, the CI identity's signature over the manifest
                       (intact, by the certificate it names, trusted per --trust), its
                       timestamp, and the provenance (commit, run URL, pipeline, job)

A demo sign-off is checked like any signature (intact, by its certificate, trusted per
--trust), and also: the certificate was valid when it signed (by its timestamp when it has
one, else the time the signer claims), whether it has expired since, whether it is revoked in
a --crl list of its issuer (or that revocation was not checked), and whether the latest
sign-off signed the record as the report or bundle shows it. Legacy sign-offs of earlier
versions (a typed name, no signature) are listed as unsigned.

Options:
  --json            One JSON document on standard output: {"ok", "files": [{"file", "kind",
                    "ok", "problems", ...details}]}; a PDF's details are under "pdf", a
                    backup's under "archive", a bundle's under "bundle", an evidence
                    bundle's under "evidence"
  --trust FILE      Trust this certificate (PEM or DER; repeatable): a signer's own
                    certificate or a CA that issued it. Nothing else is trusted: not the
                    operating system's TLS roots, not a certificate a file carries. Each
                    trusted signature says which --trust file it chains to. The app trusts
                    your own signing identities and its trust list (Settings → Trusted
                    certificates); for the same answer here, pass those certificates (a
                    signer exports theirs with Settings → Signing identities → Export
                    certificate (PEM))
  --crl FILE        Consult this certificate revocation list (PEM or DER; repeatable): a
                    demo sign-off's certificate is checked against its issuer's list
  --allow-untrusted Accept valid signatures by certificates not trusted; every such
                    signature's line says it was accepted without trust
  --require-signed  Fail files that carry no signature (backups verify as "unsigned"
                    without it)
  --require-trust   Accepted for compatibility: trust is always required, so a valid
                    signature by a certificate not trusted fails the file unless
                    --allow-untrusted

Exit status: 0 every file verified: every signature valid and by a trusted certificate (or
accepted with --allow-untrusted); 1 a file failed or is not a kind it knows; 2 wrong usage.`;

export function createVerifyCommand(verifiers: readonly FileVerifier[] = VERIFIERS): CliCommand {
  return {
    name: 'verify',
    summary:
      'Verify signed reports, backups, audit and evidence bundles offline (signatures, hashes, audit chain)',
    usage: USAGE,
    async run(args: string[], io: CliIo): Promise<number> {
      const { values, positionals: files } = parseCliArgs({
        args,
        allowPositionals: true,
        options: {
          json: { type: 'boolean', default: false },
          trust: { type: 'string', multiple: true, default: [] },
          crl: { type: 'string', multiple: true, default: [] },
          'require-trust': { type: 'boolean', default: false },
          'allow-untrusted': { type: 'boolean', default: false },
          'require-signed': { type: 'boolean', default: false },
        },
      });
      if (files.length === 0) throw new UsageError('name at least one file to verify');
      const trusted: Uint8Array[] = [];
      const anchors = new Map<string, { source: 'given'; name: string }>();
      for (const path of values.trust) {
        for (const der of certificatesFromFile(new Uint8Array(await readFile(path)))) {
          trusted.push(der);
          anchors.set(toHex(await sha256(der)), { source: 'given', name: basename(path) });
        }
      }
      const crls: Uint8Array[] = [];
      for (const path of values.crl) {
        try {
          crls.push(...revocationListsFromFile(new Uint8Array(await readFile(path))));
        } catch (error) {
          throw new UsageError(
            `--crl ${path}: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
      const options: VerifyOptions = {
        trusted,
        anchors,
        policy: {
          allowUntrusted: values['allow-untrusted'],
          requireSigned: values['require-signed'],
        },
        crls,
        now: new Date(),
      };
      const reports: VerifyReport[] = [];
      for (const file of files) reports.push(await verifyOne(file, verifiers, options));
      const ok = reports.every((report) => report.ok);
      if (values.json) {
        io.stdout(
          `${JSON.stringify(
            {
              ok,
              files: reports.map(({ summary: _summary, details, ...report }) => ({
                ...report,
                ...details,
              })),
            },
            null,
            2,
          )}\n`,
        );
      } else {
        for (const report of reports) io.stdout(renderText(report));
      }
      return ok ? EXIT.ok : EXIT.failed;
    },
  };
}

async function verifyOne(
  file: string,
  verifiers: readonly FileVerifier[],
  options: VerifyOptions,
): Promise<VerifyReport> {
  let head: Uint8Array;
  try {
    head = await readHead(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return failed(
      file,
      code === 'ENOENT'
        ? 'The file does not exist.'
        : `The file cannot be read (${code ?? 'error'}).`,
    );
  }
  const kind = sniffFile(head);
  const verifier = verifiers.find((candidate) => candidate.accepts === kind);
  if (!verifier) {
    return failed(
      file,
      kind === 'unknown'
        ? 'This is not a file demo-ledger can verify (expected a signed PDF report, a Demo Ledger backup, an audit bundle or an evidence bundle).'
        : `Verifying ${kind} files is not supported by this version.`,
    );
  }
  return verifier.verify(file, options);
}

function failed(file: string, problem: string): VerifyReport {
  return {
    file,
    kind: 'unknown',
    ok: false,
    problems: [problem],
    trust: { ok: false, verdict: 'unsigned-refused', problems: [], lines: [] },
    summary: [],
    details: {},
  };
}

const STATUS: Readonly<Record<TrustVerdict, string>> = {
  trusted: '',
  'accepted-untrusted': ', accepted without trust (--allow-untrusted)',
  untrusted: ', not trusted',
  invalid: '',
  unsigned: ', unsigned',
  'unsigned-refused': ', unsigned',
};

function renderText(report: VerifyReport): string {
  const lines = [
    `${report.file}: ${report.ok ? 'VERIFIED' : 'FAILED'} (${report.kind}${report.kind === 'unknown' ? '' : STATUS[report.trust.verdict]})`,
    ...report.summary.map((line) => `  ${line}`),
    ...report.problems.map((problem) => `  ✗ ${problem}`),
  ];
  return `${lines.join('\n')}\n`;
}

export const verifyCommand = createVerifyCommand();
