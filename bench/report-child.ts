import { readFileSync, writeFileSync } from 'node:fs';
import { reportFonts } from '../cli/report-assets';
import { defaultLayout } from '../core/report/layouts';
import { parseReportModel } from '../core/report/model';
import { buildReportPdf } from '../core/report/pdf/build';
import { createSelfSignedIdentity, importSigningKey } from '../core/signing/keys';
import { signPdf } from '../core/signing/sign';
import { webCryptoSigner } from '../core/signing/signer';

/**
 * Runs in its own process so its peak memory is its own: builds the report in MODEL, signs it,
 * writes OUT, prints {ms, maxRssMb, bytes} as JSON. Timing covers model parsing, layout,
 * font subsetting, saving and signing — everything after the process is up.
 */
const [modelFile = '', out = ''] = process.argv.slice(2);
const identity = await createSelfSignedIdentity({ name: 'Bench Signer' }, 'ecdsa-p256');
const signer = webCryptoSigner(await importSigningKey(identity.privateKey), identity.certificate);
const fonts = await reportFonts();
const raw: unknown = JSON.parse(readFileSync(modelFile, 'utf8'));
const started = performance.now();
const model = parseReportModel(raw);
const pdf = await buildReportPdf(model, { layout: defaultLayout(model.kind), fonts });
const signed = await signPdf(pdf, signer, { reason: 'Benchmark' });
const ms = performance.now() - started;
writeFileSync(out, signed);
process.stdout.write(
  `${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, bytes: signed.length })}\n`,
);
