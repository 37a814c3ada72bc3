import { useSyncExternalStore } from 'react';

/**
 * The current time for rendering, from one shared one-second ticker that runs only while
 * something on screen reads it. `resolutionMs` rounds it down (60_000: once a minute), so a
 * component re-renders only when the value it shows can change.
 */
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const each of listeners) each();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

export function useNow(resolutionMs = 1000): number {
  return useSyncExternalStore(subscribe, () => Math.floor(now / resolutionMs) * resolutionMs);
}
