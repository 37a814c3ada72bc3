import { evidenceObservations } from '../../features/evidence/observations';
import { registerEvidenceObservations } from '../../features/issues/evidence-observations';

/**
 * Connects features that do not import each other, once at start-up: the issues feature's
 * verification by evidence reads the evidence store's versions of a source.
 */
export function connectFeatures(): void {
  registerEvidenceObservations(evidenceObservations);
}
