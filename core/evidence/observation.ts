import type { EvidenceObservation } from '../issues/verification';
import type { EvidenceSummary } from './model';

/**
 * What one stored piece of evidence says about findings, for verification by evidence
 * (core/issues/verification.ts): which fingerprints it contains, from which source and when.
 */

/**
 * When a version of evidence was observed: the time the tool says it ran, else the time the
 * file was attached. Security issues raised from a finding record it (`observedAt`), and later
 * versions of the same source are compared with it, so both sides use this one function.
 */
export function observedAtOf(
  evidence: { attachedAt: string },
  summary: Pick<EvidenceSummary, 'producedAt'> | null,
): string {
  const produced = summary?.producedAt ? Date.parse(summary.producedAt) : Number.NaN;
  const time = Number.isFinite(produced) ? produced : Date.parse(evidence.attachedAt);
  return new Date(time).toISOString();
}

/**
 * The observation a stored file makes, or null when it reports no findings at all (a format
 * without findings, or a file that could not be summarised): such a file cannot show a finding
 * is gone. The tool family is the evidence format, as in every fingerprint the parsers form.
 */
export function observationOf(
  evidence: { id: string; sourceKey: string; attachedAt: string },
  summary: EvidenceSummary,
): EvidenceObservation | null {
  const findings = summary.findings;
  if (!findings) return null;
  return {
    evidenceId: evidence.id,
    tool: summary.format,
    sourceKey: evidence.sourceKey,
    observedAt: observedAtOf(evidence, summary),
    fingerprints: new Set(findings.items.map((finding) => finding.fingerprint)),
    complete: findings.items.length >= findings.total,
  };
}
