import { plainOutput } from '../core/util/plain-text';
import type { CliCommand, CliIo } from './command';
import { EXIT, UsageError } from './command';

export interface CliInfo {
  name: string;
  version: string;
}

export function helpText(info: CliInfo, commands: readonly CliCommand[]): string {
  const width = Math.max(8, ...commands.map((command) => command.name.length));
  const lines = [
    `${info.name} ${info.version} — Demo Ledger on the command line`,
    '',
    `Usage: ${info.name} <command> [options]`,
    '',
    'Commands:',
    ...(commands.length === 0
      ? ['  (none yet)']
      : commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`)),
    '',
    'Options:',
    "  -h, --help     Show this help, or a command's help after its name",
    '  -v, --version  Print the version',
    '',
    'Exit status: 0 success, 1 the check failed or the file is invalid, 2 wrong usage.',
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * Runs the CLI and returns its exit status; all output goes through `io`, with every control
 * character but the newlines and tabs the commands lay out escaped (core/util/plain-text.ts):
 * whatever a file holds, it cannot drive the terminal. Commands also escape each string from a
 * file with `plain`, so a newline in a name cannot start a line of its own.
 */
export async function runCli(
  argv: readonly string[],
  info: CliInfo,
  commands: readonly CliCommand[],
  rawIo: CliIo,
): Promise<number> {
  const io: CliIo = {
    stdout: (text) => rawIo.stdout(plainOutput(text)),
    stderr: (text) => rawIo.stderr(plainOutput(text)),
    env: rawIo.env,
  };
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    const topic =
      first === 'help' ? commands.find((command) => command.name === rest[0]) : undefined;
    io.stdout(topic ? `${topic.usage}\n` : helpText(info, commands));
    return EXIT.ok;
  }
  if (first === '-v' || first === '--version') {
    io.stdout(`${info.version}\n`);
    return EXIT.ok;
  }
  const command = commands.find((candidate) => candidate.name === first);
  if (command === undefined) {
    io.stderr(
      `${info.name}: unknown command '${first}'. Run '${info.name} --help' for the list.\n`,
    );
    return EXIT.usage;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    io.stdout(`${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${info.name} ${command.name}: ${error.message}\n${command.usage}\n`);
      return EXIT.usage;
    }
    io.stderr(
      `${info.name} ${command.name}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return EXIT.failed;
  }
}
