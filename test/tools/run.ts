import { spawnSync } from 'node:child_process';

/** Runs a standard tool (pdfsig, qpdf, openssl ...) and returns its output; throws if it cannot start. */
export function tool(
  command: string,
  args: readonly string[],
  options: { input?: string; cwd?: string } = {},
): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    timeout: 60_000,
    ...(options.input === undefined ? {} : { input: options.input }),
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Like `tool`, but a non-zero exit fails with the tool's own message. */
export function mustRun(
  command: string,
  args: readonly string[],
  options: { input?: string; cwd?: string } = {},
): string {
  const result = tool(command, args, options);
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}
