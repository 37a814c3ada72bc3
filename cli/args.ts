import type { ParseArgsConfig } from 'node:util';
import { parseArgs } from 'node:util';
import { UsageError } from './command';

/**
 * The one option parser of every subcommand: node:util parseArgs (`--name value`,
 * `--name=value`, flags, repeatable options with `multiple`), with its complaints turned into
 * usage errors (exit status 2). Unknown options are errors, never silently ignored.
 */
export function parseCliArgs<T extends ParseArgsConfig>(
  config: T,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Exactly `count` positional arguments, or a usage error naming what is expected. */
export function positionals(values: readonly string[], count: number, expected: string): string[] {
  if (values.length !== count) throw new UsageError(`expected ${expected}`);
  return [...values];
}

/** A value option that must be given. */
export function required(value: string | undefined, name: string): string {
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`);
  return value;
}
