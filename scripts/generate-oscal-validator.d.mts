/** Source of the standalone OSCAL catalog validator, as the generator would write it now. */
export function generateValidatorSource(): string;
