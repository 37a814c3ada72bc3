import type { Api } from '../../../../core/ipc/api';
import { db } from '../../../../renderer/src/db';
import { createWorkspace } from '../../../../renderer/src/features/workspaces/commands';

/** Files the app asked the host to save, captured by a stand-in for the host API. */
export const savedFiles: { suggestedName: string; text: string }[] = [];

/** Installs a host API whose file:save records the file instead of opening a dialog. */
export function installFakeHost(): void {
  const api = {
    fileSave: async ({ suggestedName, data }: { suggestedName: string; data: Uint8Array }) => {
      savedFiles.push({ suggestedName, text: new TextDecoder().decode(data) });
      return { path: `/downloads/${suggestedName}` };
    },
  } as unknown as Api;
  window.api = api;
}

export async function freshDatabase(): Promise<void> {
  db.close();
  await db.delete();
  await db.open();
  savedFiles.length = 0;
}

export async function workspace(name = 'Payments'): Promise<string> {
  return (await createWorkspace({ name, description: '' })).id;
}
