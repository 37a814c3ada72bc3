import { version } from '../package.json';
import { COMMANDS } from './commands';
import { runCli } from './main';

const io = {
  stdout: (text: string) => void process.stdout.write(text),
  stderr: (text: string) => void process.stderr.write(text),
  env: process.env,
};

runCli(process.argv.slice(2), { name: 'demo-ledger', version }, COMMANDS, io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `demo-ledger: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
