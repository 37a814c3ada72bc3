import { openAsBlob } from 'node:fs';
import { trustingChecker } from '../../core/bundle/signature';
import { signaturesOf, standingsOf } from '../../core/bundle/signature-lines';
import { verifyBundle } from '../../core/bundle/verify';
import { nodeSha256 } from '../../main/services/archive-file';
import { archiveDetails, archiveSummary } from './archive';
import { judgeSignatures } from '../../core/trust/rule';
import { plain } from '../../core/util/plain-text';
import { signOffStandings } from '../../core/demo/sign-offs-check';
import { bundleSignOffs, describeSignOffs } from './sign-offs';
import { trustWords } from './trust-words';
import type { FileVerifier, VerifyOptions } from './verifier';

/**
 * Audit bundles: everything a backup's check covers (for the bundle's slice and each review
 * in it), plus every signature: intact, made by the certificate the manifest names, and that
 * certificate's trust against --trust under the one trust rule (core/trust/rule.ts).
 */
export const bundleVerifier: FileVerifier = {
  accepts: 'demo-ledger-bundle',
  async verify(file, options: VerifyOptions) {
    const blob = await openAsBlob(file);
    const verdict = await verifyBundle(blob, trustingChecker(options.trusted), {
      createSha256: nodeSha256,
    });
    const signatures = signaturesOf(verdict);
    // The demo sign-offs in the bundle and its reviews are signatures too, under the same rule.
    const signOffs = await bundleSignOffs(blob, verdict, options);
    const signOffLines = signOffStandings(signOffs);
    const trust = judgeSignatures([...standingsOf(signatures), ...signOffLines], options.policy, {
      signatureRequired: true,
    });
    // The verdict already names what is wrong with the bundle's own signatures; not a sign-off's.
    const signOffLabels = signOffLines.map((line) => `${line.label}: `);
    const problems = [
      ...verdict.problems,
      ...signOffs.problems.map((problem) => `Sign-offs: ${plain(problem)}`),
      ...trust.problems.filter(
        (problem) =>
          !problem.includes(': not valid (') ||
          signOffLabels.some((label) => problem.startsWith(label)),
      ),
    ];
    const info = verdict.info;
    const summary = [
      ...(info
        ? [`Bundle “${plain(info.title)}” (${info.scope.kind}) of ${plain(info.workspace.name)}`]
        : []),
      ...archiveSummary(verdict.archive),
      ...signatures.map(
        (signature) =>
          `${signature.role}: ${plain(signature.signer) || 'unknown signer'}, signed ${signature.signedAt ?? 'at an unstated time'}: ${signature.valid ? 'valid' : 'INVALID'}, ${trustWords(signature.trust, options)}`,
      ),
      ...verdict.reviews.map(
        (review) =>
          `Review ${review.number}: ${review.archive.manifest?.database.tables.filter((table) => table.name !== 'auditLog').reduce((sum, table) => sum + table.rows, 0) ?? 0} changed or added records, ${review.ok ? 'intact' : 'DAMAGED'}`,
      ),
      ...describeSignOffs(signOffs, options),
      `File SHA-256 ${verdict.fileSha256}`,
    ];
    return {
      file,
      kind: 'bundle',
      ok: problems.length === 0,
      problems,
      trust,
      summary,
      details: {
        bundle: {
          id: info?.id ?? null,
          title: info?.title ?? null,
          scope: info?.scope ?? null,
          workspace: info?.workspace ?? null,
          fileSha256: verdict.fileSha256,
          archive: archiveDetails(verdict.archive),
          signatures,
          signOffs,
          reviews: verdict.reviews.map((review) => ({
            number: review.number,
            ok: review.ok,
            problems: review.problems,
            archive: archiveDetails(review.archive),
          })),
        },
      },
    };
  },
};
