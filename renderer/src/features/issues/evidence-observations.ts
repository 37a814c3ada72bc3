import type { EvidenceObservation } from '../../../../core/issues/verification';

/**
 * Where verification by evidence gets the later evidence files of a source. The evidence feature
 * registers a provider (its evidence table and parsed fingerprints); until it does, there are no
 * observations and no suggestions.
 */
export type EvidenceObservationProvider = (query: {
  workspaceId: string;
  tool: string;
  sourceKey: string;
}) => Promise<EvidenceObservation[]>;

let provider: EvidenceObservationProvider = async () => [];

export function registerEvidenceObservations(next: EvidenceObservationProvider): void {
  provider = next;
}

export function evidenceObservations(query: {
  workspaceId: string;
  tool: string;
  sourceKey: string;
}): Promise<EvidenceObservation[]> {
  return provider(query);
}
