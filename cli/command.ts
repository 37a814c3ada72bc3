/** A `demo-ledger` subcommand. Later features add theirs to `cli/commands/index.ts`. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Exit codes shared by every subcommand. */
export const EXIT = {
  ok: 0,
  /** The command ran and found a problem: invalid file, failed verification, drift. */
  failed: 1,
  /** Wrong usage: unknown option, missing argument. */
  usage: 2,
} as const;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}
