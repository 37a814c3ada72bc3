import { archiveVerifier } from './archive';
import { bundleVerifier } from './bundle';
import { evidenceVerifier } from './evidence';
import { pdfVerifier } from './pdf';
import type { FileVerifier } from './verifier';

export type { FileVerifier, VerifyOptions, VerifyReport } from './verifier';

/** Every kind of file `verify` knows; a new kind is a new entry here. */
export const VERIFIERS: readonly FileVerifier[] = [
  archiveVerifier,
  bundleVerifier,
  evidenceVerifier,
  pdfVerifier,
];
