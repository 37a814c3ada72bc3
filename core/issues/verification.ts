import { fingerprintTool } from '../model/fingerprint';
import type { SecurityIssue } from '../model/issue';

/**
 * Verification by evidence. An issue raised from a finding is suggested as verified when a later
 * evidence file from the same source no longer contains the finding's fingerprint.
 *
 * "Later" compares `observedAt`, the time the evidence was produced (its effective date), with the
 * observation the issue was raised from; "the same source" means the same `sourceKey` and the
 * same tool family (the fingerprint's prefix). Only the latest such file counts: if the finding
 * came back after once being gone, there is no suggestion. A file whose list of findings was cut
 * for length (`complete: false`) proves nothing by leaving a finding out.
 *
 * The evidence feature builds observations with `observationOf` (core/evidence/observation.ts).
 */
export interface EvidenceObservation {
  evidenceId: string;
  /** Tool family of the file, as in fingerprints (`zap`, `sarif` …). */
  tool: string;
  sourceKey: string;
  /** ISO date-time the evidence was produced. */
  observedAt: string;
  fingerprints: ReadonlySet<string>;
  /** False when the file lists only some of its findings; absent means every one is listed. */
  complete?: boolean;
}

export interface VerificationSuggestion {
  evidenceId: string;
  observedAt: string;
  fingerprint: string;
}

const SUGGESTIBLE: readonly SecurityIssue['status'][] = ['open', 'in-progress', 'fixed'];

export function suggestVerification(
  issue: Pick<SecurityIssue, 'source' | 'status'>,
  observations: readonly EvidenceObservation[],
): VerificationSuggestion | null {
  const source = issue.source;
  if (source.kind !== 'evidence-finding' || !SUGGESTIBLE.includes(issue.status)) return null;
  const tool = fingerprintTool(source.fingerprint);
  const raisedFrom = Date.parse(source.observedAt);
  let latest: EvidenceObservation | undefined;
  for (const observation of observations) {
    if (observation.tool !== tool || observation.sourceKey !== source.sourceKey) continue;
    if (observation.evidenceId === source.evidenceId) continue;
    const observedAt = Date.parse(observation.observedAt);
    if (!(observedAt > raisedFrom)) continue;
    if (latest === undefined || observedAt > Date.parse(latest.observedAt)) latest = observation;
  }
  if (latest === undefined || latest.fingerprints.has(source.fingerprint)) return null;
  if (latest.complete === false) return null;
  return {
    evidenceId: latest.evidenceId,
    observedAt: latest.observedAt,
    fingerprint: source.fingerprint,
  };
}
