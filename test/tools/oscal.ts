import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { sharedFixture } from '../fixtures';

/** NIST's OSCAL assessment-results JSON Schema (shared fixtures), compiled with ajv. */
export function assessmentResultsValidator(): ValidateFunction {
  const schema = JSON.parse(
    readFileSync(sharedFixture('oscal/schema/oscal_assessment-results_schema.json'), 'utf8'),
  ) as object;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}
