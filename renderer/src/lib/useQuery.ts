import { liveQuery } from 'dexie';
import type { DependencyList } from 'react';
import { useEffect, useState } from 'react';

export interface QueryState<T> {
  data: T | undefined;
  isLoading: boolean;
  error: Error | undefined;
}

interface Snapshot<T> {
  /** The dependencies this snapshot was read for; null before the first result. */
  deps: DependencyList | null;
  data: T | undefined;
  error: Error | undefined;
}

function sameDeps(a: DependencyList | null, b: DependencyList): boolean {
  return (
    a !== null && a.length === b.length && a.every((value, index) => Object.is(value, b[index]))
  );
}

/**
 * Live read from the database: re-runs whenever the data it read changes (in this window or
 * another), and reports loading and errors instead of throwing them into the render. While new
 * dependencies load, the previous data stays visible.
 */
export function useQuery<T>(querier: () => Promise<T> | T, deps: DependencyList): QueryState<T> {
  const [snapshot, setSnapshot] = useState<Snapshot<T>>({
    deps: null,
    data: undefined,
    error: undefined,
  });
  useEffect(() => {
    const subscription = liveQuery(querier).subscribe({
      next: (data) => setSnapshot({ deps, data, error: undefined }),
      error: (error: unknown) =>
        setSnapshot({
          deps,
          data: undefined,
          error: error instanceof Error ? error : new Error(String(error)),
        }),
    });
    return () => subscription.unsubscribe();
    // The caller lists what the querier depends on, as for useEffect (checked at call sites).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return { data: snapshot.data, error: snapshot.error, isLoading: !sameDeps(snapshot.deps, deps) };
}
