import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { UsageError } from './command';

/**
 * The passphrase of a PKCS#12 identity: from DEMO_LEDGER_PASSPHRASE, or typed at a prompt that
 * does not echo. Never from the command line, where it would land in shell history and `ps`.
 */
export const PASSPHRASE_VARIABLE = 'DEMO_LEDGER_PASSPHRASE';

export async function readPassphrase(
  env: Readonly<Record<string, string | undefined>>,
  prompt: string,
): Promise<string> {
  const fromEnv = env[PASSPHRASE_VARIABLE];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!process.stdin.isTTY) {
    throw new UsageError(
      `no passphrase: set ${PASSPHRASE_VARIABLE} or run in a terminal to be asked for it`,
    );
  }
  return ask(prompt);
}

/** A passphrase for a new file: from the environment, or typed twice alike. */
export async function readNewPassphrase(
  env: Readonly<Record<string, string | undefined>>,
): Promise<string> {
  const first = await readPassphrase(env, 'Passphrase for the new identity: ');
  if (env[PASSPHRASE_VARIABLE] === undefined || env[PASSPHRASE_VARIABLE] === '') {
    if ((await ask('The same passphrase again: ')) !== first) {
      throw new UsageError('the two passphrases differ');
    }
  }
  if (first.length < 8) throw new UsageError('the passphrase must have at least 8 characters');
  return first;
}

async function ask(prompt: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (!muted) process.stderr.write(chunk);
      callback();
    },
  });
  const readline = createInterface({ input: process.stdin, output, terminal: true });
  try {
    return await new Promise<string>((resolve) => {
      readline.question(prompt, (answer) => {
        process.stderr.write('\n');
        resolve(answer);
      });
      muted = true;
    });
  } finally {
    readline.close();
  }
}
