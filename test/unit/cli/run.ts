import { COMMANDS } from '../../../cli/commands';
import { runCli } from '../../../cli/main';

const info = { name: 'demo-ledger', version: '0.1.0' };

/** Runs `demo-ledger ARGS…` in process: exit code, standard output and error as text. */
export async function runCommand(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, info, COMMANDS, {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    env,
  });
  return { code, out: out.join(''), err: err.join('') };
}
