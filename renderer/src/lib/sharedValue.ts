import { useSyncExternalStore } from 'react';

/**
 * A value several components share outside React state (which issue is open, a pending request
 * to open a dialog): set from anywhere, read with a hook that re-renders on change.
 */
export interface SharedValue<T> {
  get(): T;
  set(value: T): void;
  use(): T;
}

export function createSharedValue<T>(initial: T): SharedValue<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };
  return {
    get: () => value,
    set(next) {
      value = next;
      for (const listener of listeners) listener();
    },
    use: () => useSyncExternalStore(subscribe, () => value),
  };
}
