import { UsageError } from './command';

/**
 * A small option parser for subcommands: `--name value`, `--flag`, repeatable options, and
 * positional arguments. Unknown options are usage errors, never silently ignored.
 */
export interface OptionSpec {
  /** Options that take a value. */
  values?: readonly string[];
  /** Options that may be given more than once (a subset of `values`). */
  repeatable?: readonly string[];
  flags?: readonly string[];
}

export interface ParsedOptions {
  positional: string[];
  values: Map<string, string[]>;
  flags: Set<string>;
}

export function parseOptions(args: readonly string[], spec: OptionSpec): ParsedOptions {
  const parsed: ParsedOptions = { positional: [], values: new Map(), flags: new Set() };
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (!arg.startsWith('--') || arg === '--') {
      parsed.positional.push(arg);
      continue;
    }
    const [name = '', inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (spec.flags?.includes(name)) {
      parsed.flags.add(name);
      continue;
    }
    if (!spec.values?.includes(name)) throw new UsageError(`unknown option --${name}`);
    const value = inline ?? args[(index += 1)];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    const existing = parsed.values.get(name) ?? [];
    if (existing.length > 0 && !spec.repeatable?.includes(name))
      throw new UsageError(`--${name} can be given once`);
    parsed.values.set(name, [...existing, value]);
  }
  return parsed;
}

export function single(options: ParsedOptions, name: string): string | undefined {
  return options.values.get(name)?.[0];
}

export function required(options: ParsedOptions, name: string): string {
  const value = single(options, name);
  if (value === undefined) throw new UsageError(`--${name} is required`);
  return value;
}
