import { CI_LABELS, describeProvenance } from '../../core/evidence-bundle/provenance';
import { plain } from '../../core/util/plain-text';
import { readEvidenceBundleFile } from '../../main/services/evidence-bundles';
import { driftLines, fileLines, gateLines } from '../collect/lines';
import { trustWords } from './trust-words';
import type { FileVerifier, VerifyOptions } from './verifier';

/**
 * Evidence bundles from `collect`: the archive (every stored file against its SHA-256 and the
 * manifest, SHA256SUMS), the CI identity's signature over the manifest (intact, by the
 * certificate the manifest names, trusted per --trust under the one trust rule), its timestamp,
 * and the provenance. A bundle that records failed gates verifies (the record is authentic),
 * and says plainly which gates failed when it was collected.
 */
export const evidenceVerifier: FileVerifier = {
  accepts: 'demo-ledger-evidence',
  async verify(file, options: VerifyOptions) {
    const bundle = await readEvidenceBundleFile(file, options);
    const { manifest, verdict } = bundle;
    const signature = verdict.signature;
    const summary: string[] = [];
    if (manifest) {
      const failed = manifest.gates.filter((gate) => !gate.passed);
      summary.push(
        `Evidence bundle ${manifest.id}, collected ${manifest.createdAt} with ${plain(manifest.app.name)} ${plain(manifest.app.version)}`,
        `Provenance: ${plain(describeProvenance(manifest.provenance))}`,
        `Files: ${manifest.evidence.length} collected, ${verdict.stored.length} stored, each ${verdict.problems.length === 0 ? 'matching' : 'checked against'} its SHA-256`,
        ...fileLines(manifest.evidence).map((line) => `  ${line}`),
        manifest.gates.length === 0
          ? 'Gates: none were asked for'
          : failed.length === 0
            ? `Gates: all ${manifest.gates.length} passed when collected`
            : `Gates: ${failed.length} of ${manifest.gates.length} FAILED when collected (${failed.map((gate) => gate.gate).join(', ')})`,
        ...gateLines(manifest.gates).map((line) => `  ${line}`),
      );
      if (manifest.previous) {
        summary.push(
          `Compared with previous bundle ${manifest.previous.id ?? '?'} (SHA-256 ${manifest.previous.fileSha256})${manifest.previous.verified ? '' : ': NOT RELIED ON'}`,
          ...driftLines(manifest.drift ?? []).map((line) => `  ${line}`),
        );
      }
    }
    if (signature) {
      const trust = trustWords(signature.trust, options);
      summary.push(
        `Signed by ${bundle.signers[0] ?? 'unknown signer'}, ${signature.signedAt ?? 'at an unstated time'}: ${signature.valid && signature.signerMatches ? 'valid' : 'INVALID'}, ${trust}`,
      );
      if (signature.timestamp) {
        const stamp = signature.timestamp;
        summary.push(
          `Timestamp: ${stamp.time} from ${plain(stamp.authority) || 'unknown authority'}${stamp.imprintMatches && stamp.signatureValid ? '' : ' (INVALID)'}, ${stamp.trust.trusted ? 'authority trusted' : 'authority not trusted (its time is the authority’s claim)'}`,
        );
      }
    }
    if (bundle.sha256) summary.push(`File SHA-256 ${bundle.sha256}`);
    return {
      file,
      kind: 'evidence',
      ok: bundle.problems.length === 0,
      problems: bundle.problems.map((problem) => plain(problem)),
      trust: bundle.trust,
      summary,
      details: {
        evidence: manifest && {
          id: manifest.id,
          createdAt: manifest.createdAt,
          fileSha256: bundle.sha256,
          system: manifest.provenance.system,
          ci: CI_LABELS[manifest.provenance.system],
          repository: manifest.provenance.repository,
          commit: manifest.provenance.commit,
          ref: manifest.provenance.ref,
          runUrl: manifest.provenance.runUrl,
          pipeline: manifest.provenance.pipeline,
          job: manifest.provenance.job,
          provenance: manifest.provenance,
          signature: signature && {
            signer: bundle.signers[0] ?? null,
            fingerprint: signature.signer?.fingerprint ?? null,
            signedAt: signature.signedAt,
            valid: signature.valid && signature.signerMatches,
            trusted: signature.trust.trusted,
            trust: signature.trust,
            timestamp: signature.timestamp ?? null,
            problems: signature.problems,
          },
          gates: manifest.gates,
          previous: manifest.previous,
          drift: manifest.drift,
          files: manifest.evidence.map((item) => ({
            name: item.name,
            sha256: item.sha256,
            size: item.size,
            format: item.summary.format,
            summary: item.summary,
          })),
        },
      },
    };
  },
};
