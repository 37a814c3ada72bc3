import { db } from '../../db';
import { saveSetting } from '../settings/commands';
import type { SampleProgress } from './build';
import { createSample } from './build';
import { deleteSample, readSample } from './remove';

/**
 * Opens the sample workspace. A sample left half-built (the app closed while building it) is
 * deleted first, so what opens is always complete.
 */
export async function openSample(onProgress: (progress: SampleProgress) => void): Promise<void> {
  if (!(await isComplete())) {
    await deleteSample();
    await createSample(onProgress);
  }
  await saveSetting('firstRunStart', 'sample');
}

/** The sample's last step is the sign-off: a sample with one is complete. */
async function isComplete(): Promise<boolean> {
  const { workspaces } = await readSample();
  for (const workspace of workspaces) {
    if ((await db.demoSignOffs.where('workspaceId').equals(workspace.id).count()) > 0) return true;
  }
  return false;
}

export async function startEmpty(): Promise<void> {
  await saveSetting('firstRunStart', 'empty');
}

export async function startedFromBackup(): Promise<void> {
  await saveSetting('firstRunStart', 'backup');
}
