import { useSyncExternalStore } from 'react';
import type { IssueDraftInput } from '../../../../core/model';

/**
 * Opens the one Raise issue dialog from anywhere (presenter mode, an evidence finding, a control
 * verdict, a telemetry alert) with a prefilled draft. The dialog lives in IssueRaiser, mounted
 * by the shell; features that want their own dialog can render RaiseIssueDialog instead.
 */
export type RaisePrefill = Partial<IssueDraftInput> & { workspaceId?: string };

let request: RaisePrefill | null = null;
const listeners = new Set<() => void>();

export function requestRaiseIssue(prefill: RaisePrefill = {}): void {
  request = prefill;
  for (const listener of listeners) listener();
}

export function clearRaiseRequest(): void {
  request = null;
  for (const listener of listeners) listener();
}

export function useRaiseRequest(): RaisePrefill | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => request,
  );
}
