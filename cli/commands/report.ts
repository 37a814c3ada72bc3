import { readFile } from 'node:fs/promises';
import { parseLayout } from '../../core/report/layout';
import { defaultLayout } from '../../core/report/layouts';
import { parseReportModel } from '../../core/report/model';
import { buildReportPdf } from '../../core/report/pdf/build';
import { parseCertificate, summariseCertificate } from '../../core/signing/certificates';
import { signPdf } from '../../core/signing/sign';
import { writeFileAtomic } from '../../main/services/files';
import { httpTimestampTransport } from '../../main/services/timestamp-client';
import type { CliCommand } from '../command';
import { EXIT, UsageError } from '../command';
import { parseCliArgs, positionals, required } from '../args';
import { collectEvidence, loadIdentity, reportFonts } from '../report-assets';

/** Signing options shared by `report` and `cosign`. */
export const SIGN_OPTIONS = {
  identity: { type: 'string' },
  out: { type: 'string' },
  tsa: { type: 'string' },
  reason: { type: 'string' },
  location: { type: 'string' },
  reserve: { type: 'string' },
  compat: { type: 'boolean', default: false },
} as const;

interface SignValues {
  tsa?: string | undefined;
  reason?: string | undefined;
  location?: string | undefined;
  reserve?: string | undefined;
  compat?: boolean | undefined;
}

export function signOptions(values: SignValues, defaultReason: string) {
  const reserve = values.reserve === undefined ? undefined : Number(values.reserve);
  if (
    reserve !== undefined &&
    (!Number.isInteger(reserve) || reserve < 1000 || reserve > 10_000_000)
  ) {
    throw new UsageError('--reserve must be a number of bytes between 1000 and 10000000');
  }
  return {
    subFilter: values.compat ? ('adbe.pkcs7.detached' as const) : ('ETSI.CAdES.detached' as const),
    reason: values.reason ?? defaultReason,
    location: values.location ?? '',
    ...(reserve === undefined ? {} : { reserveBytes: reserve }),
    ...(values.tsa === undefined ? {} : { timestamp: httpTimestampTransport(values.tsa) }),
  };
}

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'Build and sign a report PDF from a report-model JSON file',
  usage: `Usage: demo-ledger report MODEL.json --identity ID.p12 --out REPORT.pdf [options]

Builds the report described by MODEL.json (see "Report model" in the README) and signs it
with the PKCS#12 identity (PAdES, ETSI.CAdES.detached). The passphrase is read from
DEMO_LEDGER_PASSPHRASE or asked for; it is never given on the command line.

Options:
  --identity FILE   PKCS#12 (.p12/.pfx) signing identity (required unless --unsigned)
  --out FILE        where to write the PDF (required)
  --evidence DIR    embed the model's evidence files found under DIR (checked by SHA-256)
  --layout FILE     a report layout JSON (default: the shipped layout for the model's kind)
  --tsa URL         add an RFC 3161 signature timestamp from this authority
  --reason TEXT     signature reason (default: "Sign-off of the control-evidence record")
  --location TEXT   signature location
  --compat          sign as adbe.pkcs7.detached for older readers
  --reserve BYTES   space reserved for the signature (default 24000)
  --unsigned        write the PDF without signing it`,
  async run(args, io) {
    const { values, positionals: given } = parseCliArgs({
      args,
      allowPositionals: true,
      options: {
        ...SIGN_OPTIONS,
        evidence: { type: 'string' },
        layout: { type: 'string' },
        unsigned: { type: 'boolean', default: false },
      },
    });
    const [modelFile = ''] = positionals(given, 1, 'exactly one MODEL.json');
    const out = required(values.out, 'out');
    const unsigned = values.unsigned;
    if (!unsigned) required(values.identity, 'identity');
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(modelFile, 'utf8'));
    } catch (error) {
      throw new Error(
        `${modelFile} is not readable JSON: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    const model = parseReportModel(raw);
    const layoutFile = values.layout;
    const layout =
      layoutFile === undefined
        ? defaultLayout(model.kind)
        : parseLayout(JSON.parse(await readFile(layoutFile, 'utf8')));
    const evidenceDir = values.evidence;
    const attachments = evidenceDir === undefined ? [] : await collectEvidence(model, evidenceDir);
    const identity = unsigned
      ? null
      : await loadIdentity(required(values.identity, 'identity'), io.env);
    const pdf = await buildReportPdf(model, { layout, fonts: await reportFonts(), attachments });
    let output = pdf;
    if (identity !== null) {
      const signer = await summariseCertificate(parseCertificate(identity.material.certificate));
      output = await signPdf(pdf, identity.signer, {
        ...signOptions(values, 'Sign-off of the control-evidence record'),
        name: signer.commonName,
        contactInfo: signer.email,
      });
    }
    await writeFileAtomic(out, output);
    io.stdout(
      `${out}: ${output.length} bytes, ${attachments.length} evidence file(s) embedded, ${identity === null ? 'unsigned' : 'signed'}\n`,
    );
    return EXIT.ok;
  },
};
