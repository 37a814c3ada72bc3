import { useSyncExternalStore } from 'react';

/** Which post-mortem the Post-mortems area has open; set before navigating there. */
let selectedId: string | null = null;
const listeners = new Set<() => void>();

export function selectPostMortem(id: string | null): void {
  selectedId = id;
  for (const listener of listeners) listener();
}

export function useSelectedPostMortemId(): string | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => selectedId,
  );
}
