import { sha256OfChunks } from '../../core/evidence/hash';
import type { InspectResult } from '../../core/evidence/inspect';
import { inspectSource } from '../../core/evidence/inspect';
import { fileSource } from '../file-source';
import { UsageError } from '../command';

export interface ReadEvidence {
  file: string;
  size: number;
  sha256: string;
  result: InspectResult;
}

/** Hashes and inspects one file, streaming it (twice: once per concern, each bounded). */
export async function readEvidence(file: string): Promise<ReadEvidence> {
  const source = await fileSource(file).catch((error: unknown) => {
    const code = (error as { code?: string }).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `no such file: ${file}`
        : `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  const [{ sha256, size }, result] = await Promise.all([
    sha256OfChunks(source.open()),
    inspectSource(source),
  ]);
  return { file, size, sha256, result };
}

/** Splits `--flag value`, `--flag=value` and plain arguments; unknown flags are usage errors. */
export function parseArgs(
  args: readonly string[],
  flags: { boolean: readonly string[]; value: readonly string[] },
): { positional: string[]; options: Map<string, string | true> } {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name = '', inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (flags.boolean.includes(name)) options.set(name, true);
    else if (flags.value.includes(name)) {
      const value = inline ?? args[index + 1];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      if (inline === undefined) index += 1;
      options.set(name, value);
    } else throw new UsageError(`unknown option ${arg}`);
  }
  return { positional, options };
}
