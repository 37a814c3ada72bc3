import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';

/** Drops files from disk on an element, as a drag from the desktop would (dragover, then drop). */
export async function dropFiles(
  page: Page,
  target: Locator,
  files: readonly string[],
): Promise<void> {
  const payload = await Promise.all(
    files.map(async (file) => ({ name: path.basename(file), data: [...(await readFile(file))] })),
  );
  const dataTransfer = await page.evaluateHandle((items) => {
    const transfer = new DataTransfer();
    for (const item of items) transfer.items.add(new File([new Uint8Array(item.data)], item.name));
    return transfer;
  }, payload);
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}

/** The name of a file the app saved in `dir` (the host's downloads folder), if one matches. */
export function savedFile(dir: string, pattern: RegExp): string | undefined {
  try {
    return readdirSync(dir).find((name) => pattern.test(name));
  } catch {
    return undefined;
  }
}
