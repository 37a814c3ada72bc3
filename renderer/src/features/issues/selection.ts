import { useSyncExternalStore } from 'react';

/**
 * Which issue the Issues area shows in detail. Kept outside the page so other areas can open an
 * issue (post-mortem actions, a raised issue) before navigating there.
 */
let selectedIssueId: string | null = null;
const listeners = new Set<() => void>();

export function selectIssue(id: string | null): void {
  selectedIssueId = id;
  for (const listener of listeners) listener();
}

export function useSelectedIssueId(): string | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => selectedIssueId,
  );
}
