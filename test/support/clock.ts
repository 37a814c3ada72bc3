import type { IdentityMaterial, IdentitySubject, KeyAlgorithm } from '../../core/signing/keys';
import { createSelfSignedIdentity } from '../../core/signing/keys';

/**
 * The instants tests live at. Tests never read the wall clock for anything they assert: the
 * suite also runs a year ahead (`faketime -f +400d`) and in a far-off zone, and must pass there.
 */

/**
 * Where every unit test file's clock starts (test/unit/pinned-clock.ts): the day after the
 * fixtures' demo, inside their sprint.
 */
export const SUITE_NOW = new Date('2026-11-27T12:00:00.000Z');
/**
 * Where the app's clock starts in end-to-end tests (test/e2e/fixtures.ts); it flows on from
 * there, and goes on where it was after a restart.
 */
export const E2E_NOW = new Date('2026-11-27T09:00:00.000Z');
/** When the synthetic ledgers' records were written (test/support/ledger.ts, bundle-ledger.ts). */
export const LEDGER_START = new Date('2026-11-26T09:00:00.000Z');
/** When test bundles are written and signed (test/support/bundle-files.ts). */
export const BUNDLE_CREATED_AT = new Date('2026-11-27T10:00:00.000Z');
export const BUNDLE_SIGNED_AT = new Date('2026-11-27T10:05:00.000Z');

const DAY = 86_400_000;

/**
 * A self-signed identity whose certificate is valid around `at` (from 30 days before it, for
 * three years), not around the day the suite happens to run.
 */
export function identityValidAt(
  subject: IdentitySubject,
  algorithm: KeyAlgorithm,
  at: Date = BUNDLE_SIGNED_AT,
): Promise<IdentityMaterial> {
  return createSelfSignedIdentity(subject, algorithm, new Date(at.getTime() - 30 * DAY));
}
