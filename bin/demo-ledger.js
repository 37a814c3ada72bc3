#!/usr/bin/env node
// The `demo-ledger` command. The program itself is built by `npm run build` into out/node/.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../out/node/cli.js', import.meta.url));
if (!existsSync(built)) {
  process.stderr.write('demo-ledger is not built yet. Run: npm run build\n');
  process.exit(2);
}
await import(pathToFileURL(built).href);
