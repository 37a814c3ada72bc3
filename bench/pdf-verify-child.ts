import { verifyPdfInWorker } from '../main/services/pdf-verifier';

/**
 * Runs in its own process so its peak memory is its own: verifies FILE the way
 * `demo-ledger verify` does (on the verifier's worker thread) and prints {ms, verdict, refused}.
 */
const [file = ''] = process.argv.slice(2);
const started = performance.now();
const report = await verifyPdfInWorker({ input: { path: file }, trusted: [] });
const ms = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({ ms, verdict: report.verdict, refused: report.refused, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
);
