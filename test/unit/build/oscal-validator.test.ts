import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { generateValidatorSource } from '../../../scripts/generate-oscal-validator.mjs';

it('the precompiled OSCAL validator matches the bundled schema', () => {
  const committed = readFileSync('core/oscal/catalog-schema.validate.js', 'utf8');
  expect(
    generateValidatorSource() === committed,
    'run node scripts/generate-oscal-validator.mjs',
  ).toBe(true);
});
