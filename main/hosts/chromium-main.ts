import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ChromiumHostError, launchChromiumHost } from './chromium';

/**
 * `node out/node/chromium-host.js [--profile DIR] [--downloads DIR] [--headless]`
 * Opens Demo Ledger in Chromium and runs until its window is closed.
 */

const projectRoot = path.resolve(import.meta.dirname, '../..');

function dataHome(): string {
  return process.env['XDG_DATA_HOME'] || path.join(homedir(), '.local', 'share');
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      profile: { type: 'string' },
      downloads: { type: 'string' },
      headless: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(
      'Usage: node out/node/chromium-host.js [--profile DIR] [--downloads DIR] [--headless]',
    );
    return 0;
  }
  const profileDir = path.resolve(
    values.profile ?? path.join(dataHome(), 'demo-ledger', 'chromium-profile'),
  );
  const downloadsDir = path.resolve(
    values.downloads ?? path.join(homedir(), 'Downloads', 'Demo Ledger'),
  );
  try {
    const host = await launchChromiumHost({
      profileDir,
      downloadsDir,
      rendererDir: path.join(projectRoot, 'out', 'renderer'),
      headless: values.headless,
      appVersion: packageVersion(),
    });
    console.log(
      `Demo Ledger is open in Chromium.\n  Data:        ${profileDir}\n  Saved files: ${downloadsDir}`,
    );
    const closed = new Promise<void>((resolve) => host.context.once('close', () => resolve()));
    const stop = (): void => void host.close();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    await closed;
    return 0;
  } catch (error) {
    if (error instanceof ChromiumHostError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
