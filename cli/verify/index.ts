import { archiveVerifier } from './archive';
import type { FileVerifier } from './verifier';

export type { FileVerifier, VerifyReport } from './verifier';

/** Every kind of file `verify` knows; add signed PDFs and bundles here. */
export const VERIFIERS: readonly FileVerifier[] = [archiveVerifier];
