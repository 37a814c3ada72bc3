import { dismiss, notify, notifyError } from './notifications';

/**
 * Undo, one mechanism for every area: a command that removes or replaces something offers the
 * way back (`offerUndo`); for `UNDO_MS` a notice shows an Undo button and Ctrl+Z (outside text
 * fields) runs it. Only the latest action can be undone. The undo is a write of its own, audited
 * as `undo`: the log keeps both the change and its reversal.
 */
export interface Undoable {
  /** What was done, as a sentence without a full stop: "Observation removed". */
  description: string;
  undo: () => Promise<void>;
}

export const UNDO_MS = 10_000;

let latest: { entry: Undoable; notice: number; expires: number } | null = null;

export function offerUndo(entry: Undoable): void {
  if (latest) dismiss(latest.notice);
  const notice = notify('success', `${entry.description}.`, {
    action: { label: 'Undo', run: () => void undoLatest() },
    timeoutMs: UNDO_MS,
  });
  latest = { entry, notice, expires: Date.now() + UNDO_MS };
}

/** Undoes the latest action if it is still offered; says so when there is nothing to undo. */
export async function undoLatest(): Promise<void> {
  const current = latest;
  latest = null;
  if (!current || Date.now() > current.expires) {
    notify('info', 'Nothing to undo.');
    return;
  }
  dismiss(current.notice);
  try {
    await current.entry.undo();
    notify('info', `Undone: ${current.entry.description.toLowerCase()}.`);
  } catch (error) {
    notifyError(error, 'Could not undo');
  }
}
