import type { PersonDraft } from './person';

/**
 * The sample workspace: made-up data to learn the app with, built from real tool outputs
 * shipped in templates/sample/. Its names say "sample" wherever they are shown, and its signer
 * is a made-up person whose identity says so in its certificate.
 */
export const SAMPLE_WORKSPACE_NAME = 'Sample workspace — Harbour Pay (made-up data)';

/** The made-up auditor who signs off the sample demo and signs reports of the sample. */
export const SAMPLE_SIGNER: Readonly<Required<PersonDraft>> = {
  name: 'Sam Sample (sample signer)',
  role: 'auditor',
  organisation: 'Sample data, not a real person',
};

/** The common name of the sample signer's certificate. */
export const SAMPLE_IDENTITY_NAME = 'SAMPLE IDENTITY Sam Sample, not a real person';

/**
 * The sample identity's passphrase, printed where it is asked for: it guards nothing real, and
 * the identity is removed with the sample.
 */
export const SAMPLE_PASSPHRASE = 'sample-passphrase';
