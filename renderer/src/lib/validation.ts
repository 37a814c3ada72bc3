import type { z } from 'zod';

/** A rejected form or command input, with one message per field path (`endDate`, `items.2.title`). */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  readonly fieldErrors: Readonly<Record<string, string>>;

  constructor(fieldErrors: Record<string, string>) {
    const first = Object.entries(fieldErrors)[0];
    super(first ? `${first[0] || 'value'}: ${first[1]}` : 'invalid value');
    this.fieldErrors = fieldErrors;
  }
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    fieldErrors[path] ??= issue.message;
  }
  throw new ValidationError(fieldErrors);
}

/** The first error at `path` or below it (`controls` matches `controls.2`), for a list field. */
export function errorUnder(
  fieldErrors: Readonly<Record<string, string>>,
  path: string,
): string | undefined {
  return Object.entries(fieldErrors).find(
    ([field]) => field === path || field.startsWith(`${path}.`),
  )?.[1];
}
