import { evidenceObservations } from '../../features/evidence/observations';
import { registerEvidenceObservations } from '../../features/issues/evidence-observations';
import { ensureLibrary } from '../../features/controls/library';

/**
 * Connects features that do not import each other, once at start-up: the issues feature's
 * verification by evidence reads the evidence store's versions of a source. Once the page is
 * idle, the control library starts loading (a catalog per task, the search index in steps), so
 * the Controls area and every control picker find it ready.
 */
export function connectFeatures(): void {
  registerEvidenceObservations(evidenceObservations);
  if (typeof requestIdleCallback === 'function')
    requestIdleCallback(() => ensureLibrary(), { timeout: 5000 });
}
