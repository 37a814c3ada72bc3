/** Standalone validator generated from the official OSCAL catalog JSON Schema (see the .js). */
export interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

export const validate: SchemaValidator;
export default validate;
