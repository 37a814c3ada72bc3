import type { DataUpgrade } from '../db/upgrades';
import { itemEvidenceLinksUpgrade } from '../features/demos/wiring/item-links-upgrade';
import { evidenceReadingsUpgrade } from '../features/evidence/upgrade';
import { evidenceDatesUpgrade } from '../features/evidence/upgrades';
import { evidenceSearchUpgrade } from '../features/evidence/search-upgrade';
import { issueFingerprintsUpgrade } from './integrations/issue-fingerprints';

/**
 * Every data upgrade the app runs after start-up, in order (see db/upgrades.ts). A feature that
 * changes how stored records are derived (a reader's summary, a fingerprint, a link rule) adds
 * its upgrade here; an upgrade's id never changes once released.
 */
export const DATA_UPGRADES: readonly DataUpgrade[] = [
  evidenceReadingsUpgrade(),
  evidenceDatesUpgrade,
  itemEvidenceLinksUpgrade,
  issueFingerprintsUpgrade(),
  evidenceSearchUpgrade,
];
